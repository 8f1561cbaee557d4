package org.onedoor.listing;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts the annual-report sweep of the previous year at {@code onedoor.listing.sweep.cron} (09:00
 * on 1 July, Asia/Shanghai; {@code -} turns it off). On several nodes each tries; one sweep per
 * report year (UNIQUE) means one wins and the others find it started.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AnnualReportSweepSchedule {

  private static final Logger log = LoggerFactory.getLogger(AnnualReportSweepSchedule.class);

  private final ListingSweep sweeps;
  private final Listings listings;

  AnnualReportSweepSchedule(ListingSweep sweeps, Listings listings) {
    this.sweeps = sweeps;
    this.listings = listings;
  }

  @Scheduled(cron = "${onedoor.listing.sweep.cron:0 0 9 1 7 *}", zone = "${onedoor.calendar.zone:Asia/Shanghai}")
  void run() {
    var now = ClockUtil.now().toInstant();
    int year = listings.today(now).getYear() - 1;
    try {
      ListingSweep.Sweep sweep = sweeps.start(year, now);
      log.info("annual-report sweep {} for {}: {}", sweep.id(), year, sweep.status());
    } catch (DataIntegrityViolationException e) {
      log.info("annual-report sweep for {} already started by another node", year);
    }
  }
}
