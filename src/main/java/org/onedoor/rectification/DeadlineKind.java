package org.onedoor.rectification;

import java.time.LocalDate;
import org.onedoor.calendar.WorkingDayCalendar;

/** How a rectification order states its period: calendar days (自然日) or working days (工作日), never mixed. */
public enum DeadlineKind {
  DAYS("days", "日"),
  WORKING_DAYS("workingDays", "个工作日");

  private final String code;
  private final String unit;

  DeadlineKind(String code, String unit) {
    this.code = code;
    this.unit = unit;
  }

  /** The value in forms and the API: {@code days} or {@code workingDays}. */
  public String code() {
    return code;
  }

  /** The Chinese unit after the number: "10 日", "5 个工作日". */
  public String unit() {
    return unit;
  }

  /** The deadline of a period of {@code length} starting the day after {@code from}. */
  public LocalDate deadline(WorkingDayCalendar calendar, LocalDate from, int length) {
    return this == WORKING_DAYS ? calendar.plusWorkingDays(from, length) : calendar.plusCalendarDays(from, length);
  }

  public static DeadlineKind fromCode(String code) {
    for (DeadlineKind kind : values()) {
      if (kind.code.equals(code) || kind.name().equals(code)) {
        return kind;
      }
    }
    return null;
  }
}
