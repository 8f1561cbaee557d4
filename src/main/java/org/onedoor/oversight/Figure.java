package org.onedoor.oversight;

import java.util.Locale;

/**
 * One rate of the dashboard with what it is made of. With a zero denominator there is no rate:
 * {@code rate} is null and {@link #display()} says 无数据 (never NaN, never 100 %).
 */
public record Figure(long numerator, long denominator, Double rate, String display) {

  public static final String NO_DATA = "无数据";

  public static Figure of(long numerator, long denominator) {
    if (denominator <= 0) {
      return new Figure(numerator, 0, null, NO_DATA);
    }
    double rate = Math.round(numerator * 10000.0 / denominator) / 10000.0;
    return new Figure(numerator, denominator, rate, percent(rate));
  }

  /** True when the rate reaches {@code target}; null without data. */
  public Boolean meets(double target) {
    return rate == null ? null : numerator * 1.0 / denominator >= target - 1e-9;
  }

  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
