package org.onedoor.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads holiday files in the NateScarlet/holiday-cn format (MIT):
 * {@code {"year":2026,"papers":[…],"days":[{"name":"国庆节","date":"2026-10-01","isOffDay":true}…]}}.
 *
 * <p>The files shipped with onedoor are on the classpath under {@value #CLASSPATH_PATTERN}; an
 * optional directory ({@code onedoor.calendar.data-dir}) holds newer files, each replacing the
 * shipped file of its year (the State Council sometimes amends a notice mid-year). A file that
 * cannot be read stops the start: a silently wrong calendar would move legal deadlines.
 */
public final class HolidayData {

  public static final String CLASSPATH_PATTERN = "classpath*:calendar/holiday-cn/*.json";

  private static final Logger log = LoggerFactory.getLogger(HolidayData.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern YEAR_IN_NAME = Pattern.compile("(\\d{4})\\.json$");

  private HolidayData() {}

  /** The shipped files plus, when {@code overrideDir} is not null, the files found there. */
  public static List<HolidayYear> load(Path overrideDir) {
    List<HolidayYear> years = fromClasspath();
    return overrideDir == null ? years : merge(years, fromDirectory(overrideDir));
  }

  /** Every {@code calendar/holiday-cn/*.json} on the classpath. */
  public static List<HolidayYear> fromClasspath() {
    try {
      Resource[] resources =
          new PathMatchingResourcePatternResolver(HolidayData.class.getClassLoader())
              .getResources(CLASSPATH_PATTERN);
      List<HolidayYear> years = new ArrayList<>();
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          years.add(parse(in, resource.getFilename(), resource.getDescription()));
        }
      }
      return merge(List.of(), years);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the holiday files " + CLASSPATH_PATTERN, e);
    }
  }

  /** Every {@code *.json} file in {@code dir}; the directory must exist. */
  public static List<HolidayYear> fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "onedoor.calendar.data-dir " + dir.toAbsolutePath() + " is not a directory");
    }
    List<HolidayYear> years = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          years.add(parse(in, file.getFileName().toString(), file.toAbsolutePath().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the holiday files in " + dir, e);
    }
    return merge(List.of(), years);
  }

  /**
   * One file. The year is its {@code year} field, or else the year in the file name; when both
   * are there they must agree.
   */
  public static HolidayYear parse(InputStream in, String fileName, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("holiday file " + source + " is not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException("holiday file " + source + " is not a JSON object");
    }
    Integer nameYear = null;
    Matcher m = fileName == null ? null : YEAR_IN_NAME.matcher(fileName);
    if (m != null && m.find()) {
      nameYear = Integer.valueOf(m.group(1));
    }
    JsonNode yearNode = root.get("year");
    int year;
    if (yearNode != null && yearNode.canConvertToInt()) {
      year = yearNode.intValue();
      if (nameYear != null && nameYear != year) {
        throw new IllegalStateException(
            "holiday file " + source + " says year " + year + " but is named " + fileName);
      }
    } else if (nameYear != null) {
      year = nameYear;
    } else {
      throw new IllegalStateException("holiday file " + source + " names no year");
    }
    List<HolidayDay> days = new ArrayList<>();
    JsonNode daysNode = root.path("days");
    if (!daysNode.isMissingNode() && !daysNode.isArray()) {
      throw new IllegalStateException("holiday file " + source + ": \"days\" is not a list");
    }
    for (JsonNode day : daysNode) {
      String date = day.path("date").asText(null);
      JsonNode off = day.get("isOffDay");
      if (date == null || off == null || !off.isBoolean()) {
        throw new IllegalStateException(
            "holiday file " + source + ": each day needs \"date\" and a boolean \"isOffDay\": " + day);
      }
      try {
        days.add(new HolidayDay(LocalDate.parse(date), day.path("name").asText(""), off.booleanValue()));
      } catch (DateTimeParseException e) {
        throw new IllegalStateException("holiday file " + source + ": bad date " + date, e);
      }
    }
    return new HolidayYear(year, days, source);
  }

  /** One file per year, sorted by year; a file in {@code overrides} replaces the base file. */
  public static List<HolidayYear> merge(
      Collection<HolidayYear> base, Collection<HolidayYear> overrides) {
    Map<Integer, HolidayYear> byYear = new TreeMap<>();
    for (HolidayYear y : base) {
      byYear.put(y.year(), y);
    }
    for (HolidayYear y : overrides) {
      HolidayYear replaced = byYear.put(y.year(), y);
      if (replaced != null) {
        log.info(
            "Holiday data for {}: {} replaces {} (days named: {}, before: {})",
            y.year(),
            y.source(),
            replaced.source(),
            y.days().size(),
            replaced.days().size());
      }
    }
    return List.copyOf(byYear.values());
  }
}
