package org.onedoor.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The days of the Chinese lunisolar calendar that the statutory holidays hang on, in Beijing time
 * (UTC+8, the time of the official Chinese calendar, GB/T 33661-2017), for {@value #FIRST_YEAR} to
 * {@value #LAST_YEAR}.
 *
 * <p>A table, not an algorithm: a new moon or the Qingming solar term a few minutes either side of
 * Beijing midnight decides the day, and general-purpose libraries get such cases wrong (ICU4J 78
 * puts 正月初一 2027 on 7 February and 2030 on 2 February, and 清明 2071 on 4 April; the new
 * moons fall at 23:56 on 6 February 2027 and 00:07 on 3 February 2030, Qingming at 00:10 on 5 April
 * 2071). The rows were computed with the 寿星天文历 ephemeris (6tail/lunar-java 1.7.7, MIT) and
 * are checked by tests against the State Council notices of 2019–2026 and, for every other year,
 * against ICU4J except for exactly those three days.
 */
public record LunisolarDates(
    int year, LocalDate springFestival, LocalDate qingming, LocalDate dragonBoat, LocalDate midAutumn) {

  public static final int FIRST_YEAR = 2019;
  public static final int LAST_YEAR = 2100;

  /**
   * Gregorian year, then month-day of 正月初一 (the first day of the lunar year that starts in that
   * Gregorian year), 清明 (the day the Sun reaches 15° ecliptic longitude), 五月初五 (端午) and
   * 八月十五 (中秋).
   */
  private static final String TABLE =
      """
      2019 02-05 04-05 06-07 09-13
      2020 01-25 04-04 06-25 10-01
      2021 02-12 04-04 06-14 09-21
      2022 02-01 04-05 06-03 09-10
      2023 01-22 04-05 06-22 09-29
      2024 02-10 04-04 06-10 09-17
      2025 01-29 04-04 05-31 10-06
      2026 02-17 04-05 06-19 09-25
      2027 02-06 04-05 06-09 09-15
      2028 01-26 04-04 05-28 10-03
      2029 02-13 04-04 06-16 09-22
      2030 02-03 04-05 06-05 09-12
      2031 01-23 04-05 06-24 10-01
      2032 02-11 04-04 06-12 09-19
      2033 01-31 04-04 06-01 09-08
      2034 02-19 04-05 06-20 09-27
      2035 02-08 04-05 06-10 09-16
      2036 01-28 04-04 05-30 10-04
      2037 02-15 04-04 06-18 09-24
      2038 02-04 04-05 06-07 09-13
      2039 01-24 04-05 05-27 10-02
      2040 02-12 04-04 06-14 09-20
      2041 02-01 04-04 06-03 09-10
      2042 01-22 04-04 06-22 09-28
      2043 02-10 04-05 06-11 09-17
      2044 01-30 04-04 05-31 10-05
      2045 02-17 04-04 06-19 09-25
      2046 02-06 04-04 06-08 09-15
      2047 01-26 04-05 05-29 10-04
      2048 02-14 04-04 06-15 09-22
      2049 02-02 04-04 06-04 09-11
      2050 01-23 04-04 06-23 09-30
      2051 02-11 04-05 06-13 09-19
      2052 02-01 04-04 06-01 09-07
      2053 02-19 04-04 06-20 09-26
      2054 02-08 04-04 06-10 09-16
      2055 01-28 04-05 05-30 10-05
      2056 02-15 04-04 06-17 09-24
      2057 02-04 04-04 06-06 09-13
      2058 01-24 04-04 06-25 10-02
      2059 02-12 04-05 06-14 09-21
      2060 02-02 04-04 06-03 09-09
      2061 01-21 04-04 06-22 09-28
      2062 02-09 04-04 06-11 09-17
      2063 01-29 04-05 06-01 10-06
      2064 02-17 04-04 06-19 09-25
      2065 02-05 04-04 06-08 09-15
      2066 01-26 04-04 05-28 10-03
      2067 02-14 04-05 06-16 09-23
      2068 02-03 04-04 06-04 09-11
      2069 01-23 04-04 06-23 09-29
      2070 02-11 04-04 06-13 09-19
      2071 01-31 04-05 06-02 09-08
      2072 02-19 04-04 06-20 09-26
      2073 02-07 04-04 06-10 09-16
      2074 01-27 04-04 05-30 10-05
      2075 02-15 04-04 06-17 09-24
      2076 02-05 04-04 06-06 09-12
      2077 01-24 04-04 06-24 10-01
      2078 02-12 04-04 06-14 09-20
      2079 02-02 04-04 06-04 09-10
      2080 01-22 04-04 06-22 09-28
      2081 02-09 04-04 06-11 09-17
      2082 01-29 04-04 06-01 10-06
      2083 02-17 04-04 06-19 09-26
      2084 02-06 04-04 06-07 09-14
      2085 01-26 04-04 05-27 10-03
      2086 02-14 04-04 06-15 09-22
      2087 02-03 04-04 06-05 09-11
      2088 01-24 04-04 06-23 09-29
      2089 02-10 04-04 06-13 09-18
      2090 01-30 04-04 06-02 09-08
      2091 02-18 04-04 06-21 09-27
      2092 02-07 04-04 06-09 09-16
      2093 01-27 04-04 05-29 10-05
      2094 02-15 04-04 06-17 09-24
      2095 02-05 04-04 06-06 09-13
      2096 01-25 04-04 06-24 09-30
      2097 02-12 04-04 06-14 09-20
      2098 02-01 04-04 06-04 09-09
      2099 01-21 04-04 06-23 09-29
      2100 02-09 04-05 06-12 09-18
      """;

  private static final Map<Integer, LunisolarDates> BY_YEAR = parse(TABLE);

  /** The dates of {@code year}; empty outside {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
  public static Optional<LunisolarDates> of(int year) {
    return Optional.ofNullable(BY_YEAR.get(year));
  }

  /** 除夕, the last day of the lunar year before: the eve of 正月初一, in the same Gregorian year. */
  public LocalDate newYearsEve() {
    return springFestival.minusDays(1);
  }

  private static Map<Integer, LunisolarDates> parse(String table) {
    Map<Integer, LunisolarDates> byYear = new TreeMap<>();
    for (String line : table.strip().split("\\n")) {
      String[] f = line.strip().split("\\s+");
      int year = Integer.parseInt(f[0]);
      byYear.put(
          year,
          new LunisolarDates(year, day(year, f[1]), day(year, f[2]), day(year, f[3]), day(year, f[4])));
    }
    if (byYear.size() != LAST_YEAR - FIRST_YEAR + 1) {
      throw new IllegalStateException("lunisolar table has " + byYear.size() + " years");
    }
    return Map.copyOf(byYear);
  }

  private static LocalDate day(int year, String monthDay) {
    return MonthDay.parse("--" + monthDay).atYear(year);
  }
}
