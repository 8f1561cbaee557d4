package org.onedoor.monitoring;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The daily check of missing reports at {@code onedoor.monitoring.silence-cron} (06:30, Asia/Shanghai;
 * {@code -} turns it off). On several nodes each runs it; a silence is claimed by one (a conditional
 * update), and an open warning's key is unique, so a business is warned about once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MissingReportsSchedule {

  private static final Logger log = LoggerFactory.getLogger(MissingReportsSchedule.class);

  private final MonitoringEvaluation evaluation;

  MissingReportsSchedule(MonitoringEvaluation evaluation) {
    this.evaluation = evaluation;
  }

  @Scheduled(cron = "${onedoor.monitoring.silence-cron:0 30 6 * * *}", zone = "${onedoor.calendar.zone:Asia/Shanghai}")
  void run() {
    try {
      int raised = evaluation.checkSilence(ClockUtil.now().toInstant());
      log.info("missing monitoring reports: {} warnings raised", raised);
    } catch (DataIntegrityViolationException e) {
      log.info("missing monitoring reports: another node raised the same warning at the same time ({})", e.getMessage());
    }
  }
}
