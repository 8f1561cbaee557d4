package org.onedoor.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.monitoring.MonitoringIntake;
import org.onedoor.monitoring.Reading;
import org.onedoor.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's monitoring data (issue 15): on the first start, after the slice is loaded, the drug-production
 * platform ({@code drug-platform}) sends the last {@code onedoor.demo.monitoring-days} days (60; 0 = none) of
 * the {@link DrugProductionFeed} for the directory's drug makers (行业门类 药品生产, in business), a day per
 * call, through the same intake as its REST calls. The source's rules raise the warnings market inspectors
 * then find in Tasklist (核查预警). Skipped when the source has readings already (a restart, another node).
 * With {@code onedoor.demo.scale=city} and 365 days: the year of 84 makers, about 340,000 readings and a
 * thousand warnings.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "onedoor.demo.load-slice", havingValue = "true")
public class DemoMonitoringFeed {

  /** The demo's platform account, as application-demo.yml names it. */
  static final String PLATFORM = "drug-platform";

  private static final Logger log = LoggerFactory.getLogger(DemoMonitoringFeed.class);

  private final JdbcClient jdbc;
  private final MonitoringIntake intake;
  private final int days;

  public DemoMonitoringFeed(JdbcClient jdbc, MonitoringIntake intake,
      @Value("${onedoor.demo.monitoring-days:60}") int days) {
    if (days < 0 || days > DrugProductionFeed.DAYS) {
      throw new IllegalArgumentException("onedoor.demo.monitoring-days must be 0–365, not " + days);
    }
    this.jdbc = jdbc;
    this.intake = intake;
    this.days = days;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(5) // after the demo slice (order 0), before the demo plan's thread (order 10)
  public void onReady() {
    if (days == 0) {
      return;
    }
    try {
      feed(ClockUtil.now().toInstant());
    } catch (RuntimeException e) {
      log.error("demo monitoring feed: not sent", e);
    }
  }

  /** Sends the feed's days ending yesterday; returns the warnings raised (0 when the source has readings). */
  public int feed(Instant now) {
    boolean fedBefore = jdbc.sql("SELECT COUNT(*) FROM monitoring_record WHERE source = :s")
        .param("s", DrugProductionFeed.SOURCE).query(Long.class).single() > 0;
    if (fedBefore) {
      return 0;
    }
    List<String[]> businesses = jdbc.sql("SELECT uscc, name FROM directory_entity WHERE category = '药品生产'"
            + " AND status IN ('active', 'abnormal') ORDER BY uscc")
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    if (businesses.isEmpty()) {
      log.info("demo monitoring feed: no drug maker in the directory; nothing sent");
      return 0;
    }
    LocalDate today = LocalDate.ofInstant(now, DrugProductionFeed.ZONE);
    // the feed's own days moved to the weeks before today: the same readings and warnings on any first start
    DrugProductionFeed feed = new DrugProductionFeed(DrugProductionFeed.makers(businesses, DrugProductionFeed.DEFAULT_SEED),
        DrugProductionFeed.DEFAULT_SEED, DrugProductionFeed.FIRST_DAY, days);
    long shift = ChronoUnit.DAYS.between(DrugProductionFeed.FIRST_DAY, today.minusDays(days));
    MonitoringIntake.Submitter platform = new MonitoringIntake.Submitter(PLATFORM,
        List.of(Role.MONITORING_SYSTEM.groupId()));
    int readings = 0;
    int warnings = 0;
    while (feed.hasNext()) {
      List<MonitoringIntake.Candidate> day = new ArrayList<>();
      for (Reading r : feed.next()) {
        day.add(new MonitoringIntake.Candidate(day.size(), DrugProductionFeed.moved(r, shift)));
      }
      if (!day.isEmpty()) {
        MonitoringIntake.Outcome outcome = intake.ingestCall(day, 0, platform, now);
        readings += outcome.stored();
        warnings += outcome.warningsRaised();
      }
    }
    log.info("demo monitoring feed: {} readings of {} drug makers over {} days, {} warnings raised", readings,
        businesses.size(), days, warnings);
    return warnings;
  }
}
