package org.onedoor.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * One day as the working-day calendar sees it, for lists in the UIs.
 *
 * @param date the day
 * @param dayOfWeek its weekday
 * @param working whether it is a working day
 * @param kind why
 * @param name the festival when a notice or, in a year without one, the law names the day
 *     (国庆节), else null
 * @param official whether the notice for the day's year is in the data
 * @param source where the day's year is judged from: its notice, the statutory holidays by law
 *     (no notice yet: 调休 unknown), or Monday to Friday only
 */
public record CalendarDay(
    LocalDate date,
    DayOfWeek dayOfWeek,
    boolean working,
    Kind kind,
    String name,
    boolean official,
    CalendarSource source) {

  /** Why a day is working or not. */
  public enum Kind {
    /** Monday to Friday, not named by a notice. */
    WORKDAY,
    /** Saturday or Sunday, not named by a notice. */
    WEEKEND,
    /** A day off named by a notice (放假) or, in a year without one, by law; whatever the weekday. */
    HOLIDAY,
    /** A weekend day worked in exchange for a holiday (调休上班). */
    MAKEUP_WORKDAY
  }
}
