package org.onedoor.listing;

import java.util.Set;
import org.onedoor.platform.routing.RoutingDepartments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Abnormal-list cases and the annual-report sweep are decided by the registration authority only. */
@Configuration
class ListingRoutingDepartments {

  @Bean
  RoutingDepartments abnormalListingRoutes(ListingProperties properties) {
    return scope(Listings.PROCESS, properties.registrationAuthority());
  }

  @Bean
  RoutingDepartments annualReportSweepRoutes(ListingProperties properties) {
    return scope("annual-report-sweep", properties.registrationAuthority());
  }

  private static RoutingDepartments scope(String key, String department) {
    return new RoutingDepartments() {
      @Override
      public String processKey() {
        return key;
      }

      @Override
      public Set<String> departments() {
        return Set.of(department);
      }
    };
  }
}
