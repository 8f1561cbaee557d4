package org.onedoor.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.onedoor.monitoring.Reading;

/**
 * The demo city's drug-production monitoring feed (issue 15, item 3): a year of readings of the eight
 * indicators of {@code drug-production} for the city's drug makers in business (行业门类 药品生产, 存续 or
 * 列入经营异常名录 in the generated city, {@link CityGenerator#DEFAULT_SEED}: 84 makers), deterministic from a
 * seed, produced day by day (nothing held but a day). About 340,000 readings.
 *
 * <p>Each maker has a profile — good (55 %), fair (30 %), poor (15 %) — that sets how often an excursion
 * starts (a fault lasting 1–3 days during which 60 % of an indicator's readings break one rule's limit) and
 * how often the plant stops reporting for 3–6 days (an outage: missing reports). Outside excursions a
 * reading breaks a limit once in 2,000. With the department checking every open warning each Monday (the
 * benchmark's and the end-to-end test's simulated inspectors), the feed raises on the order of a thousand
 * warnings over the year (the article: 1,069 from 340,000). The demo profile feeds the last weeks of it for
 * the directory's drug makers at the first start ({@link DemoMonitoringFeed}); {@link #main} writes it as
 * the CSV file staff upload (监测数据导入).
 *
 * <p>Readings per maker and day: clean-area temperature, humidity and pressure difference and cold-store
 * temperature at two times; particles and water conductivity once; TOC and sterilisation temperature once on
 * weekdays (production days).
 */
public final class DrugProductionFeed {

  public static final long DEFAULT_SEED = 20260115L;
  public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
  public static final int DAYS = 365;
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final String SOURCE = "drug-production";

  public enum Profile {
    GOOD(0.0012, 0.004),
    FAIR(0.0045, 0.006),
    POOR(0.014, 0.010);

    final double excursion;
    final double outage;

    Profile(double excursion, double outage) {
      this.excursion = excursion;
      this.outage = outage;
    }
  }

  /** A drug maker of the city: its directory row (the city's entities.csv line) and its profile. */
  public record Maker(String uscc, String name, String csvLine, Profile profile) {}

  /** How a rule of the table is broken: which indicator, upwards or downwards. */
  private record Breach(String rule, String indicator, boolean above) {}

  private static final List<Breach> BREACHES = List.of(
      new Breach("DP-01", "cleanroom-temperature", true),
      new Breach("DP-02", "cleanroom-temperature", false),
      new Breach("DP-03", "cleanroom-humidity", true),
      new Breach("DP-04", "pressure-difference", false),
      new Breach("DP-05", "particles", true),
      new Breach("DP-06", "water-conductivity", true),
      new Breach("DP-07", "water-toc", true),
      new Breach("DP-08", "cold-storage-temperature", true),
      new Breach("DP-09", "cold-storage-temperature", false),
      new Breach("DP-10", "sterilization-temperature", false));

  /** An indicator's schedule and values: normal mean and spread, the limit a breach crosses and by how much. */
  private record Series(String indicator, int[] hours, boolean weekdaysOnly, double mean, double sd, double low,
      double high) {}

  private static final List<Series> SERIES = List.of(
      new Series("cleanroom-temperature", new int[] {8, 20}, false, 22.0, 1.0, 18.5, 25.5),
      new Series("cleanroom-humidity", new int[] {8, 20}, false, 52.0, 4.0, 45.0, 64.5),
      new Series("pressure-difference", new int[] {8, 20}, false, 15.0, 1.5, 10.5, 25.0),
      new Series("particles", new int[] {10}, false, 800, 300, 50, 3400),
      new Series("water-conductivity", new int[] {9}, false, 1.5, 0.4, 0.3, 5.0),
      new Series("water-toc", new int[] {9}, true, 150, 60, 20, 480),
      new Series("cold-storage-temperature", new int[] {6, 18}, false, 5.0, 0.8, 2.5, 7.5),
      new Series("sterilization-temperature", new int[] {14}, true, 121.8, 0.3, 121.1, 123.0));

  private final List<Maker> makers;
  private final LocalDate firstDay;
  private final SplittableRandom random;
  /** Days left of each maker's excursion per breach, and of its outage. */
  private final int[][] excursion;
  private final int[] outage;
  private final int days;
  private int day;

  public DrugProductionFeed(List<Maker> makers, long seed) {
    this(makers, seed, FIRST_DAY);
  }

  /** The same kind of year from another first day (a warm-up on other days than the measured ones). */
  public DrugProductionFeed(List<Maker> makers, long seed, LocalDate firstDay) {
    this(makers, seed, firstDay, DAYS);
  }

  /** {@code days} days from {@code firstDay}. */
  public DrugProductionFeed(List<Maker> makers, long seed, LocalDate firstDay, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, not " + days);
    }
    this.days = days;
    this.makers = List.copyOf(makers);
    this.firstDay = firstDay;
    this.random = new SplittableRandom(seed);
    this.excursion = new int[makers.size()][BREACHES.size()];
    this.outage = new int[makers.size()];
  }

  public List<Maker> makers() {
    return makers;
  }

  /**
   * The city's drug makers in business, read from the generated city (entities.csv of {@link CityGenerator}),
   * each given a profile from {@code seed}.
   */
  public static List<Maker> makers(Path entitiesCsv, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Maker> makers = new ArrayList<>();
    for (String line : Files.readAllLines(entitiesCsv, StandardCharsets.UTF_8)) {
      String[] cells = line.split(",", -1);
      if (cells.length > 10 && cells[3].equals("药品生产") && (cells[10].equals("存续") || cells[10].equals("列入经营异常名录"))) {
        makers.add(new Maker(cells[0], cells[1], line, profile(random.nextDouble())));
      }
    }
    return makers;
  }

  /** Makers for businesses given as USCC and name, in that order, each given a profile from {@code seed}. */
  public static List<Maker> makers(List<String[]> usccAndName, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Maker> makers = new ArrayList<>();
    for (String[] business : usccAndName) {
      makers.add(new Maker(business[0], business[1], null, profile(random.nextDouble())));
    }
    return makers;
  }

  private static Profile profile(double x) {
    return x < 0.55 ? Profile.GOOD : x < 0.85 ? Profile.FAIR : Profile.POOR;
  }

  /** Generates the city (73,000 entities) into {@code dir} and returns its drug makers in business. */
  public static List<Maker> cityMakers(Path dir, long seed) throws IOException {
    return generatedMakers(dir, CityGenerator.Scale.city(), seed);
  }

  /** Generates the city at {@code scale} into {@code dir} and returns its drug makers in business. */
  public static List<Maker> generatedMakers(Path dir, CityGenerator.Scale scale, long seed) throws IOException {
    CityGenerator.Result city = CityGenerator.generate(dir, CityGenerator.DEFAULT_SEED, scale);
    return makers(city.dir().resolve(CityGenerator.ENTITIES), seed);
  }

  /**
   * {@code reading} moved {@code days} days in time. The demo sends the feed of its fixed first day moved to
   * the weeks before today, so that the readings and the warnings they raise are the same whatever the day
   * (a weekday-only indicator may then fall on a weekend).
   */
  public static Reading moved(Reading reading, long days) {
    return new Reading(reading.source(), reading.uscc(), reading.indicator(),
        reading.measuredAt().atZone(ZONE).plusDays(days).toInstant(), reading.value());
  }

  /** The header of the city's entity file, for importing the makers. */
  public static String entityHeader(Path entitiesCsv) throws IOException {
    try (var lines = Files.lines(entitiesCsv, StandardCharsets.UTF_8)) {
      return lines.findFirst().orElseThrow();
    }
  }

  public boolean hasNext() {
    return day < days;
  }

  public LocalDate nextDay() {
    return firstDay.plusDays(day);
  }

  /** The readings of the next day, every maker, in time order within each maker. */
  public List<Reading> next() {
    LocalDate date = firstDay.plusDays(day++);
    boolean weekday = date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    List<Reading> readings = new ArrayList<>(makers.size() * 12);
    for (int m = 0; m < makers.size(); m++) {
      Maker maker = makers.get(m);
      if (outage[m] > 0) {
        outage[m]--;
        continue;
      }
      if (random.nextDouble() < maker.profile().outage) {
        outage[m] = 2 + random.nextInt(4); // today and 2-5 more days: 3-6 days without readings
        continue;
      }
      for (Series s : SERIES) {
        if (s.weekdaysOnly() && !weekday) {
          continue;
        }
        for (int hour : s.hours()) {
          Instant at = date.atTime(LocalTime.of(hour, random.nextInt(3) * 5)).atZone(ZONE).toInstant();
          readings.add(new Reading(SOURCE, maker.uscc(), s.indicator(), at, value(m, s)));
        }
      }
      for (int b = 0; b < BREACHES.size(); b++) {
        if (excursion[m][b] > 0) {
          excursion[m][b]--;
        } else if (random.nextDouble() < maker.profile().excursion) {
          excursion[m][b] = 1 + random.nextInt(3);
        }
      }
    }
    return readings;
  }

  /**
   * Writes the feed as the upload file staff import (监测数据导入, UTF-8 CSV with the Chinese header): the drug
   * makers of the demo slice ({@code --scale slice}, the demo profile's) or of the whole city, {@code --days}
   * days ending yesterday (or from {@code --first}).
   * <pre>
   * ./mvnw -q exec:java -Dexec.mainClass=org.onedoor.demo.DrugProductionFeed \
   *   -Dexec.args="--out target/drug-production.csv --days 60 --scale slice"
   * </pre>
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of("target/drug-production.csv");
    int days = 60;
    LocalDate first = null;
    String scale = "slice";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[i + 1]);
        case "--days" -> days = Integer.parseInt(args[i + 1]);
        case "--first" -> first = LocalDate.parse(args[i + 1]);
        case "--scale" -> scale = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (options: --out FILE --days N --first YYYY-MM-DD --scale slice|city)");
      }
    }
    if (first == null) {
      first = LocalDate.now(ZONE).minusDays(days);
    }
    List<Maker> makers = generatedMakers(Files.createTempDirectory("onedoor-city"),
        "city".equals(scale) ? CityGenerator.Scale.city() : CityGenerator.Scale.slice(), DEFAULT_SEED);
    DrugProductionFeed feed = new DrugProductionFeed(makers, DEFAULT_SEED, FIRST_DAY, days);
    long shift = java.time.temporal.ChronoUnit.DAYS.between(FIRST_DAY, first);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    long rows = 0;
    try (var writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      writer.write("来源,统一社会信用代码,指标,数值,测量时间\n");
      while (feed.hasNext()) {
        for (Reading next : feed.next()) {
          Reading r = moved(next, shift);
          writer.write(r.source() + "," + r.uscc() + "," + r.indicator() + "," + r.value() + ","
              + time.format(r.measuredAt().atZone(ZONE)) + "\n");
          rows++;
        }
      }
    }
    System.out.printf(java.util.Locale.ROOT, "%d readings of %d drug makers, %s to %s, written to %s%n", rows,
        feed.makers().size(), first, first.plusDays(days - 1L), out);
  }

  /** A reading of {@code s}: breaking a limit during an excursion (60 %) or by chance (1 in 2,000), else normal. */
  private double value(int maker, Series s) {
    for (int b = 0; b < BREACHES.size(); b++) {
      Breach breach = BREACHES.get(b);
      if (!breach.indicator().equals(s.indicator())) {
        continue;
      }
      boolean breaks = excursion[maker][b] > 0 ? random.nextDouble() < 0.6 : random.nextDouble() < 0.0005;
      if (breaks) {
        return round(breach.above() ? s.high() + (s.high() - s.mean()) * (0.3 + random.nextDouble())
            : s.low() - (s.mean() - s.low()) * (0.3 + random.nextDouble()), s);
      }
    }
    double v = s.mean() + s.sd() * gaussian();
    return round(Math.max(s.low(), Math.min(s.high(), v)), s);
  }

  private double gaussian() {
    // Box-Muller on the seeded stream (SplittableRandom has no nextGaussian)
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static double round(double v, Series s) {
    double scale = s.mean() > 100 && s.sd() > 1 ? 1 : s.mean() < 10 ? 100 : 10;
    return Math.round(v * scale) / scale;
  }
}
