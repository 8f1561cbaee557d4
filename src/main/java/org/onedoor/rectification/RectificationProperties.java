package org.onedoor.rectification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onedoor.rectification.*}.
 *
 * @param maxPeriod the longest period a rectification order may give, in days or working days (default 180)
 * @param recheckWorkingDays the re-check task is due this many working days after it opens (default 5)
 * @param maxExtensionDays the most calendar days an extension (延期整改) may add to the order's deadline;
 *     at most one extension is approved per order (default 30)
 */
@ConfigurationProperties("onedoor.rectification")
public record RectificationProperties(Integer maxPeriod, Integer recheckWorkingDays, Integer maxExtensionDays) {

  public RectificationProperties {
    maxPeriod = maxPeriod == null ? 180 : maxPeriod;
    recheckWorkingDays = recheckWorkingDays == null ? 5 : recheckWorkingDays;
    maxExtensionDays = maxExtensionDays == null ? 30 : maxExtensionDays;
    if (maxPeriod < 1 || recheckWorkingDays < 0 || maxExtensionDays < 1) {
      throw new IllegalArgumentException("onedoor.rectification: max-period and max-extension-days must be positive,"
          + " recheck-working-days not negative");
    }
  }
}
