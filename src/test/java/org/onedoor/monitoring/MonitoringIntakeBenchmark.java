package org.onedoor.monitoring;

import org.onedoor.demo.DrugProductionFeed;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.onedoor.OnedoorApplication;
import org.onedoor.credit.WarningStarter;
import org.onedoor.directory.DirectoryImports;
import org.onedoor.directory.EntityImporter;
import org.onedoor.directory.ImportBenchmark.HeapWatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monitoring intake benchmark (issue 15, item 3): the demo city's drug-production feed
 * ({@link DrugProductionFeed}: 84 makers, a year, ~340,000 readings) taken in as the platform sends it — one
 * request per day, its JSON parsed and checked ({@link JsonReadings}, {@link ReadingParser}), then
 * {@link MonitoringIntake#ingestCall}: directory look-up, the readings stored once each, the rules of
 * monitoring-drug-production.dmn applied, warnings registered and their processes started — and the daily
 * check of missing reports ({@link MonitoringEvaluation#checkSilence}). In the same run, day by day and in
 * alternating order (so the shared machine's load weighs on both alike), the same readings are inserted with
 * plain JDBC — one PreparedStatement batch and one commit per day, no parsing, validation or look-up — into
 * the same table (under another source code, so the keys do not meet): the baseline.
 *
 * <p>Between days the department's inspectors are simulated ({@link SimulatedInspectors}): every Monday
 * they check the open warnings, so the rules may raise the next. Their work (running the warnings' start
 * jobs and completing the check tasks) is not part of the timed intake and is reported on its own. First a
 * warm-up of {@code --warmup-days} on the year before (its readings stay; its warnings are checked and not
 * counted).
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx512m -cp target/test-classes:target/classes:$(cat target/bench.cp) org.onedoor.monitoring.MonitoringIntakeBenchmark
 *     [--db h2,postgres] [--days 365] [--warmup-days 60] [--seed 20260115]
 * </pre>
 */
public final class MonitoringIntakeBenchmark {

  static final String PLAIN_SOURCE = "bench-plain";

  record Options(List<String> databases, int days, int warmupDays, long seed, Path work) {
    static Options parse(String[] args) throws Exception {
      List<String> databases = List.of("h2", "postgres");
      int days = DrugProductionFeed.DAYS;
      int warmup = 60;
      long seed = DrugProductionFeed.DEFAULT_SEED;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--db" -> databases = List.of(args[++i].split(","));
          case "--days" -> days = Integer.parseInt(args[++i]);
          case "--warmup-days" -> warmup = Integer.parseInt(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          default -> throw new IllegalArgumentException(
              "usage: MonitoringIntakeBenchmark [--db h2,postgres] [--days 365] [--warmup-days 60] [--seed N]");
        }
      }
      if (days < 1 || days > DrugProductionFeed.DAYS || warmup < 0 || warmup > DrugProductionFeed.DAYS) {
        throw new IllegalArgumentException("--days 1-365, --warmup-days 0-365");
      }
      return new Options(databases, days, warmup, seed, Files.createTempDirectory("onedoor-monitoring-bench"));
    }
  }

  /** What one database measured. */
  record Figures(String database, int makers, long readings, long stored, double intakeSeconds,
      double silenceSeconds, double plainSeconds, int warnings, Map<String, Integer> warningsByRule, int checked,
      double checkSeconds, double startSeconds, long peakUsed, long peakAfterGc) {

    double ours() {
      return intakeSeconds + silenceSeconds;
    }

    double ratio() {
      return plainSeconds / ours();
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    long started = System.nanoTime();
    List<DrugProductionFeed.Maker> makers = DrugProductionFeed.cityMakers(options.work().resolve("city"), options.seed());
    print("generated the city: %d drug makers in business (%.1f s)", makers.size(), (System.nanoTime() - started) / 1e9);
    Path makersCsv = options.work().resolve("makers.csv");
    List<String> lines = new ArrayList<>();
    lines.add(DrugProductionFeed.entityHeader(options.work().resolve("city").resolve("entities.csv")));
    makers.forEach(m -> lines.add(m.csvLine()));
    Files.write(makersCsv, lines, StandardCharsets.UTF_8);
    List<Figures> all = new ArrayList<>();
    for (String database : options.databases()) {
      all.add(switch (database) {
        case "h2" -> onH2(options, makers, makersCsv);
        case "postgres", "postgresql", "pg" -> onPostgres(options, makers, makersCsv);
        default -> throw new IllegalArgumentException("unknown database " + database + " (h2 or postgres)");
      });
    }
    System.out.println();
    System.out.println(report(options, all));
    System.exit(0);
  }

  private static Figures onH2(Options options, List<DrugProductionFeed.Maker> makers, Path makersCsv) throws Exception {
    String url = "jdbc:h2:mem:onedoor-monitoring-bench;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE";
    try (ConfigurableApplicationContext context = start(options, "h2", List.of("demo"), "--spring.datasource.url=" + url)) {
      return measure("H2 (in-memory)", context, options, makers, makersCsv);
    }
  }

  private static Figures onPostgres(Options options, List<DrugProductionFeed.Maker> makers, Path makersCsv)
      throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (ConfigurableApplicationContext context = start(options, "postgres", List.of("postgres", "demo"),
          "--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--ONEDOOR_DB_USER=postgres",
          "--ONEDOOR_DB_PASSWORD=postgres")) {
        String version = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("show server_version",
            String.class);
        return measure("PostgreSQL " + version + " (embedded)", context, options, makers, makersCsv);
      }
    }
  }

  /** The application as the import benchmark starts it: random port, no job executor, no webapps, no schedules. */
  private static ConfigurableApplicationContext start(Options options, String name, List<String> profiles,
      String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(
        "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.webapp.enabled=false",
        "--onedoor.demo.load-slice=false",
        "--onedoor.demo.run-plan=false",
        "--onedoor.monitoring.silence-cron=-",
        "--onedoor.imports.dir=" + options.work().resolve("imports-" + name),
        "--logging.level.root=WARN",
        "--logging.level.org.camunda=WARN",
        "--spring.main.banner-mode=off"));
    long started = System.nanoTime();
    ConfigurableApplicationContext context = new SpringApplicationBuilder(OnedoorApplication.class)
        .profiles(profiles.toArray(String[]::new)).run(all.toArray(String[]::new));
    print("%s: application started in %.1f s", name, (System.nanoTime() - started) / 1e9);
    return context;
  }

  /** Everything the run needs from the application. */
  private record Beans(ObjectMapper json, ReadingParser parser, MonitoringIntake intake,
      MonitoringEvaluation evaluation, DataSource dataSource, JdbcTemplate jdbc, SimulatedInspectors inspectors,
      WarningStarter starter, Timer starts) {}

  private static Figures measure(String database, ConfigurableApplicationContext context, Options options,
      List<DrugProductionFeed.Maker> makers, Path makersCsv) throws Exception {
    Instant clockBefore = Instant.now();
    DirectoryImports.Job imported = context.getBean(EntityImporter.class).importNow(makersCsv, "admin");
    if (imported.rowsAccepted() != makers.size()) {
      throw new IllegalStateException("the makers did not all import: " + imported);
    }
    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    Beans beans = new Beans(context.getBean(ObjectMapper.class), context.getBean(ReadingParser.class),
        context.getBean(MonitoringIntake.class), context.getBean(MonitoringEvaluation.class),
        context.getBean(DataSource.class), jdbc,
        new SimulatedInspectors(jdbc, context.getBean(ManagementService.class), context.getBean(TaskService.class),
            context.getBean(FormService.class), context.getBean(IdentityService.class), "zhangwei"),
        context.getBean(WarningStarter.class), context.getBean(MeterRegistry.class).get("onedoor.warnings.start").timer());
    try {
      if (options.warmupDays() > 0) {
        Run warm = year(beans, new DrugProductionFeed(makers, options.seed() + 1,
            DrugProductionFeed.FIRST_DAY.minusYears(1)), options.warmupDays(), false);
        beans.inspectors().checkAll(DrugProductionFeed.SOURCE);
        // its readings stay (the tables are as large for both), its warnings are not counted
        jdbc.update("UPDATE credit_risk_warning SET feed = 'warm-up' WHERE feed = ?", DrugProductionFeed.SOURCE);
        print("%s warm-up: %,d readings over %d days of the year before, ratio %.2f", database,
            warm.readings, options.warmupDays(), warm.plainSeconds / (warm.intakeSeconds + warm.silenceSeconds));
      }
      System.gc();
      Run run;
      double startsBefore = beans.starts().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
      try (HeapWatch heap = new HeapWatch()) {
        run = year(beans, new DrugProductionFeed(makers, options.seed()), options.days(), true);
        beans.starter().sweep();
        run.peakUsed = heap.peakUsed();
        run.peakAfterGc = heap.peakAfterGc();
      }
      run.startSeconds = (beans.starts().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - startsBefore) / 1e9;
      Map<String, Integer> byRule = new LinkedHashMap<>();
      jdbc.query("SELECT rule_code, COUNT(*) FROM credit_risk_warning WHERE feed = ? GROUP BY rule_code ORDER BY rule_code",
          rs -> {
            byRule.put(rs.getString(1), rs.getInt(2));
          }, DrugProductionFeed.SOURCE);
      Figures figures = new Figures(database, makers.size(), run.readings, run.stored, run.intakeSeconds,
          run.silenceSeconds, run.plainSeconds, run.warnings, byRule, run.checked, run.checkSeconds, run.startSeconds,
          run.peakUsed, run.peakAfterGc);
      print("%s: %,d readings, intake %.1f s + missing-report checks %.1f s, plain JDBC %.1f s: ratio %.2f;"
              + " %,d warnings %s, their processes started after each commit in %.1f s (background);"
              + " inspectors checked %,d in %.1f s (not timed); heap peak %s, live after GC %s",
          database, figures.readings(), figures.intakeSeconds(), figures.silenceSeconds(), figures.plainSeconds(),
          figures.ratio(), figures.warnings(), byRule, figures.startSeconds(), figures.checked(), figures.checkSeconds(),
          mb(figures.peakUsed()), mb(figures.peakAfterGc()));
      return figures;
    } finally {
      ClockUtil.setCurrentTime(Date.from(clockBefore));
      ClockUtil.reset();
    }
  }

  /** What one pass over the feed did. */
  private static final class Run {
    long readings;
    long stored;
    double intakeSeconds;
    double silenceSeconds;
    double plainSeconds;
    int warnings;
    int checked;
    double checkSeconds;
    double startSeconds;
    long peakUsed;
    long peakAfterGc;
  }

  /** Day by day: the platform's request and the plain insert (alternating first), the morning check, Mondays the inspectors. */
  private static Run year(Beans beans, DrugProductionFeed feed, int days, boolean log) throws Exception {
    Run run = new Run();
    MonitoringIntake.Submitter platform = new MonitoringIntake.Submitter("drug-platform", List.of("role-monitoring-system"));
    for (int d = 0; d < days && feed.hasNext(); d++) {
      LocalDate day = feed.nextDay();
      List<Reading> readings = feed.next();
      byte[] body = beans.json().writeValueAsBytes(readings.stream().map(MonitoringIntakeBenchmark::asJson).toList());
      Instant evening = day.atTime(LocalTime.of(23, 0)).atZone(DrugProductionFeed.ZONE).toInstant();
      ClockUtil.setCurrentTime(Date.from(evening));
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == (d % 2 == 0)) {
          long t0 = System.nanoTime();
          JsonReadings.Parsed parsed = JsonReadings.parse(body, Integer.MAX_VALUE, beans.parser(), evening);
          if (!parsed.refused().isEmpty()) {
            throw new IllegalStateException(day + ": refused " + parsed.refused().get(0));
          }
          MonitoringIntake.Outcome outcome = beans.intake().ingestCall(parsed.candidates(), 0, platform, evening);
          run.intakeSeconds += (System.nanoTime() - t0) / 1e9;
          if (!outcome.refusals().isEmpty()) {
            throw new IllegalStateException(day + ": refused " + outcome.refusals().get(0));
          }
          run.stored += outcome.stored();
          run.warnings += outcome.warningsRaised();
        } else {
          run.plainSeconds += plainInsert(beans.dataSource(), readings);
        }
      }
      run.readings += readings.size();
      Instant morning = day.plusDays(1).atTime(LocalTime.of(6, 30)).atZone(DrugProductionFeed.ZONE).toInstant();
      ClockUtil.setCurrentTime(Date.from(morning));
      long t1 = System.nanoTime();
      run.warnings += beans.evaluation().checkSilence(morning);
      run.silenceSeconds += (System.nanoTime() - t1) / 1e9;
      if (day.plusDays(1).getDayOfWeek() == DayOfWeek.MONDAY) {
        ClockUtil.setCurrentTime(Date.from(morning.plusSeconds(9_000)));
        long t2 = System.nanoTime();
        beans.starter().sweep(); // any warning whose background start has not run yet
        run.checked += beans.inspectors().checkAll(DrugProductionFeed.SOURCE);
        run.checkSeconds += (System.nanoTime() - t2) / 1e9;
      }
      if (log && (d + 1) % 30 == 0) {
        print("  day %3d (%s): %,d readings, intake %.1f s, checks %.1f s, plain %.1f s, %,d warnings", d + 1, day,
            run.readings, run.intakeSeconds, run.silenceSeconds, run.plainSeconds, run.warnings);
      }
    }
    return run;
  }

  /** A reading as the platform sends it. */
  private static Map<String, Object> asJson(Reading r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    m.put("uscc", r.uscc());
    m.put("indicator", r.indicator());
    m.put("value", r.value());
    m.put("measuredAt", r.measuredAt().atZone(DrugProductionFeed.ZONE).toOffsetDateTime().toString());
    return m;
  }

  /** The baseline: the day's readings as they are, one PreparedStatement batch and one commit. Returns seconds. */
  static double plainInsert(DataSource dataSource, List<Reading> readings) throws Exception {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
              + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Reading r : readings) {
          insert.setString(1, PLAIN_SOURCE);
          insert.setString(2, r.uscc());
          insert.setString(3, r.indicator());
          insert.setTimestamp(4, Timestamp.from(r.measuredAt()));
          insert.setDouble(5, r.value());
          insert.setLong(6, 0);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  static String report(Options options, List<Figures> all) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Monitoring intake benchmark: %d days of the drug-production feed (seed %d),"
            + " one request per day, max heap (-Xmx) %s, %d cores%n", options.days(), options.seed(),
        mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax()), Runtime.getRuntime().availableProcessors()));
    out.append(String.format(Locale.ROOT, "%-30s %8s %9s %10s %9s %9s %6s %8s %9s %10s %9s%n", "database", "readings",
        "intake s", "checks s", "plain s", "reads/s", "ratio", "warnings", "starts s", "heap peak", "live max"));
    for (Figures f : all) {
      out.append(String.format(Locale.ROOT, "%-30s %,8d %9.1f %10.1f %9.1f %,9.0f %6.2f %,8d %9.1f %10s %9s%n",
          f.database(), f.readings(), f.intakeSeconds(), f.silenceSeconds(), f.plainSeconds(),
          f.readings() / f.ours(), f.ratio(), f.warnings(), f.startSeconds(), mb(f.peakUsed()), mb(f.peakAfterGc())));
    }
    out.append("ratio = plain JDBC seconds / (intake + missing-report checks) seconds; goal >= 0.5 and heap < 512 MB;\n"
        + "starts s = the warnings' risk-warning instances, started after each intake commits (background worker)");
    return out.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
