package org.onedoor.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deadlines and working days for any signed-in user.
 *
 * <ul>
 *   <li>{@code GET /api/v1/calendar/deadline?from=2026-09-28&workingDays=20}
 *   <li>{@code GET /api/v1/calendar/deadline?from=2026-09-01&days=30} (calendar days)
 *   <li>{@code GET /api/v1/calendar/days?from=2026-09-28&to=2026-10-11}
 * </ul>
 *
 * Bad parameters answer 400 naming each field. Every answer lists, for each year it touches, where
 * that year's working days come from ({@code years}: {@code notice}, {@code law} or {@code
 * weekdays}, with the Chinese sentence a form shows); each listed day says it too ({@code source}).
 */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

  /** The longest period accepted, in working days or days (about ten years). */
  public static final int MAX_PERIOD = 3650;

  /** The most days {@code /days} lists (a leap year). */
  public static final int MAX_LISTED_DAYS = 366;

  static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

  private final WorkingDayCalendar calendar;

  public CalendarController(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * Where one year's working days come from.
   *
   * @param label for people, e.g. 按法定节假日计算（国务院通知尚未发布，调休安排未计入）
   */
  public record YearSource(int year, CalendarSource source, String label) {}

  /** A deadline in working days. */
  public record WorkingDaysAnswer(
      LocalDate from,
      int workingDays,
      LocalDate deadline,
      boolean calendarComplete,
      List<YearSource> years) {}

  /** A deadline in calendar days. */
  public record DaysAnswer(
      LocalDate from,
      int days,
      LocalDate deadline,
      boolean rolledToWorkingDay,
      boolean calendarComplete,
      List<YearSource> years) {}

  /** A stretch of days. */
  public record DaysListing(
      LocalDate from,
      LocalDate to,
      long workingDays,
      boolean calendarComplete,
      List<YearSource> years,
      List<CalendarDay> days) {}

  @GetMapping("/deadline")
  public Object deadline(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String workingDays,
      @RequestParam(required = false) String days) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    boolean hasWorkingDays = present(workingDays);
    boolean hasDays = present(days);
    Integer period = null;
    if (hasWorkingDays && hasDays) {
      errors.add(
          new FieldError(
              "workingDays",
              "give either workingDays or days, not both (工作日与自然日只能二选一)"));
    } else if (!hasWorkingDays && !hasDays) {
      errors.add(
          new FieldError(
              "workingDays",
              "give workingDays (working days) or days (calendar days) (须提供工作日或自然日之一)"));
    } else {
      period = hasWorkingDays
          ? period("workingDays", workingDays, errors)
          : period("days", days, errors);
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    if (hasWorkingDays) {
      LocalDate deadline = calendar.plusWorkingDays(start, period);
      return new WorkingDaysAnswer(
          start, period, deadline, calendar.isComplete(start, deadline), years(start, deadline));
    }
    WorkingDayCalendar.CalendarDayDeadline d = calendar.calendarDayDeadline(start, period);
    return new DaysAnswer(
        start,
        period,
        d.deadline(),
        d.rolledToWorkingDay(),
        calendar.isComplete(d.end(), d.deadline()),
        years(d.end(), d.deadline()));
  }

  @GetMapping("/days")
  public DaysListing days(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    List<FieldError> errors = new ArrayList<>();
    LocalDate start = date("from", from, errors);
    LocalDate end = date("to", to, errors);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.add(new FieldError("to", "must not be before from (结束日期不得早于开始日期)"));
      } else if (ChronoUnit.DAYS.between(start, end) >= MAX_LISTED_DAYS) {
        errors.add(
            new FieldError(
                "to",
                "lists at most " + MAX_LISTED_DAYS + " days from 'from' (最多 "
                    + MAX_LISTED_DAYS + " 天)"));
      }
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    List<CalendarDay> list = calendar.describe(start, end);
    long working = list.stream().filter(CalendarDay::working).count();
    return new DaysListing(
        start, end, working, calendar.isComplete(start, end), years(start, end), list);
  }

  private List<YearSource> years(LocalDate from, LocalDate to) {
    return calendar.sources(from, to).entrySet().stream()
        .map(e -> new YearSource(e.getKey(), e.getValue(), e.getValue().label()))
        .toList();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static LocalDate date(String field, String value, List<FieldError> errors) {
    if (!present(value)) {
      errors.add(new FieldError(field, "is required (必填)"));
      return null;
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              field,
              "'" + value + "' is not a date YYYY-MM-DD (日期格式应为 YYYY-MM-DD)"));
      return null;
    }
    if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      errors.add(
          new FieldError(
              field, "must be between " + EARLIEST + " and " + LATEST + " (日期超出范围)"));
      return null;
    }
    return date;
  }

  private static Integer period(String field, String value, List<FieldError> errors) {
    String text = value.strip();
    if (!text.matches("[+-]?\\d+")) {
      errors.add(
          new FieldError(field, "'" + value + "' is not a whole number (应为整数)"));
      return null;
    }
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) { // more digits than a long holds
      n = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (n < 0 || n > MAX_PERIOD) {
      errors.add(
          new FieldError(
              field,
              "must be between 0 and " + MAX_PERIOD + " (应为 0 至 " + MAX_PERIOD + " 之间的整数)"));
      return null;
    }
    return (int) n;
  }
}
