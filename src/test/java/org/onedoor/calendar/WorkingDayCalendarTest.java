package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The working-day calendar on the shipped data (src/main/resources/calendar/holiday-cn). Expected
 * dates are worked out by hand from the JSON; the facts used:
 *
 * <pre>
 * 2026 (2026.json, notice content_7047091)
 *   元旦   off Thu 01-01 .. Sat 01-03; Sun 01-04 worked
 *   春节   Sat 02-14 worked; off Sun 02-15 .. Mon 02-23; Sat 02-28 worked
 *   中秋节 off Fri 09-25 .. Sun 09-27 (Sun 09-20 worked, listed as 国庆节)
 *   国庆节 off Thu 10-01 .. Wed 10-07; Sat 10-10 worked
 * 2025-12: nothing named (2025-12-31 is an ordinary Wednesday)
 * 2024 春节: off Sat 02-10 .. Sat 02-17; Sun 02-04 and Sun 02-18 worked; 2024-02-29 is a Thursday
 * 2019.json also names 2018-12-29 (Sat, worked) and 2018-12-30/31 (off)
 * 2027.json: "days": [] (notice not yet published), so 2027 is counted by law (StatutoryHolidays):
 *   元旦 Fri 01-01; 春节 Fri 02-05 (除夕) .. Mon 02-08; 清明节 Mon 04-05; 劳动节 Sat 05-01, Sun 05-02;
 *   端午节 Wed 06-09; 中秋节 Wed 09-15; 国庆节 Fri 10-01 .. Sun 10-03; no 调休, no 补假
 * 2028 by law: 春节 Tue 01-25 .. Fri 01-28; 2028-02-29 is an ordinary Tuesday
 * </pre>
 */
class WorkingDayCalendarTest {

  private static List<HolidayYear> shipped;

  private WorkingDayCalendar calendar;
  private ListAppender<ILoggingEvent> logs;
  private Logger calendarLogger;

  @BeforeAll
  static void readData() {
    shipped = HolidayData.fromClasspath();
  }

  @BeforeEach
  void setUp() {
    calendarLogger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
    logs = new ListAppender<>();
    logs.start();
    calendarLogger.addAppender(logs);
    calendar = new WorkingDayCalendar(shipped, true);
  }

  @AfterEach
  void tearDown() {
    calendarLogger.detachAppender(logs);
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void shippedDataCovers2019To2026And2027IsEmpty() {
    assertThat(shipped).extracting(HolidayYear::year).containsExactly(
        2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027);
    assertThat(calendar.completeYears()).containsExactly(
        2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    assertThat(calendar.isComplete(2026)).isTrue();
    assertThat(calendar.isComplete(2027)).isFalse();
    assertThat(calendar.isComplete(2018)).isFalse();
  }

  @Test
  void nationalDay2026() {
    // Thu 10-01 .. Wed 10-07 off, including the weekend 10-03/04
    for (LocalDate day = d("2026-10-01"); !day.isAfter(d("2026-10-07")); day = day.plusDays(1)) {
      assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
    }
    assertThat(calendar.isWorkingDay(d("2026-09-30"))).isTrue(); // Wed before
    assertThat(calendar.isWorkingDay(d("2026-10-08"))).isTrue(); // Thu after
    // make-up Saturday 10-10 is a working day, Sunday 10-11 is not
    assertThat(d("2026-10-10").getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(calendar.isWorkingDay(d("2026-10-10"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2026-10-11"))).isFalse();
    // and Sunday 09-20, also worked for it
    assertThat(calendar.isWorkingDay(d("2026-09-20"))).isTrue();
  }

  @Test
  void twentyWorkingDaysFromMonday28September2026() {
    // after Mon 09-28: Tue 09-29 (1), Wed 09-30 (2), [10-01..10-07 off], Thu 10-08 (3),
    // Fri 10-09 (4), Sat 10-10 make-up (5), [Sun 10-11], 10-12..10-16 (6-10),
    // 10-19..10-23 (11-15), 10-26..10-30 (16-20) -> Fri 2026-10-30
    assertThat(calendar.plusWorkingDays(d("2026-09-28"), 20)).isEqualTo(d("2026-10-30"));
    assertThat(calendar.workingDaysBetween(d("2026-09-28"), d("2026-10-30"))).isEqualTo(20);
    // 3 working days from Wed 09-30: 10-08, 10-09, 10-10 (the make-up Saturday)
    assertThat(calendar.plusWorkingDays(d("2026-09-30"), 3)).isEqualTo(d("2026-10-10"));
    assertThat(calendar.isComplete(d("2026-09-28"), d("2026-10-30"))).isTrue();
  }

  @Test
  void springFestival2026() {
    // off Sun 02-15 .. Mon 02-23; Sat 02-14 and Sat 02-28 are worked
    assertThat(calendar.isWorkingDay(d("2026-02-14"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse(); // a Monday
    assertThat(calendar.isWorkingDay(d("2026-02-23"))).isFalse(); // a Monday
    assertThat(calendar.isWorkingDay(d("2026-02-24"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue();
    // from Fri 02-13: Sat 02-14 (1), [02-15..02-23 off], Tue 02-24 (2), 02-25 (3), 02-26 (4),
    // Fri 02-27 (5), Sat 02-28 make-up (6)
    assertThat(calendar.plusWorkingDays(d("2026-02-13"), 5)).isEqualTo(d("2026-02-27"));
    assertThat(calendar.plusWorkingDays(d("2026-02-13"), 6)).isEqualTo(d("2026-02-28"));
    // from Thu 02-12: Fri 02-13 (1), Sat 02-14 (2), Tue 02-24 (3)
    assertThat(calendar.plusWorkingDays(d("2026-02-12"), 3)).isEqualTo(d("2026-02-24"));
  }

  @Test
  void calendarDayDeadlineOnAHolidayRollsToTheNextWorkingDay() {
    // 09-01 + 30 days = Thu 10-01, 国庆节; the next working day is Thu 10-08
    WorkingDayCalendar.CalendarDayDeadline rolled = calendar.calendarDayDeadline(d("2026-09-01"), 30);
    assertThat(rolled.end()).isEqualTo(d("2026-10-01"));
    assertThat(rolled.deadline()).isEqualTo(d("2026-10-08"));
    assertThat(rolled.rolledToWorkingDay()).isTrue();
    assertThat(calendar.plusCalendarDays(d("2026-09-01"), 30)).isEqualTo(d("2026-10-08"));
    // 09-10 + 30 days = Sat 10-10, a make-up workday: no roll
    assertThat(calendar.plusCalendarDays(d("2026-09-10"), 30)).isEqualTo(d("2026-10-10"));
    // 09-11 + 30 days = Sun 10-11, an ordinary Sunday: Mon 10-12
    assertThat(calendar.plusCalendarDays(d("2026-09-11"), 30)).isEqualTo(d("2026-10-12"));
  }

  @Test
  void withoutTheRollPolicyACalendarDayDeadlineStays() {
    WorkingDayCalendar noRoll = new WorkingDayCalendar(shipped, false);
    assertThat(noRoll.rollsCalendarDeadlinesToWorkingDay()).isFalse();
    assertThat(noRoll.plusCalendarDays(d("2026-09-01"), 30)).isEqualTo(d("2026-10-01"));
    assertThat(noRoll.calendarDayDeadline(d("2026-09-01"), 30).rolledToWorkingDay()).isFalse();
    assertThat(calendar.withRollCalendarDeadlines(false).plusCalendarDays(d("2026-09-01"), 30))
        .isEqualTo(d("2026-10-01"));
    // working days are not affected by the policy
    assertThat(noRoll.plusWorkingDays(d("2026-09-28"), 20)).isEqualTo(d("2026-10-30"));
  }

  @Test
  void year2027WithoutANoticeKeepsTheStatutoryHolidaysAndWarnsOnce() {
    // Fri 2027-10-01 is National Day by law, notice or not
    assertThat(calendar.isWorkingDay(d("2027-10-01"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2027-10-02"))).isFalse(); // Saturday
    // Thu 2026-12-31 + 1 working day: Fri 2027-01-01 is 元旦, then the weekend -> Mon 2027-01-04
    assertThat(calendar.plusWorkingDays(d("2026-12-31"), 1)).isEqualTo(d("2027-01-04"));
    assertThat(calendar.isComplete(d("2026-12-31"), d("2027-01-04"))).isFalse();
    calendar.plusWorkingDays(d("2027-03-01"), 40);

    List<ILoggingEvent> warnings =
        logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getFormattedMessage())
        .contains("2027")
        .contains("statutory holidays fixed by law")
        .contains("调休");
  }

  @Test
  void everyStatutoryHolidayOf2027IsADayOff() {
    for (String day :
        List.of(
            "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05",
            "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
            "2027-10-03")) {
      assertThat(calendar.isWorkingDay(d(day))).as(day).isFalse();
      CalendarDay described = calendar.describe(d(day));
      assertThat(described.kind()).as(day).isEqualTo(CalendarDay.Kind.HOLIDAY);
      assertThat(described.source()).isEqualTo(CalendarSource.LAW);
    }
    // the days around them are ordinary: no 调休 invented, no 补假 guessed
    assertThat(calendar.isWorkingDay(d("2027-02-04"))).isTrue(); // Thu before 除夕
    assertThat(calendar.isWorkingDay(d("2027-02-09"))).isTrue(); // Tue after 初三
    assertThat(calendar.isWorkingDay(d("2027-02-20"))).isFalse(); // an ordinary Saturday
    assertThat(calendar.isWorkingDay(d("2027-10-04"))).isTrue(); // Mon after National Day
    assertThat(calendar.isWorkingDay(d("2027-09-16"))).isTrue();
    assertThat(calendar.describe(d("2027-09-15")).name()).isEqualTo("中秋节");
    assertThat(calendar.describe(d("2027-09-14")).kind()).isEqualTo(CalendarDay.Kind.WORKDAY);
  }

  @Test
  void deadlinesStartingBeforeTheStatutoryHolidaysOf2027SkipThem() {
    // Wed 02-03 + 2: Thu 02-04 (1), [Fri 02-05 .. Mon 02-08 春节], Tue 02-09 (2)
    assertThat(calendar.plusWorkingDays(d("2027-02-03"), 2)).isEqualTo(d("2027-02-09"));
    // Fri 04-02 + 1: [Sat, Sun, Mon 04-05 清明节] -> Tue 04-06
    assertThat(calendar.plusWorkingDays(d("2027-04-02"), 1)).isEqualTo(d("2027-04-06"));
    // Tue 06-08 + 1: [Wed 06-09 端午节] -> Thu 06-10; Tue 09-14 + 1: [Wed 09-15 中秋节] -> Thu 09-16
    assertThat(calendar.plusWorkingDays(d("2027-06-08"), 1)).isEqualTo(d("2027-06-10"));
    assertThat(calendar.plusWorkingDays(d("2027-09-14"), 1)).isEqualTo(d("2027-09-16"));
    // Thu 09-30 + 1: [Fri 10-01 .. Sun 10-03 国庆节] -> Mon 10-04
    assertThat(calendar.plusWorkingDays(d("2027-09-30"), 1)).isEqualTo(d("2027-10-04"));
    // 20 working days from Mon 2026-12-14: 12-15..12-31 (13), [01-01..01-03], 01-04..01-08 (18),
    // 01-11, 01-12 (20)
    assertThat(calendar.plusWorkingDays(d("2026-12-14"), 20)).isEqualTo(d("2027-01-12"));
    // and back again, and counted
    assertThat(calendar.minusWorkingDays(d("2027-02-09"), 1)).isEqualTo(d("2027-02-04"));
    // after Fri 01-29: 02-01 .. 02-04 (4), [02-05 .. 02-08], 02-09 .. 02-12 (8): 10 weekdays less 2
    assertThat(calendar.workingDaysBetween(d("2027-01-29"), d("2027-02-12"))).isEqualTo(8);
    // a calendar-day deadline on 中秋节 rolls to the next working day
    assertThat(calendar.plusCalendarDays(d("2027-08-16"), 30)).isEqualTo(d("2027-09-16"));
  }

  @Test
  void eachYearSaysWhereItsWorkingDaysComeFrom() {
    assertThat(calendar.sourceOf(2026)).isEqualTo(CalendarSource.NOTICE);
    assertThat(calendar.sourceOf(2027)).isEqualTo(CalendarSource.LAW);
    assertThat(calendar.sourceOf(2100)).isEqualTo(CalendarSource.LAW);
    assertThat(calendar.sourceOf(2101)).isEqualTo(CalendarSource.WEEKDAYS);
    assertThat(calendar.sourceOf(2018)).isEqualTo(CalendarSource.WEEKDAYS);
    assertThat(calendar.isByLawOnly(d("2027-06-30"))).isTrue();
    assertThat(calendar.isByLawOnly(d("2026-12-31"))).isFalse();
    assertThat(calendar.sources(d("2027-01-04"), d("2025-12-01")))
        .containsExactly(
            java.util.Map.entry(2025, CalendarSource.NOTICE),
            java.util.Map.entry(2026, CalendarSource.NOTICE),
            java.util.Map.entry(2027, CalendarSource.LAW));
    assertThat(CalendarSource.LAW.code()).isEqualTo("law");
    assertThat(CalendarSource.LAW.label()).isEqualTo("按法定节假日计算（国务院通知尚未发布，调休安排未计入）");
  }

  @Test
  void aYearBeyondTheLawsTableCountsMondayToFridayAndSaysSo() {
    // Mon 2101-10-03: no law dates for 2101, an ordinary Monday
    assertThat(d("2101-10-03").getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(calendar.isWorkingDay(d("2101-10-03"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2101-01-03"))).isTrue(); // a Monday
    assertThat(calendar.describe(d("2101-10-03")).source()).isEqualTo(CalendarSource.WEEKDAYS);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains("2101").contains("Monday to Friday"));
  }

  @Test
  void aPublishedNoticeOverridesTheLawEntirely() {
    // a made-up 2027 notice: 元旦 Fri 01-01 .. Sun 01-03; 春节 Fri 02-05 .. Thu 02-11 with Sat 02-13
    // worked; 国庆节 Fri 10-01 .. Thu 10-07 with Sat 10-09 worked; it names no 中秋节
    List<HolidayDay> notice = new java.util.ArrayList<>();
    for (LocalDate day = d("2027-01-01"); !day.isAfter(d("2027-01-03")); day = day.plusDays(1)) {
      notice.add(new HolidayDay(day, "元旦", true));
    }
    for (LocalDate day = d("2027-02-05"); !day.isAfter(d("2027-02-11")); day = day.plusDays(1)) {
      notice.add(new HolidayDay(day, "春节", true));
    }
    notice.add(new HolidayDay(d("2027-02-13"), "春节", false));
    for (LocalDate day = d("2027-10-01"); !day.isAfter(d("2027-10-07")); day = day.plusDays(1)) {
      notice.add(new HolidayDay(day, "国庆节", true));
    }
    notice.add(new HolidayDay(d("2027-10-09"), "国庆节", false));
    List<HolidayYear> years =
        HolidayData.merge(shipped, List.of(new HolidayYear(2027, notice, "test notice 2027")));
    WorkingDayCalendar published = new WorkingDayCalendar(years, true);

    assertThat(published.sourceOf(2027)).isEqualTo(CalendarSource.NOTICE);
    assertThat(published.isComplete(2027)).isTrue();
    // its 调休: Tue 02-09 off, Sat 02-13 worked; Mon 10-04 off, Sat 10-09 worked
    assertThat(published.isWorkingDay(d("2027-02-09"))).isFalse();
    assertThat(published.isWorkingDay(d("2027-02-13"))).isTrue();
    assertThat(published.describe(d("2027-02-13")).kind()).isEqualTo(CalendarDay.Kind.MAKEUP_WORKDAY);
    assertThat(published.isWorkingDay(d("2027-10-04"))).isFalse();
    assertThat(published.isWorkingDay(d("2027-10-09"))).isTrue();
    // the law's days it does not name are not added: Wed 09-15 (中秋节 by law) is worked
    assertThat(published.isWorkingDay(d("2027-09-15"))).isTrue();
    assertThat(published.describe(d("2027-09-15")).name()).isNull();
    // Wed 02-03 + 2: Thu 02-04 (1), [02-05 .. 02-11], Fri 02-12 (2)
    assertThat(published.plusWorkingDays(d("2027-02-03"), 2)).isEqualTo(d("2027-02-12"));
    assertThat(published.describe(d("2027-10-01")).source()).isEqualTo(CalendarSource.NOTICE);
    published.plusWorkingDays(d("2027-01-04"), 200);
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
  }

  @Test
  void daysANeighbouringNoticeNamesCountInAYearByLaw() {
    // a 2027 notice that names Fri 2028-01-01 .. Mon 01-03 (元旦 with its 补假) and Sat 2028-01-08
    // worked, while 2028 itself has no notice yet
    List<HolidayDay> notice =
        List.of(
            new HolidayDay(d("2027-10-01"), "国庆节", true),
            new HolidayDay(d("2028-01-03"), "元旦", true),
            new HolidayDay(d("2028-01-08"), "元旦", false));
    WorkingDayCalendar calendar2028 =
        new WorkingDayCalendar(
            HolidayData.merge(shipped, List.of(new HolidayYear(2027, notice, "test"))), true);
    assertThat(calendar2028.sourceOf(2028)).isEqualTo(CalendarSource.LAW);
    assertThat(calendar2028.isWorkingDay(d("2028-01-03"))).isFalse(); // named by the 2027 notice
    assertThat(calendar2028.isWorkingDay(d("2028-01-08"))).isTrue();
    assertThat(calendar2028.isWorkingDay(d("2028-01-25"))).isFalse(); // 除夕 by law
    assertThat(calendar2028.isWorkingDay(d("2028-01-24"))).isTrue();
  }

  @Test
  void completeYearsDoNotWarn() {
    calendar.plusWorkingDays(d("2019-01-02"), 1500); // 2019 .. 2024
    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.WARN);
  }

  @Test
  void minusWorkingDays() {
    // 20 working days before Fri 10-30 go back to Mon 09-28 (the count above, backwards)
    assertThat(calendar.minusWorkingDays(d("2026-10-30"), 20)).isEqualTo(d("2026-09-28"));
    // 5 before Mon 10-12: Sat 10-10 make-up (1), Fri 10-09 (2), Thu 10-08 (3),
    // [10-07..10-01 off], Wed 09-30 (4), Tue 09-29 (5)
    assertThat(calendar.minusWorkingDays(d("2026-10-12"), 5)).isEqualTo(d("2026-09-29"));
    // across the Spring Festival: 1 before Tue 02-24 is the make-up Sat 02-14
    assertThat(calendar.minusWorkingDays(d("2026-02-24"), 1)).isEqualTo(d("2026-02-14"));
  }

  @Test
  void zeroWorkingDays() {
    // a working day stays; a day off moves to the next (plus) or previous (minus) working day
    assertThat(calendar.plusWorkingDays(d("2026-09-28"), 0)).isEqualTo(d("2026-09-28"));
    assertThat(calendar.plusWorkingDays(d("2026-10-01"), 0)).isEqualTo(d("2026-10-08"));
    assertThat(calendar.minusWorkingDays(d("2026-10-01"), 0)).isEqualTo(d("2026-09-30"));
    assertThat(calendar.plusCalendarDays(d("2026-10-03"), 0)).isEqualTo(d("2026-10-08"));
    assertThat(calendar.workingDaysBetween(d("2026-10-01"), d("2026-10-01"))).isZero();
  }

  @Test
  void negativePeriodsAreRefused() {
    assertThatThrownBy(() -> calendar.plusWorkingDays(d("2026-09-28"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minusWorkingDays");
    assertThatThrownBy(() -> calendar.minusWorkingDays(d("2026-09-28"), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calendar.plusCalendarDays(d("2026-09-28"), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void yearBoundary2025To2026() {
    // Wed 2025-12-31 + 1: 2026-01-01..03 off (元旦), Sun 01-04 is worked -> 2026-01-04
    assertThat(calendar.plusWorkingDays(d("2025-12-31"), 1)).isEqualTo(d("2026-01-04"));
    assertThat(calendar.plusWorkingDays(d("2025-12-31"), 2)).isEqualTo(d("2026-01-05"));
    assertThat(calendar.minusWorkingDays(d("2026-01-04"), 1)).isEqualTo(d("2025-12-31"));
    assertThat(calendar.workingDaysBetween(d("2025-12-31"), d("2026-01-05"))).isEqualTo(2);
    assertThat(calendar.workingDaysBetween(d("2026-01-05"), d("2025-12-31"))).isEqualTo(-2);
  }

  @Test
  void daysNamedByTheNextYearsNotice() {
    // 2019.json names Sat 2018-12-29 (worked) and Mon 2018-12-31 (off), although 2018 has no file
    assertThat(calendar.isWorkingDay(d("2018-12-29"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2018-12-31"))).isFalse();
    assertThat(calendar.describe(d("2018-12-29")).kind())
        .isEqualTo(CalendarDay.Kind.MAKEUP_WORKDAY);
  }

  @Test
  void leapDay() {
    // 2024-02-29 is a Thursday outside the Spring Festival (02-10 .. 02-17)
    assertThat(calendar.isWorkingDay(d("2024-02-29"))).isTrue();
    assertThat(calendar.plusWorkingDays(d("2024-02-28"), 1)).isEqualTo(d("2024-02-29"));
    assertThat(calendar.plusWorkingDays(d("2024-02-29"), 1)).isEqualTo(d("2024-03-01"));
    assertThat(calendar.plusCalendarDays(d("2024-01-30"), 30)).isEqualTo(d("2024-02-29"));
    // 2028 (by law, 春节 01-25 .. 01-28): Tue 02-29 is a working day
    assertThat(calendar.isWorkingDay(d("2028-02-29"))).isTrue();
    assertThat(calendar.plusWorkingDays(d("2028-02-28"), 1)).isEqualTo(d("2028-02-29"));
    assertThat(calendar.plusWorkingDays(d("2028-01-24"), 1)).isEqualTo(d("2028-01-31"));
  }

  @Test
  void describe() {
    List<CalendarDay> days = calendar.describe(d("2026-09-30"), d("2026-10-12"));
    assertThat(days).hasSize(13);
    assertThat(days.get(0).kind()).isEqualTo(CalendarDay.Kind.WORKDAY);
    assertThat(days.get(1))
        .isEqualTo(
            new CalendarDay(
                d("2026-10-01"),
                DayOfWeek.THURSDAY,
                false,
                CalendarDay.Kind.HOLIDAY,
                "国庆节",
                true,
                CalendarSource.NOTICE));
    assertThat(days.get(10).kind()).isEqualTo(CalendarDay.Kind.MAKEUP_WORKDAY); // 10-10
    assertThat(days.get(11).kind()).isEqualTo(CalendarDay.Kind.WEEKEND); // 10-11
    assertThat(calendar.describe(d("2027-10-01")))
        .isEqualTo(
            new CalendarDay(
                d("2027-10-01"),
                DayOfWeek.FRIDAY,
                false,
                CalendarDay.Kind.HOLIDAY,
                "国庆节",
                false,
                CalendarSource.LAW));
  }

  /**
   * The fast path agrees with counting day by day, over notice years, years by law (2027 ..) and
   * a year without data (2018), and many periods.
   */
  @Test
  void agreesWithANaiveCount() {
    for (LocalDate from = d("2018-11-01"); from.isBefore(d("2031-03-01")); from = from.plusDays(3)) {
      for (int n : new int[] {0, 1, 2, 3, 5, 10, 20, 60, 250, 700}) {
        LocalDate expected = naivePlus(from, n);
        assertThat(calendar.plusWorkingDays(from, n)).as("%s + %d", from, n).isEqualTo(expected);
        LocalDate back = naiveMinus(from, n);
        assertThat(calendar.minusWorkingDays(from, n)).as("%s - %d", from, n).isEqualTo(back);
        if (n > 0) {
          assertThat(calendar.workingDaysBetween(from, expected)).isEqualTo(n);
          assertThat(calendar.workingDaysBetween(expected, from)).isEqualTo(-n);
        }
      }
    }
  }

  private LocalDate naivePlus(LocalDate from, int n) {
    LocalDate day = from;
    if (n == 0) {
      while (!calendar.isWorkingDay(day)) {
        day = day.plusDays(1);
      }
      return day;
    }
    while (n > 0) {
      day = day.plusDays(1);
      if (calendar.isWorkingDay(day)) {
        n--;
      }
    }
    return day;
  }

  private LocalDate naiveMinus(LocalDate from, int n) {
    LocalDate day = from;
    if (n == 0) {
      while (!calendar.isWorkingDay(day)) {
        day = day.minusDays(1);
      }
      return day;
    }
    while (n > 0) {
      day = day.minusDays(1);
      if (calendar.isWorkingDay(day)) {
        n--;
      }
    }
    return day;
  }

  @Test
  void anOverrideFileReplacesItsYear(@TempDir Path dir) throws IOException {
    // an amended 2026 notice that also gives Thu 10-08 off; and the 2027 notice arriving
    Files.writeString(
        dir.resolve("2026.json"),
        """
        {"year":2026,"papers":[],"days":[
          {"name":"国庆节","date":"2026-10-01","isOffDay":true},
          {"name":"国庆节","date":"2026-10-08","isOffDay":true}]}
        """,
        StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("2027.json"),
        """
        {"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}
        """,
        StandardCharsets.UTF_8);
    WorkingDayCalendar amended = WorkingDayCalendar.load(dir, true);
    assertThat(amended.isWorkingDay(d("2026-10-08"))).isFalse();
    // the whole year is replaced: Fri 10-02 is no longer named, an ordinary Friday
    assertThat(amended.isWorkingDay(d("2026-10-02"))).isTrue();
    assertThat(amended.isComplete(2027)).isTrue();
    assertThat(amended.sourceOf(2027)).isEqualTo(CalendarSource.NOTICE);
    assertThat(amended.isWorkingDay(d("2027-01-01"))).isFalse();
    assertThat(amended.plusWorkingDays(d("2026-12-31"), 1)).isEqualTo(d("2027-01-04"));
    // the arrived notice wins entirely: it names no National Day, so Fri 2027-10-01 is worked
    assertThat(amended.isWorkingDay(d("2027-10-01"))).isTrue();
  }

  @Test
  void aBrokenFileStopsTheLoad(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("2026.json"), "{\"year\":2026,\"days\":[{\"date\":\"2026-13-01\",\"isOffDay\":true}]}");
    assertThatThrownBy(() -> WorkingDayCalendar.load(dir, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2026-13-01");
    assertThatThrownBy(() -> WorkingDayCalendar.load(dir.resolve("missing"), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data-dir");
  }
}
