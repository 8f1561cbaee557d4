package org.onedoor.disclosure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onedoor.disclosure.*}: the public site's deadlines and limits.
 *
 * @param deadlineWorkingDays a record is due this many working days after its information arose
 *     (R8: 20 by default, 企业信息公示暂行条例 art. 6)
 * @param dueSoonWorkingDays the management API lists unpublished records due within this many
 *     working days as "due soon" (default 5)
 * @param pageSize the default page size of public lists (default 20)
 * @param maxPageSize the largest page a caller may ask for (default 100)
 * @param maxQueryLength the longest search text accepted (default 50 characters)
 */
@ConfigurationProperties("onedoor.disclosure")
public record DisclosureProperties(
    Integer deadlineWorkingDays, Integer dueSoonWorkingDays, Integer pageSize, Integer maxPageSize, Integer maxQueryLength) {

  public DisclosureProperties {
    deadlineWorkingDays = deadlineWorkingDays == null ? 20 : deadlineWorkingDays;
    dueSoonWorkingDays = dueSoonWorkingDays == null ? 5 : dueSoonWorkingDays;
    pageSize = pageSize == null ? 20 : pageSize;
    maxPageSize = maxPageSize == null ? 100 : maxPageSize;
    maxQueryLength = maxQueryLength == null ? 50 : maxQueryLength;
  }

  public static DisclosureProperties defaults() {
    return new DisclosureProperties(null, null, null, null, null);
  }
}
