package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.TestClock;

/** The expression bean on the engine clock. Dates: see {@link WorkingDayCalendarTest}. */
class WorkdaysTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private static WorkingDayCalendar calendar;
  private static Workdays workdays;

  @BeforeAll
  static void setUp() {
    calendar = new WorkingDayCalendar(HolidayData.fromClasspath(), true);
    workdays = new Workdays(calendar, SHANGHAI);
  }

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  private static Date shanghai(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant());
  }

  @Test
  void plusWorkingDaysKeepsTheTimeOfDayAndCrossesNationalDay() {
    ClockUtil.setCurrentTime(shanghai("2026-09-28T10:30:00"));
    // Mon 09-28 + 20 working days = Fri 10-30 (10-01..10-07 off, Sat 10-10 worked)
    assertThat(workdays.plusWorkingDays(20)).isEqualTo(shanghai("2026-10-30T10:30:00"));
    // Mon 09-28 + 3 = Thu 10-08: 09-29, 09-30, then the holiday, then 10-08
    assertThat(workdays.plusWorkingDays(3)).isEqualTo(shanghai("2026-10-08T10:30:00"));
  }

  @Test
  void theBriefsVerifiedExample() {
    // Fri 2026-11-27 10:00 + 3 working days = Wed 2026-12-02 10:00 (nothing named in Nov/Dec)
    ClockUtil.setCurrentTime(shanghai("2026-11-27T10:00:00"));
    assertThat(workdays.plusWorkingDays(3)).isEqualTo(shanghai("2026-12-02T10:00:00"));
  }

  @Test
  void theDayIsTakenInShanghai() {
    // 2026-09-30T17:00Z is 10-01 01:00 in Shanghai, a holiday: + 1 working day = Thu 10-08
    // 01:00 (in UTC the day would have been Wed 09-30, giving 10-08 17:00Z = 10-09 01:00 here)
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-09-30T17:00:00Z")));
    assertThat(workdays.plusWorkingDays(1)).isEqualTo(shanghai("2026-10-08T01:00:00"));
    assertThat(workdays.isWorkingDay()).isFalse();
  }

  @Test
  void fromAGivenDate() {
    Date from = shanghai("2026-02-13T09:00:00");
    // Fri 02-13 + 6 working days = make-up Sat 02-28 (02-14 worked, 02-15..02-23 off)
    assertThat(workdays.plusWorkingDays(from, 6)).isEqualTo(shanghai("2026-02-28T09:00:00"));
    // java.sql.Timestamp is a Date too
    assertThat(workdays.plusWorkingDays(new java.sql.Timestamp(from.getTime()), 6))
        .isEqualTo(shanghai("2026-02-28T09:00:00"));
  }

  @Test
  void calendarDaysRollOffTheHoliday() {
    ClockUtil.setCurrentTime(shanghai("2026-09-01T09:15:00"));
    // 09-01 + 30 days = Thu 10-01 (国庆节) -> Thu 10-08
    assertThat(workdays.plusDays(30)).isEqualTo(shanghai("2026-10-08T09:15:00"));
    assertThat(workdays.plusCalendarDays(30)).isEqualTo(shanghai("2026-10-08T09:15:00"));
    // 09-01 + 29 days = Wed 09-30, a working day
    assertThat(workdays.plusDays(shanghai("2026-09-01T09:15:00"), 29))
        .isEqualTo(shanghai("2026-09-30T09:15:00"));
    Workdays noRoll = new Workdays(calendar.withRollCalendarDeadlines(false), SHANGHAI);
    assertThat(noRoll.plusDays(30)).isEqualTo(shanghai("2026-10-01T09:15:00"));
  }

  @Test
  void minusWorkingDaysBeforeADeadline() {
    // 5 before Mon 10-12 17:00: 10-10 (make-up), 10-09, 10-08, 09-30, 09-29
    assertThat(workdays.minusWorkingDays(shanghai("2026-10-12T17:00:00"), 5))
        .isEqualTo(shanghai("2026-09-29T17:00:00"));
  }

  @Test
  void isoStringsAndJavaTime() {
    // a date alone means the end of that day
    assertThat(workdays.plusWorkingDays("2026-09-28", 20))
        .isEqualTo(shanghai("2026-10-30T23:59:59"));
    assertThat(workdays.plusWorkingDays(LocalDate.parse("2026-09-28"), 20))
        .isEqualTo(shanghai("2026-10-30T23:59:59"));
    assertThat(workdays.plusWorkingDays("2026-09-28T10:00:00", 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    // 02:00Z is 10:00 in Shanghai
    assertThat(workdays.plusWorkingDays("2026-09-28T02:00:00Z", 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    assertThat(workdays.plusWorkingDays("2026-09-28T10:00:00+08:00", 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    // Camunda's own date format
    assertThat(workdays.plusWorkingDays("2026-09-28T10:00:00.000+0800", 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    assertThat(workdays.plusWorkingDays(ZonedDateTime.parse("2026-09-28T10:00:00+08:00"), 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    assertThat(workdays.plusWorkingDays(OffsetDateTime.parse("2026-09-28T02:00:00Z"), 20))
        .isEqualTo(shanghai("2026-10-30T10:00:00"));
    assertThat(workdays.minusWorkingDays("2026-10-30", 20))
        .isEqualTo(shanghai("2026-09-28T23:59:59"));
    assertThat(workdays.plusCalendarDays("2026-09-01", 30))
        .isEqualTo(shanghai("2026-10-08T23:59:59"));
  }

  @Test
  void aDeadlineIntoAYearByLawSkipsItsStatutoryHolidaysAndCarriesANote() {
    // Thu 2026-12-31 10:00 + 1 working day: [Fri 2027-01-01 元旦 by law, weekend] -> Mon 01-04 10:00
    Date due = workdays.plusWorkingDays("2026-12-31T10:00:00", 1);
    assertThat(due.toInstant()).isEqualTo(ZonedDateTime.parse("2027-01-04T10:00:00+08:00[Asia/Shanghai]").toInstant());
    assertThat(workdays.calendarNote(due)).isEqualTo("按法定节假日计算（国务院通知尚未发布，调休安排未计入）");
    assertThat(workdays.calendarNote("2026-10-08")).isEmpty();
    assertThat(workdays.calendarNote(LocalDate.of(2101, 3, 1))).isEqualTo("仅按周一至周五计算（无节假日数据）");
    assertThat(workdays.isWorkingDay("2027-02-05")).isFalse(); // 除夕 by law
  }

  @Test
  void aFormShowingADeadlineInAYearWithoutTheNoticeSaysSoAndOneIn2026SaysNothing() {
    assertThat(workdays.deadlineNote(LocalDate.of(2028, 1, 10)))
        .isEqualTo("该年度国务院放假通知尚未发布，期限按法定节假日计算，调休安排公布后可能调整。");
    assertThat(workdays.deadlineNote("2027-01-04")).contains("国务院放假通知尚未发布");
    assertThat(workdays.deadlineNote(LocalDate.of(2026, 12, 21))).isEmpty();
    assertThat(workdays.deadlineNote(LocalDate.of(2101, 3, 1))).contains("仅按周一至周五计算");
  }

  @Test
  void badInput() {
    assertThatThrownBy(() -> workdays.plusWorkingDays("28.09.2026", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("28.09.2026");
    assertThatThrownBy(() -> workdays.plusWorkingDays((Date) null, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> workdays.plusWorkingDays(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
