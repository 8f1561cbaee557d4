package org.onedoor.credit;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The monthly recalculation of credit class and risk level (R13): at {@code onedoor.credit.recalculation-cron}
 * (01:00 every day, Asia/Shanghai; {@code -} turns it off) the month is recalculated unless it already
 * was — so it runs on the 1st, and on the first day after it that the application is up. On several
 * nodes each tries; the month's unique row lets one win, the others find it done (as the annual-report
 * sweep does). Time is the engine clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CreditRecalculationSchedule {

  static final String SYSTEM = "system";
  private static final Logger log = LoggerFactory.getLogger(CreditRecalculationSchedule.class);

  private final CreditFeedback feedback;

  CreditRecalculationSchedule(CreditFeedback feedback) {
    this.feedback = feedback;
  }

  @Scheduled(cron = "${onedoor.credit.recalculation-cron:0 0 1 * * *}", zone = "${onedoor.calendar.zone:Asia/Shanghai}")
  void run() {
    Instant now = ClockUtil.now().toInstant();
    var period = feedback.period(now);
    if (feedback.recalculation(period).isPresent()) {
      return;
    }
    try {
      CreditFeedback.Recalculation done = feedback.recalculate(period, SYSTEM, now);
      log.info("credit recalculation {}: {} changes in force", done.period(), done.changes());
    } catch (ConflictException | DataIntegrityViolationException e) {
      log.info("credit recalculation {} already done by another node", period);
    }
  }
}
