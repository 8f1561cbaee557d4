package org.onedoor.rectification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onedoor.rectification.*}.
 *
 * @param maxPeriod the longest period a rectification order may give, in days or working days (default 180)
 * @param recheckWorkingDays the re-check task is due this many working days after it opens (default 5)
 */
@ConfigurationProperties("onedoor.rectification")
public record RectificationProperties(Integer maxPeriod, Integer recheckWorkingDays) {

  public RectificationProperties {
    maxPeriod = maxPeriod == null ? 180 : maxPeriod;
    recheckWorkingDays = recheckWorkingDays == null ? 5 : recheckWorkingDays;
    if (maxPeriod < 1 || recheckWorkingDays < 0) {
      throw new IllegalArgumentException("onedoor.rectification: max-period must be positive, recheck-working-days not negative");
    }
  }
}
