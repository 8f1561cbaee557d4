package org.onedoor.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.impl.CalendarAstronomer;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The statutory holidays by law (全国年节及纪念日放假办法) and the lunisolar table they hang on.
 *
 * <p>Checked two ways: the State Council notices of 2019–2026 (shipped holiday files) must give
 * off every day the law names, under the festival's name; and every date of the table must agree
 * with ICU4J's independent Chinese calendar, except three days where the deciding new moon or solar
 * term falls within minutes of Beijing midnight and ICU4J's lower-precision ephemeris is wrong.
 */
class StatutoryHolidaysTest {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  private static List<LocalDate> dates(int year) {
    return StatutoryHolidays.of(year).stream().map(HolidayDay::date).toList();
  }

  @Test
  void theNoticesOf2019To2026GiveOffEveryDayTheLawNames() {
    Map<LocalDate, HolidayDay> noticed = new HashMap<>();
    Set<Integer> years = new TreeSet<>();
    for (HolidayYear year : HolidayData.fromClasspath()) {
      if (year.published()) {
        years.add(year.year());
        year.days().forEach(day -> noticed.put(day.date(), day));
      }
    }
    assertThat(years).containsExactly(2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);

    List<String> missed = new ArrayList<>();
    int checked = 0;
    for (int year : years) {
      Set<String> lawFestivals = new TreeSet<>();
      for (HolidayDay law : StatutoryHolidays.of(year)) {
        checked++;
        HolidayDay notice = noticed.get(law.date());
        for (String festival : law.name().split("、")) {
          lawFestivals.add(festival);
          if (notice == null || !notice.offDay() || !notice.name().contains(festival)) {
            missed.add(law.date() + " " + festival + " (notice: " + notice + ")");
          }
        }
      }
      // and the other way round: every festival the notice gives off is one the law names
      Set<String> noticeFestivals =
          noticed.values().stream()
              .filter(day -> day.date().getYear() == year && day.offDay())
              .flatMap(day -> List.of(day.name().split("、")).stream())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(lawFestivals).as("festivals of %d", year).isEqualTo(noticeFestivals);
    }
    assertThat(missed).isEmpty();
    // 6 years of 11 days (2020: 中秋节 on 1 October, one day of two festivals) and 2 years of 13
    assertThat(checked).isEqualTo(6 * 11 - 1 + 2 * 13);
  }

  @Test
  void year2027ByLaw() {
    // 正月初一 2027 is Saturday 6 February (new moon 23:56 Beijing time on the 6th): 除夕 is Fri 02-05
    assertThat(StatutoryHolidays.of(2027))
        .extracting(day -> day.date() + " " + day.name())
        .containsExactly(
            "2027-01-01 元旦",
            "2027-02-05 春节",
            "2027-02-06 春节",
            "2027-02-07 春节",
            "2027-02-08 春节",
            "2027-04-05 清明节",
            "2027-05-01 劳动节",
            "2027-05-02 劳动节",
            "2027-06-09 端午节",
            "2027-09-15 中秋节",
            "2027-10-01 国庆节",
            "2027-10-02 国庆节",
            "2027-10-03 国庆节");
    assertThat(StatutoryHolidays.of(2027)).allMatch(HolidayDay::offDay);
  }

  @Test
  void midAutumnOnNationalDayIsOneDayOfTwoFestivals() {
    // 八月十五 2028 is Tue 3 October: 12 days off, not 13
    assertThat(StatutoryHolidays.of(2028)).hasSize(12);
    assertThat(StatutoryHolidays.of(2028))
        .filteredOn(day -> day.date().equals(d("2028-10-03")))
        .extracting(HolidayDay::name)
        .containsExactly("中秋节、国庆节");
    // 除夕 2028 is Tue 25 January (正月初一 Wed 01-26); 2028-02-29 is no holiday
    assertThat(dates(2028)).contains(d("2028-01-25"), d("2028-01-28")).doesNotContain(d("2028-02-29"));
  }

  @Test
  void before2025TheLawHadThreeDaysOfSpringFestivalAndOneOfLabourDay() {
    // 2024: 正月初一 Sat 02-10; 除夕 02-09 and 05-02 were not statutory
    assertThat(dates(2024))
        .contains(d("2024-02-10"), d("2024-02-12"), d("2024-05-01"))
        .doesNotContain(d("2024-02-09"), d("2024-02-13"), d("2024-05-02"))
        .hasSize(11);
    assertThat(dates(2025)).contains(d("2025-01-28"), d("2025-05-02")).hasSize(13);
  }

  @Test
  void outsideTheTableTheLawIsNotKnown() {
    assertThat(StatutoryHolidays.covers(2018)).isFalse();
    assertThat(StatutoryHolidays.of(2018)).isEmpty();
    assertThat(StatutoryHolidays.covers(2101)).isFalse();
    assertThat(StatutoryHolidays.covers(2100)).isTrue();
    assertThat(StatutoryHolidays.of(2100)).hasSize(13);
  }

  @Test
  void theTableIsPlausibleEveryYear() {
    for (int y = LunisolarDates.FIRST_YEAR; y <= LunisolarDates.LAST_YEAR; y++) {
      LunisolarDates l = LunisolarDates.of(y).orElseThrow();
      assertThat(l.springFestival()).as("%d", y).isBetween(d(y + "-01-21"), d(y + "-02-20"));
      assertThat(l.qingming()).as("%d", y).isBetween(d(y + "-04-04"), d(y + "-04-05"));
      // 五月初五 and 八月十五 are 4 and 7 lunar months (or one more in a leap year) after 初一
      long dragonBoat = l.dragonBoat().toEpochDay() - l.springFestival().toEpochDay();
      long midAutumn = l.midAutumn().toEpochDay() - l.springFestival().toEpochDay();
      assertThat(dragonBoat).as("%d", y).isBetween(4 * 29L + 4, 5 * 30L + 4);
      assertThat(midAutumn).as("%d", y).isBetween(7 * 29L + 14, 8 * 30L + 14);
    }
  }

  /**
   * ICU4J computes the Chinese calendar with its own ephemeris; it disagrees with the table only
   * where the deciding moment is within minutes of Beijing midnight (new moons 2027-02-06 23:56
   * and 2030-02-03 00:07, Qingming 2071-04-05 00:10), where its precision does not suffice.
   */
  @Test
  void theTableAgreesWithIcu4jExceptWhereTheMomentIsWithinMinutesOfMidnight() {
    ChineseCalendar chinese = new ChineseCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
    List<String> disagreements = new ArrayList<>();
    for (int y = LunisolarDates.FIRST_YEAR; y <= LunisolarDates.LAST_YEAR; y++) {
      LunisolarDates table = LunisolarDates.of(y).orElseThrow();
      Map<String, LocalDate> icu = new HashMap<>();
      for (LocalDate day = LocalDate.of(y, 1, 1); day.getYear() == y; day = day.plusDays(1)) {
        chinese.setTimeInMillis(day.atTime(12, 0).atZone(BEIJING).toInstant().toEpochMilli());
        if (chinese.get(ChineseCalendar.IS_LEAP_MONTH) == 0) {
          int month = chinese.get(ChineseCalendar.MONTH) + 1;
          int dayOfMonth = chinese.get(ChineseCalendar.DAY_OF_MONTH);
          if (month == 1 && dayOfMonth == 1) {
            icu.put("springFestival", day);
          } else if (month == 5 && dayOfMonth == 5) {
            icu.put("dragonBoat", day);
          } else if (month == 8 && dayOfMonth == 15) {
            icu.put("midAutumn", day);
          }
        }
      }
      long march25 = LocalDate.of(y, 3, 25).atStartOfDay(BEIJING).toInstant().toEpochMilli();
      long qingming = new CalendarAstronomer(march25).getSunTime(Math.toRadians(15), true);
      icu.put("qingming", Instant.ofEpochMilli(qingming).atZone(BEIJING).toLocalDate());

      compare(disagreements, "springFestival", table.springFestival(), icu);
      compare(disagreements, "qingming", table.qingming(), icu);
      compare(disagreements, "dragonBoat", table.dragonBoat(), icu);
      compare(disagreements, "midAutumn", table.midAutumn(), icu);
    }
    assertThat(disagreements)
        .containsExactly(
            "springFestival 2027-02-06 (ICU4J 2027-02-07)",
            "springFestival 2030-02-03 (ICU4J 2030-02-02)",
            "qingming 2071-04-05 (ICU4J 2071-04-04)");
  }

  private static void compare(
      List<String> disagreements, String what, LocalDate table, Map<String, LocalDate> icu) {
    if (!table.equals(icu.get(what))) {
      disagreements.add(what + " " + table + " (ICU4J " + icu.get(what) + ")");
    }
  }
}
