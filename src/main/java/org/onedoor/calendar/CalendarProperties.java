package org.onedoor.calendar;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code onedoor.calendar.*}.
 *
 * @param rollCalendarDeadlinesToWorkingDay a deadline in calendar days that ends on a day off moves
 *     to the next working day (R14; default true)
 * @param zone the zone in which a point in time belongs to a day (default Asia/Shanghai)
 * @param dataDir optional directory with newer holiday files ({@code 2027.json}, holiday-cn
 *     format), each replacing the shipped file of its year; read at start-up
 */
@ConfigurationProperties("onedoor.calendar")
public record CalendarProperties(
    Boolean rollCalendarDeadlinesToWorkingDay, ZoneId zone, String dataDir) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  public CalendarProperties {
    rollCalendarDeadlinesToWorkingDay =
        rollCalendarDeadlinesToWorkingDay == null || rollCalendarDeadlinesToWorkingDay;
    zone = zone == null ? DEFAULT_ZONE : zone;
    dataDir = dataDir == null || dataDir.isBlank() ? null : dataDir;
  }
}
