package org.onedoor.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working days in mainland China (R14): the statutory holidays and the 调休 adjustments of the
 * State Council notices; in a year whose notice is not yet published, the statutory holidays fixed
 * by law.
 *
 * <p>A day is a <b>working day</b> when a notice names it as worked (a make-up weekend, 调休上班),
 * or when it is Monday to Friday and no notice names it as a day off. Each year has one {@link
 * CalendarSource}:
 *
 * <ul>
 *   <li>{@link CalendarSource#NOTICE NOTICE}: the notice is in the data and wins entirely;
 *   <li>{@link CalendarSource#LAW LAW}: no notice yet; the days {@link StatutoryHolidays} names
 *       are off as well, no 调休 or 补假 is invented;
 *   <li>{@link CalendarSource#WEEKDAYS WEEKDAYS}: no notice and no law data (before {@value
 *       LunisolarDates#FIRST_YEAR}, after {@value LunisolarDates#LAST_YEAR}): Monday to Friday.
 * </ul>
 *
 * Days a neighbouring year's notice names (2019.json names 2018-12-31) count in any case.
 *
 * <p>Two kinds of period, never mixed, each with its own method names:
 *
 * <ul>
 *   <li><b>working days</b> (工作日): {@link #plusWorkingDays}, {@link #minusWorkingDays}, {@link
 *       #workingDaysBetween};
 *   <li><b>calendar days</b> (自然日): {@link #plusCalendarDays}, which moves a deadline ending on
 *       a day off to the next working day when the policy {@code
 *       onedoor.calendar.roll-calendar-deadlines-to-working-day} is on.
 * </ul>
 *
 * <p>A year without a published notice ({@link #isComplete(int)} is false) logs one WARN naming the
 * year and its source the first time a computation touches it.
 *
 * <p>Immutable and thread-safe. Each year is precomputed into a running count of its working days,
 * so a deadline of n working days costs one binary search per year crossed, whatever n is.
 */
public final class WorkingDayCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  /** Years with official data (a notice, or days named by a neighbouring year's notice). */
  private final Map<Integer, YearTable> tables;

  private final Map<LocalDate, HolidayDay> named;
  private final SortedSet<Integer> completeYears;
  private final boolean rollCalendarDeadlines;

  /** Years without official data: by law or Monday to Friday, computed on first use. Shared by copies. */
  private final ConcurrentMap<Integer, YearTable> fallbackTables;

  /** Incomplete years already reported. Shared by copies: one WARN per year. */
  private final Set<Integer> warnedYears;

  /** The statutory days off of years without a notice, by date. Shared by copies. */
  private final ConcurrentMap<Integer, Map<LocalDate, HolidayDay>> lawDaysByYear;

  /**
   * @param years the holiday files, at most one per year ({@link HolidayData#merge})
   * @param rollCalendarDeadlines whether {@link #plusCalendarDays} moves a deadline ending on a day
   *     off to the next working day
   */
  public WorkingDayCalendar(Collection<HolidayYear> years, boolean rollCalendarDeadlines) {
    this.rollCalendarDeadlines = rollCalendarDeadlines;
    this.fallbackTables = new ConcurrentHashMap<>();
    this.warnedYears = ConcurrentHashMap.newKeySet();
    this.lawDaysByYear = new ConcurrentHashMap<>();

    SortedSet<Integer> complete = new TreeSet<>();
    Map<LocalDate, HolidayDay> days = new HashMap<>();
    Map<LocalDate, Integer> dayFrom = new HashMap<>();
    Set<Integer> seenYears = new TreeSet<>();
    for (HolidayYear year : years) {
      if (!seenYears.add(year.year())) {
        throw new IllegalArgumentException("two holiday files for " + year.year());
      }
      if (year.published()) {
        complete.add(year.year());
      }
      for (HolidayDay day : year.days()) {
        Integer earlier = dayFrom.get(day.date());
        // a day named twice: the notice of its own year wins, else the later notice
        if (earlier == null
            || year.year() == day.date().getYear()
            || (earlier != day.date().getYear() && year.year() > earlier)) {
          HolidayDay before = days.put(day.date(), day);
          dayFrom.put(day.date(), year.year());
          if (before != null && before.offDay() != day.offDay()) {
            log.warn(
                "Holiday data: {} is named by the notices of {} and {} differently; using {}",
                day.date(),
                earlier,
                year.year(),
                year.year());
          }
        }
      }
    }
    this.named = Map.copyOf(days);
    this.completeYears = Collections.unmodifiableSortedSet(complete);

    Set<Integer> officialYears = new TreeSet<>(complete);
    named.keySet().forEach(d -> officialYears.add(d.getYear()));
    Map<Integer, YearTable> built = new HashMap<>();
    for (int y : officialYears) {
      built.put(y, buildTable(y));
    }
    this.tables = Map.copyOf(built);
  }

  private WorkingDayCalendar(WorkingDayCalendar other, boolean rollCalendarDeadlines) {
    this.tables = other.tables;
    this.named = other.named;
    this.completeYears = other.completeYears;
    this.fallbackTables = other.fallbackTables;
    this.warnedYears = other.warnedYears;
    this.lawDaysByYear = other.lawDaysByYear;
    this.rollCalendarDeadlines = rollCalendarDeadlines;
  }

  /** The shipped data plus the files in {@code overrideDir} (may be null); logs a summary. */
  public static WorkingDayCalendar load(Path overrideDir, boolean rollCalendarDeadlines) {
    List<HolidayYear> years = HolidayData.load(overrideDir);
    WorkingDayCalendar calendar = new WorkingDayCalendar(years, rollCalendarDeadlines);
    List<Integer> unpublished = new ArrayList<>();
    years.stream().filter(y -> !y.published()).forEach(y -> unpublished.add(y.year()));
    log.info(
        "Working-day calendar: official holiday data for {}; files without data: {}{};"
            + " years {}-{} without a notice: the statutory holidays by law;"
            + " calendar-day deadlines {} to the next working day",
        calendar.completeYears(),
        unpublished,
        overrideDir == null ? "" : "; overrides from " + overrideDir.toAbsolutePath(),
        LunisolarDates.FIRST_YEAR,
        LunisolarDates.LAST_YEAR,
        rollCalendarDeadlines ? "roll" : "do not roll");
    return calendar;
  }

  /** The same data with another roll policy for calendar-day deadlines. */
  public WorkingDayCalendar withRollCalendarDeadlines(boolean roll) {
    return roll == rollCalendarDeadlines ? this : new WorkingDayCalendar(this, roll);
  }

  /** Whether {@link #plusCalendarDays} moves a deadline ending on a day off. */
  public boolean rollsCalendarDeadlinesToWorkingDay() {
    return rollCalendarDeadlines;
  }

  // ---------------------------------------------------------------- single days

  /**
   * Named as a day off: not working; named as a make-up workday (调休): working; in a year
   * without a notice, a statutory holiday by law: not working; else Monday to Friday.
   */
  public boolean isWorkingDay(LocalDate date) {
    return table(date.getYear()).working(date.getDayOfYear() - 1);
  }

  /** The day with its kind and, when a notice or the law names it, the festival. */
  public CalendarDay describe(LocalDate date) {
    boolean working = isWorkingDay(date);
    CalendarSource source = sourceOf(date.getYear());
    HolidayDay day = named.get(date);
    if (day == null && source == CalendarSource.LAW) {
      day = lawDays(date.getYear()).get(date);
    }
    CalendarDay.Kind kind;
    if (day != null) {
      kind = day.offDay() ? CalendarDay.Kind.HOLIDAY : CalendarDay.Kind.MAKEUP_WORKDAY;
    } else {
      kind = working ? CalendarDay.Kind.WORKDAY : CalendarDay.Kind.WEEKEND;
    }
    return new CalendarDay(
        date,
        date.getDayOfWeek(),
        working,
        kind,
        day == null ? null : day.name(),
        isComplete(date.getYear()),
        source);
  }

  /** Every day from {@code from} to {@code to}, both included. */
  public List<CalendarDay> describe(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(to + " is before " + from);
    }
    List<CalendarDay> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(describe(d));
    }
    return days;
  }

  /** {@code date} if it is a working day, else the first working day after it. */
  public LocalDate nextWorkingDayOnOrAfter(LocalDate date) {
    return isWorkingDay(date) ? date : forward(date, 1);
  }

  /** {@code date} if it is a working day, else the last working day before it. */
  public LocalDate previousWorkingDayOnOrBefore(LocalDate date) {
    return isWorkingDay(date) ? date : backward(date, 1);
  }

  // ---------------------------------------------------------------- working days

  /**
   * The {@code workingDays}-th working day after {@code from}; {@code from} itself is not counted
   * (a period starts the day after the event, as in the Civil Code art. 201). With {@code
   * workingDays == 0}: {@code from} if it is a working day, else the next working day.
   *
   * @throws IllegalArgumentException if {@code workingDays} is negative (use {@link
   *     #minusWorkingDays})
   */
  public LocalDate plusWorkingDays(LocalDate from, int workingDays) {
    Objects.requireNonNull(from, "from");
    if (workingDays < 0) {
      throw new IllegalArgumentException(
          "workingDays must not be negative (" + workingDays + "); use minusWorkingDays");
    }
    return workingDays == 0 ? nextWorkingDayOnOrAfter(from) : forward(from, workingDays);
  }

  /**
   * The {@code workingDays}-th working day before {@code date}; {@code date} itself is not counted
   * ("5 working days before the deadline"). With {@code workingDays == 0}: {@code date} if it is a
   * working day, else the last working day before it.
   */
  public LocalDate minusWorkingDays(LocalDate date, int workingDays) {
    Objects.requireNonNull(date, "date");
    if (workingDays < 0) {
      throw new IllegalArgumentException(
          "workingDays must not be negative (" + workingDays + "); use plusWorkingDays");
    }
    return workingDays == 0 ? previousWorkingDayOnOrBefore(date) : backward(date, workingDays);
  }

  /**
   * The working days after {@code from} up to and including {@code to}; negative when {@code to}
   * is before {@code from}. For a working day {@code to} after {@code from}: {@code
   * plusWorkingDays(from, workingDaysBetween(from, to)) == to}.
   */
  public long workingDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    long count = 0;
    for (int y = from.getYear(); y <= to.getYear(); y++) {
      YearTable t = table(y);
      int lo = y == from.getYear() ? from.getDayOfYear() : 0;
      int hi = y == to.getYear() ? to.getDayOfYear() : t.length();
      count += t.cumulative[hi] - t.cumulative[lo];
    }
    return count;
  }

  // ---------------------------------------------------------------- calendar days

  /**
   * {@code from} plus {@code calendarDays} days; when that is a day off and the roll policy is on,
   * the next working day.
   */
  public LocalDate plusCalendarDays(LocalDate from, int calendarDays) {
    return calendarDayDeadline(from, calendarDays).deadline();
  }

  /** {@link #plusCalendarDays} with the date before rolling, for callers that report it. */
  public CalendarDayDeadline calendarDayDeadline(LocalDate from, int calendarDays) {
    Objects.requireNonNull(from, "from");
    if (calendarDays < 0) {
      throw new IllegalArgumentException("calendarDays must not be negative (" + calendarDays + ")");
    }
    LocalDate end = from.plusDays(calendarDays);
    LocalDate deadline = rollCalendarDeadlines ? nextWorkingDayOnOrAfter(end) : end;
    return new CalendarDayDeadline(from, calendarDays, end, deadline);
  }

  /**
   * A calendar-day deadline.
   *
   * @param end {@code from} plus the days
   * @param deadline {@code end}, or the next working day when {@code end} is a day off and the
   *     policy rolls
   */
  public record CalendarDayDeadline(
      LocalDate from, int calendarDays, LocalDate end, LocalDate deadline) {

    public boolean rolledToWorkingDay() {
      return !deadline.equals(end);
    }
  }

  // ---------------------------------------------------------------- completeness

  /** Whether the State Council notice for {@code year} is in the data. */
  public boolean isComplete(int year) {
    return completeYears.contains(year);
  }

  /** Whether every year from {@code from} to {@code to} (either order) has its notice. */
  public boolean isComplete(LocalDate from, LocalDate to) {
    int a = Math.min(from.getYear(), to.getYear());
    int b = Math.max(from.getYear(), to.getYear());
    for (int y = a; y <= b; y++) {
      if (!isComplete(y)) {
        return false;
      }
    }
    return true;
  }

  /** The years with a published notice in the data. */
  public SortedSet<Integer> completeYears() {
    return completeYears;
  }

  /** Where the working days of {@code year} come from: its notice, the law, or weekdays only. */
  public CalendarSource sourceOf(int year) {
    if (isComplete(year)) {
      return CalendarSource.NOTICE;
    }
    return StatutoryHolidays.covers(year) ? CalendarSource.LAW : CalendarSource.WEEKDAYS;
  }

  /**
   * Whether the year of {@code date} is counted by law only: its notice is not yet published, so
   * a deadline there may move when it is (a form shows {@link CalendarSource#label()}).
   */
  public boolean isByLawOnly(LocalDate date) {
    return sourceOf(date.getYear()) == CalendarSource.LAW;
  }

  /** The source of each year from {@code from} to {@code to} (either order), in year order. */
  public SortedMap<Integer, CalendarSource> sources(LocalDate from, LocalDate to) {
    int a = Math.min(from.getYear(), to.getYear());
    int b = Math.max(from.getYear(), to.getYear());
    SortedMap<Integer, CalendarSource> sources = new TreeMap<>();
    for (int y = a; y <= b; y++) {
      sources.put(y, sourceOf(y));
    }
    return Collections.unmodifiableSortedMap(sources);
  }

  // ---------------------------------------------------------------- internals

  private LocalDate forward(LocalDate from, int n) {
    int year = from.getYear();
    int index = from.getDayOfYear(); // 0-based index of the day after from
    int remaining = n;
    while (true) {
      YearTable t = table(year);
      int available = t.total() - t.cumulative[index];
      if (remaining <= available) {
        return t.dayWithCount(year, t.cumulative[index] + remaining);
      }
      remaining -= available;
      year++;
      index = 0;
    }
  }

  private LocalDate backward(LocalDate date, int n) {
    int year = date.getYear();
    int index = date.getDayOfYear() - 1; // days with a 0-based index below this are before date
    int remaining = n;
    while (true) {
      YearTable t = table(year);
      int available = t.cumulative[index];
      if (remaining <= available) {
        return t.dayWithCount(year, available - remaining + 1);
      }
      remaining -= available;
      year--;
      index = Year.of(year).length();
    }
  }

  private YearTable table(int year) {
    YearTable t = tables.get(year);
    if (t == null) {
      t = fallbackTables.computeIfAbsent(year, this::buildTable);
    }
    if (t.source != CalendarSource.NOTICE && warnedYears.add(year)) {
      if (t.source == CalendarSource.LAW) {
        log.warn(
            "No State Council holiday notice for {} in the data: working days in {} are Monday to"
                + " Friday less the statutory holidays fixed by law (全国年节及纪念日放假办法),"
                + " without the notice's 调休 or 补假; deadlines may move when it is published."
                + " Add {}.json (holiday-cn format) to onedoor.calendar.data-dir once it is.",
            year,
            year,
            year);
      } else {
        log.warn(
            "No State Council holiday notice for {} in the data and no statutory holiday dates"
                + " (known {}-{}): working days in {} are counted Monday to Friday, deadlines may"
                + " be wrong. Add {}.json (holiday-cn format) to onedoor.calendar.data-dir.",
            year,
            LunisolarDates.FIRST_YEAR,
            LunisolarDates.LAST_YEAR,
            year,
            year);
      }
    }
    return t;
  }

  /**
   * A notice year: the days it (or a neighbour's notice) names. Otherwise the law's days, if known,
   * with the days a neighbouring notice names on top.
   */
  private YearTable buildTable(int year) {
    CalendarSource source = sourceOf(year);
    Map<LocalDate, HolidayDay> days = named;
    if (source == CalendarSource.LAW) {
      days = new HashMap<>(lawDays(year));
      for (Map.Entry<LocalDate, HolidayDay> e : named.entrySet()) {
        if (e.getKey().getYear() == year) {
          days.put(e.getKey(), e.getValue());
        }
      }
    }
    return YearTable.build(year, source, days);
  }

  private Map<LocalDate, HolidayDay> lawDays(int year) {
    return lawDaysByYear.computeIfAbsent(
        year,
        y -> {
          Map<LocalDate, HolidayDay> days = new HashMap<>();
          StatutoryHolidays.of(y).forEach(d -> days.put(d.date(), d));
          return Map.copyOf(days);
        });
  }

  /**
   * One year: {@code cumulative[i]} is the number of working days among the days with 0-based
   * index below {@code i} (so {@code cumulative[length]} is the year's total).
   */
  private static final class YearTable {
    final CalendarSource source;
    final int[] cumulative;

    private YearTable(CalendarSource source, int[] cumulative) {
      this.source = source;
      this.cumulative = cumulative;
    }

    static YearTable build(int year, CalendarSource source, Map<LocalDate, HolidayDay> named) {
      int length = Year.of(year).length();
      int[] cumulative = new int[length + 1];
      LocalDate day = LocalDate.of(year, 1, 1);
      for (int i = 0; i < length; i++, day = day.plusDays(1)) {
        HolidayDay n = named.get(day);
        boolean working =
            n != null
                ? !n.offDay()
                : day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        cumulative[i + 1] = cumulative[i] + (working ? 1 : 0);
      }
      return new YearTable(source, cumulative);
    }

    int length() {
      return cumulative.length - 1;
    }

    int total() {
      return cumulative[length()];
    }

    boolean working(int index) {
      return cumulative[index + 1] > cumulative[index];
    }

    /** The working day that brings the count to {@code count} (1 ≤ count ≤ total). */
    LocalDate dayWithCount(int year, int count) {
      int lo = 1;
      int hi = length();
      while (lo < hi) { // first k with cumulative[k] >= count
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] >= count) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return LocalDate.ofYearDay(year, lo); // day index lo - 1, day of year lo
    }
  }
}
