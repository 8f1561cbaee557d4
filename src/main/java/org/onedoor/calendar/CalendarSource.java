package org.onedoor.calendar;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the working days of a year come from. In JSON the lower-case {@link #code()}; {@link
 * #label()} is the sentence a form shows next to a deadline.
 */
public enum CalendarSource {
  /** The State Council notice of the year is in the data: its holidays and 调休. */
  NOTICE("notice", "按国务院节假日安排通知计算"),
  /**
   * No notice yet: the statutory holidays fixed by law ({@link StatutoryHolidays}) are off, no
   * 调休 or 补假 is assumed.
   */
  LAW("law", "按法定节假日计算（国务院通知尚未发布，调休安排未计入）"),
  /** No notice and outside the years the law's dates are known: Monday to Friday only. */
  WEEKDAYS("weekdays", "仅按周一至周五计算（无节假日数据）");

  private final String code;
  private final String label;

  CalendarSource(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** For the people reading a deadline, in Chinese. */
  public String label() {
    return label;
  }
}
