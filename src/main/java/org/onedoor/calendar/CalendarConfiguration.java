package org.onedoor.calendar;

import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working-day calendar as a Spring bean; the calendar itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  @Bean
  WorkingDayCalendar workingDayCalendar(CalendarProperties properties) {
    return WorkingDayCalendar.load(
        properties.dataDir() == null ? null : Path.of(properties.dataDir()),
        properties.rollCalendarDeadlinesToWorkingDay());
  }
}
