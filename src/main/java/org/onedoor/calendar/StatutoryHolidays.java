package org.onedoor.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statutory holidays of all citizens (全体公民放假的节日) fixed by 全国年节及纪念日放假办法, for
 * years whose State Council notice is not yet published.
 *
 * <ul>
 *   <li>From 2025 (State Council decree No. 795 of 2024): 元旦 1 day (1 January), 春节 4 days (除夕
 *       and 正月初一 to 初三), 清明节 1 day, 劳动节 2 days (1–2 May), 端午节 1 day (五月初五), 中秋节 1
 *       day (八月十五), 国庆节 3 days (1–3 October): 13 days.
 *   <li>2014–2024 (decree No. 644 of 2013): 春节 3 days (正月初一 to 初三) and 劳动节 1 day (1 May),
 *       the rest as above: 11 days.
 * </ul>
 *
 * <p>Only the days the law names. The notice adds what the law leaves to it: the 调休 that joins
 * them to weekends, and the weekday given in lieu (补假) when a holiday falls on a Saturday or
 * Sunday (art. 6); neither is guessed here. The lunar and solar-term dates come from {@link
 * LunisolarDates}, so the law is known for {@value LunisolarDates#FIRST_YEAR}–{@value
 * LunisolarDates#LAST_YEAR}.
 */
public final class StatutoryHolidays {

  /** The first year of the 2024 revision (4 days of 春节, 2 of 劳动节). */
  public static final int REVISION_2024_FROM = 2025;

  private StatutoryHolidays() {}

  /** Whether the statutory holidays of {@code year} are known. */
  public static boolean covers(int year) {
    return LunisolarDates.of(year).isPresent();
  }

  /**
   * The statutory days off of {@code year}, in date order, each named after its festival (a day of
   * two festivals, 中秋节 on 1 October, is named "中秋节、国庆节"); empty when {@link #covers} is false.
   */
  public static List<HolidayDay> of(int year) {
    Optional<LunisolarDates> lunisolar = LunisolarDates.of(year);
    if (lunisolar.isEmpty()) {
      return List.of();
    }
    LunisolarDates l = lunisolar.get();
    boolean revised = year >= REVISION_2024_FROM;
    Map<LocalDate, String> days = new LinkedHashMap<>();
    add(days, "元旦", LocalDate.of(year, 1, 1), 1);
    if (revised) {
      add(days, "春节", l.newYearsEve(), 4);
    } else {
      add(days, "春节", l.springFestival(), 3);
    }
    add(days, "清明节", l.qingming(), 1);
    add(days, "劳动节", LocalDate.of(year, 5, 1), revised ? 2 : 1);
    add(days, "端午节", l.dragonBoat(), 1);
    add(days, "中秋节", l.midAutumn(), 1);
    add(days, "国庆节", LocalDate.of(year, 10, 1), 3);
    List<HolidayDay> list = new ArrayList<>();
    days.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> list.add(new HolidayDay(e.getKey(), e.getValue(), true)));
    return List.copyOf(list);
  }

  private static void add(Map<LocalDate, String> days, String festival, LocalDate first, int count) {
    for (int i = 0; i < count; i++) {
      days.merge(first.plusDays(i), festival, (a, b) -> a + "、" + b);
    }
  }
}
