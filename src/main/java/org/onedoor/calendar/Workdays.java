package org.onedoor.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessExpressionBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Deadlines for BPMN expressions, as {@link Date}s, which Camunda takes as they are (a String
 * would go through its own business calendar):
 *
 * <pre>
 * camunda:dueDate="${workdays.plusWorkingDays(20)}"
 * &lt;bpmn:timeDate&gt;${workdays.minusWorkingDays(deadline, 5)}&lt;/bpmn:timeDate&gt;
 * camunda:dueDate="${workdays.plusCalendarDays(inspectionDate, 30)}"
 * </pre>
 *
 * <p>"Now" is the engine clock ({@link ClockUtil}), so tests can move time. The day of a point in
 * time is taken in {@code onedoor.calendar.zone} (Asia/Shanghai) and the time of day is kept:
 * a task created Friday 10:00 with 3 working days is due the third working day at 10:00.
 *
 * <p>Where a start is given it may be a {@link Date}, a {@code java.time} value ({@link
 * LocalDate}, {@link LocalDateTime}, {@link ZonedDateTime}, {@link OffsetDateTime}, {@link
 * Instant}) or an ISO string ({@code 2026-09-28}, {@code 2026-09-28T10:00:00}, {@code
 * 2026-09-28T10:00:00+08:00}, Camunda's {@code 2026-09-28T10:00:00.000+0800}). A date without a
 * time means the end of that day (23:59:59): a period's last day lasts until midnight (Civil Code
 * art. 203).
 *
 * <p>Working days ({@code plusWorkingDays}, {@code minusWorkingDays}) and calendar days ({@code
 * plusCalendarDays}, alias {@code plusDays}) are different kinds of period; see {@link
 * WorkingDayCalendar}.
 */
@Component("workdays")
@ProcessExpressionBean
public class Workdays {

  /** The time given to a date without a time of day. */
  public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private final WorkingDayCalendar calendar;
  private final ZoneId zone;

  @Autowired
  public Workdays(WorkingDayCalendar calendar, CalendarProperties properties) {
    this(calendar, properties.zone());
  }

  public Workdays(WorkingDayCalendar calendar, ZoneId zone) {
    this.calendar = calendar;
    this.zone = zone;
  }

  // One public method per name and number of arguments: JUEL cannot choose between overloads
  // of the same arity (plusWorkingDays(Date, int) next to plusWorkingDays(String, int) fails with
  // "Unable to find unambiguous method ... (java.util.Date, java.lang.Long)").

  // ------------------------------------------------------------ working days

  /** Now (engine clock) plus {@code n} working days, same time of day. */
  public Date plusWorkingDays(int n) {
    return shift(now(), d -> calendar.plusWorkingDays(d, n));
  }

  /**
   * {@code from} plus {@code n} working days, same time of day.
   *
   * @param from a {@link Date}, a {@code java.time} value or an ISO string (see the class)
   */
  public Date plusWorkingDays(Object from, int n) {
    return shift(toZoned(from), d -> calendar.plusWorkingDays(d, n));
  }

  /**
   * The {@code n}-th working day before {@code deadline}, same time of day ("remind 5 working days
   * before the deadline").
   *
   * @param deadline a {@link Date}, a {@code java.time} value or an ISO string (see the class)
   */
  public Date minusWorkingDays(Object deadline, int n) {
    return shift(toZoned(deadline), d -> calendar.minusWorkingDays(d, n));
  }

  // ------------------------------------------------------------ calendar days

  /** Now plus {@code n} calendar days, moved to the next working day per the roll policy. */
  public Date plusCalendarDays(int n) {
    return shift(now(), d -> calendar.plusCalendarDays(d, n));
  }

  /**
   * {@code from} plus {@code n} calendar days, moved to the next working day per the roll policy.
   *
   * @param from a {@link Date}, a {@code java.time} value or an ISO string (see the class)
   */
  public Date plusCalendarDays(Object from, int n) {
    return shift(toZoned(from), d -> calendar.plusCalendarDays(d, n));
  }

  /** Same as {@link #plusCalendarDays(int)}: calendar days, not working days. */
  public Date plusDays(int n) {
    return plusCalendarDays(n);
  }

  /** Same as {@link #plusCalendarDays(Object, int)}: calendar days, not working days. */
  public Date plusDays(Object from, int n) {
    return plusCalendarDays(from, n);
  }

  // ------------------------------------------------------------ single days

  /** Whether today (engine clock, in the zone) is a working day. */
  public boolean isWorkingDay() {
    return calendar.isWorkingDay(now().toLocalDate());
  }

  /** Whether the day of {@code when} (in the zone) is a working day. */
  public boolean isWorkingDay(Object when) {
    return calendar.isWorkingDay(toZoned(when).toLocalDate());
  }

  /**
   * What a form shows next to a deadline on the day of {@code when}: empty when that year's State
   * Council notice is in the data, else how the year was counted, e.g.
   * 按法定节假日计算（国务院通知尚未发布，调休安排未计入）.
   */
  public String calendarNote(Object when) {
    CalendarSource source = calendar.sourceOf(toZoned(when).getYear());
    return source == CalendarSource.NOTICE ? "" : source.label();
  }

  /**
   * The note a task form shows under a deadline falling on the day of {@code when}: empty when that
   * year's State Council notice is in the data; otherwise a sentence saying how the deadline was
   * counted and that it may move, e.g. 该年度国务院放假通知尚未发布，期限按法定节假日计算，调休安排公布后可能调整。
   */
  public String deadlineNote(Object when) {
    return switch (calendar.sourceOf(toZoned(when).getYear())) {
      case NOTICE -> "";
      case LAW -> "该年度国务院放假通知尚未发布，期限按法定节假日计算，调休安排公布后可能调整。";
      case WEEKDAYS -> "该年度无节假日数据，期限仅按周一至周五计算，放假安排公布后可能调整。";
    };
  }

  // ------------------------------------------------------------ internals

  private ZonedDateTime now() {
    return Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()).atZone(zone);
  }

  private Date shift(ZonedDateTime from, UnaryOperator<LocalDate> move) {
    LocalDate day = move.apply(from.toLocalDate());
    return Date.from(ZonedDateTime.of(day, from.toLocalTime(), zone).toInstant());
  }

  private ZonedDateTime toZoned(Object from) {
    if (from instanceof Date date) {
      return toZoned(date);
    }
    if (from instanceof String text) {
      return toZoned(text);
    }
    if (from instanceof TemporalAccessor temporal) {
      return toZoned(temporal);
    }
    throw new IllegalArgumentException(
        from == null
            ? "the start date is null"
            : "cannot take a date from a " + from.getClass().getSimpleName());
  }

  private ZonedDateTime toZoned(Date from) {
    if (from == null) {
      throw new IllegalArgumentException("the start date is null");
    }
    // getTime(), not toInstant(): java.sql.Date does not support toInstant()
    return Instant.ofEpochMilli(from.getTime()).atZone(zone);
  }

  private ZonedDateTime toZoned(String from) {
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("the start date is empty");
    }
    String text = from.strip();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atTime(END_OF_DAY).atZone(zone);
      }
      TemporalAccessor parsed =
          DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      return toZoned(parsed);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + from + "' is not an ISO date (2026-09-28) or date-time (2026-09-28T10:00:00)", e);
    }
  }

  private ZonedDateTime toZoned(TemporalAccessor from) {
    if (from == null) {
      throw new IllegalArgumentException("the start date is null");
    }
    if (from instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(zone);
    }
    if (from instanceof OffsetDateTime o) {
      return o.atZoneSameInstant(zone);
    }
    if (from instanceof Instant i) {
      return i.atZone(zone);
    }
    if (from instanceof LocalDateTime l) {
      return l.atZone(zone);
    }
    if (from instanceof LocalDate d) {
      return d.atTime(END_OF_DAY).atZone(zone);
    }
    throw new IllegalArgumentException(
        "cannot take a start date from a " + from.getClass().getSimpleName());
  }
}
