package org.onedoor.calendar;

import java.util.List;
import java.util.Objects;

/**
 * The content of one holiday file ({@code 2026.json}): the days named by that year's notice.
 * A file may name days of the neighbouring year (2019.json names 2018-12-29 to 2018-12-31, the
 * New Year holiday that straddles the years).
 *
 * @param year the year of the notice
 * @param days the days it names; empty when the notice is not yet published
 * @param source where the file came from, for the logs
 */
public record HolidayYear(int year, List<HolidayDay> days, String source) {

  public HolidayYear {
    days = List.copyOf(days);
    Objects.requireNonNull(source, "source");
  }

  /** Whether the notice for this year is in the file (an empty {@code days} list means no). */
  public boolean published() {
    return !days.isEmpty();
  }
}
