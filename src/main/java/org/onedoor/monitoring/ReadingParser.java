package org.onedoor.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.directory.Uscc;
import org.onedoor.monitoring.MonitoringProperties.Indicator;
import org.onedoor.monitoring.MonitoringProperties.Source;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.stereotype.Component;

/**
 * Turns what a system or a file sent into a {@link Reading}, naming every bad field at once with a
 * reason in Chinese: {@code source}, {@code uscc}, {@code indicator}, {@code value}, {@code measuredAt}.
 * Times with an offset ({@code 2026-03-01T08:00:00+08:00}, {@code …Z}) are taken as given; times without
 * ({@code 2026-03-01 08:00}, {@code 2026-03-01T08:00:00}) are in the calendar zone (Asia/Shanghai).
 * Kept to the millisecond.
 */
@Component
class ReadingParser {

  static final Instant EARLIEST = LocalDate.of(2000, 1, 1).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();

  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd")
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd().optionalEnd()
      .toFormatter();

  /** What a row gave: a reading or the errors (never both). */
  record Parsed(Reading reading, List<FieldError> errors) {}

  private final MonitoringSources sources;
  private final ZoneId zone;
  private final Duration skew;

  ReadingParser(MonitoringSources sources, CalendarProperties calendar, MonitoringProperties properties) {
    this.sources = sources;
    this.zone = calendar.zone();
    this.skew = properties.maxClockSkew();
  }

  ZoneId zone() {
    return zone;
  }

  /**
   * @param value a number (JSON) or its text (files)
   * @param prefix put before each field name, e.g. {@code records[3].}
   */
  Parsed parse(String source, String uscc, String indicator, Object value, String measuredAt, Instant now,
      String prefix) {
    List<FieldError> errors = new ArrayList<>();
    Optional<Source> s = sources.find(source);
    if (source == null || source.isBlank()) {
      errors.add(new FieldError(prefix + "source", "必填（监测来源）；可用：" + sources.codes()));
    } else if (s.isEmpty()) {
      errors.add(new FieldError(prefix + "source", "未知的监测来源“" + source.strip() + "”；可用：" + sources.codes()));
    }
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> errors.add(new FieldError(prefix + "uscc", p)));
    Optional<Indicator> i = Optional.empty();
    if (indicator == null || indicator.isBlank()) {
      errors.add(new FieldError(prefix + "indicator", "必填（监测指标）"));
    } else if (s.isPresent()) {
      i = MonitoringSources.indicator(s.get(), indicator);
      if (i.isEmpty()) {
        errors.add(new FieldError(prefix + "indicator", "“" + indicator.strip() + "”不是" + s.get().name() + "的指标；可用："
            + String.join("、", s.get().indicators().stream().map(x -> x.code() + "（" + x.name() + "）").toList())));
      }
    }
    Double number = number(value, prefix, errors);
    if (number != null && i.isPresent()) {
      Indicator x = i.get();
      if ((x.min() != null && number < x.min()) || (x.max() != null && number > x.max())) {
        errors.add(new FieldError(prefix + "value", "数值 " + plain(number) + " 超出" + x.name() + "的合理范围 "
            + (x.min() == null ? "" : plain(x.min())) + "–" + (x.max() == null ? "" : plain(x.max()))
            + (x.unit() == null ? "" : " " + x.unit()) + "，请核对单位和数值"));
      }
    }
    Instant at = time(measuredAt, now, prefix, errors);
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors));
    }
    return new Parsed(new Reading(s.get().code(), code, i.get().code(), at, number), List.of());
  }

  private static Double number(Object value, String prefix, List<FieldError> errors) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      errors.add(new FieldError(prefix + "value", "必填（监测数值）"));
      return null;
    }
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else {
      String text = value.toString().strip();
      if (!text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
        errors.add(new FieldError(prefix + "value", "“" + text + "”不是数值"));
        return null;
      }
      number = Double.parseDouble(text);
    }
    if (!Double.isFinite(number)) {
      errors.add(new FieldError(prefix + "value", "不是有限的数值"));
      return null;
    }
    return number;
  }

  private Instant time(String text, Instant now, String prefix, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(prefix + "measuredAt", "必填（测量时间，如 2026-03-01 08:00 或 2026-03-01T08:00:00+08:00）"));
      return null;
    }
    String t = text.strip();
    Instant at;
    try {
      at = fast(t);
      if (at == null) {
        at = hasOffset(t) ? OffsetDateTime.parse(t.replace(' ', 'T')).toInstant()
            : LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
      }
    } catch (java.time.DateTimeException e) {
      errors.add(new FieldError(prefix + "measuredAt", "“" + t + "”不是有效的测量时间（应含日期和时分，如 2026-03-01 08:00）"));
      return null;
    }
    if (at.isBefore(EARLIEST)) {
      errors.add(new FieldError(prefix + "measuredAt", "测量时间早于 2000 年"));
      return null;
    }
    if (at.isAfter(now.plus(skew))) {
      errors.add(new FieldError(prefix + "measuredAt", "测量时间晚于当前时间"));
      return null;
    }
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** An offset after the time: "Z", or "+hh:mm" / "-hh:mm" / "+hhmm" / "+hh" after the "T" or blank. */
  private static boolean hasOffset(String t) {
    if (t.endsWith("Z")) {
      return true;
    }
    int time = Math.max(t.indexOf('T'), t.indexOf(' '));
    return time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0);
  }

  /**
   * The shapes a platform sends most, read without a formatter (a formatter costs more than storing the
   * reading): {@code yyyy-MM-ddTHH:mm[:ss][+hh:mm|Z]} and {@code yyyy-MM-dd HH:mm[:ss]}. Null for any other
   * shape, which the formatters then read (or refuse).
   */
  private Instant fast(String t) {
    int n = t.length();
    if (n < 16 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':') {
      return null;
    }
    int end = 16;
    int second = 0;
    if (n >= 19 && t.charAt(16) == ':') {
      second = digits(t, 17, 19);
      end = 19;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
    if (end == n) {
      return local.atZone(zone).toInstant();
    }
    if (end + 1 == n && t.charAt(end) == 'Z') {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    if (end + 6 == n && (t.charAt(end) == '+' || t.charAt(end) == '-') && t.charAt(end + 3) == ':') {
      int h = digits(t, end + 1, end + 3);
      int m = digits(t, end + 4, end + 6);
      if (h < 0 || m < 0) {
        return null;
      }
      int sign = t.charAt(end) == '+' ? 1 : -1;
      return local.toInstant(java.time.ZoneOffset.ofHoursMinutes(sign * h, sign * m));
    }
    return null;
  }

  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
