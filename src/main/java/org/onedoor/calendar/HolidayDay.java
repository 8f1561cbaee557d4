package org.onedoor.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day named by a State Council holiday notice: a day off ({@code offDay}, 放假) or a weekend
 * worked in exchange (调休上班, {@code offDay == false}). Days not named are ordinary: Monday to
 * Friday working, Saturday and Sunday off.
 *
 * @param date the day
 * @param name the festival the day belongs to, e.g. 国庆节 (also for the make-up workdays)
 * @param offDay {@code true}: no work that day; {@code false}: a weekend day worked
 */
public record HolidayDay(LocalDate date, String name, boolean offDay) {

  public HolidayDay {
    Objects.requireNonNull(date, "date");
    name = name == null ? "" : name;
  }
}
