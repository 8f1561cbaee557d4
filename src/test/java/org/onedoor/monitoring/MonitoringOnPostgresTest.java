package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnPostgres;
import org.onedoor.TestClock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monitoring SQL on a real PostgreSQL (zonky embedded): readings in one statement from arrays, a
 * re-sent reading not stored twice, the deviations and their window, the check of missing reports through
 * LATERAL index probes, and the warnings' processes started. Its own context, as {@code ListingOnPostgresTest}.
 */
class MonitoringOnPostgresTest {

  static final Instant NOW = MonitoringFixture.at(2026, 6, 15, 12, 0);

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    context = OnPostgres.start(postgres, "onedoor.monitoring.silence-cron=-", "onedoor.credit.warning-start=inline");
  }

  @AfterAll
  static void stop() throws Exception {
    TestClock.reset();
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static MonitoringIntake.Outcome send(Reading... readings) {
    List<MonitoringIntake.Candidate> candidates = new java.util.ArrayList<>();
    for (int i = 0; i < readings.length; i++) {
      candidates.add(new MonitoringIntake.Candidate(i, readings[i]));
    }
    return context.getBean(MonitoringIntake.class).ingestCall(candidates, 0,
        new MonitoringIntake.Submitter("drug-platform", List.of("role-monitoring-system")), NOW);
  }

  private static Reading reading(String uscc, String indicator, double value, int day, int hour) {
    return new Reading("drug-production", uscc, indicator, MonitoringFixture.at(2026, 6, day, hour, 0), value);
  }

  @Test
  void twoIntakesRaisingTheSameWarningAtOnceOpenItOnceAndBothCommitOnPostgres() throws Exception {
    org.onedoor.credit.TwoIntakesAtOnce.Outcome outcome = org.onedoor.credit.TwoIntakesAtOnce.raise(
        context.getBean(org.onedoor.credit.RiskWarningService.class),
        context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
        context.getBean(JdbcClient.class), org.onedoor.credit.TwoIntakesAtOnce.RECEIVED);
    assertThat(outcome.first()).isOne();
    assertThat(outcome.second()).as("the second intake: only its own rule's warning").isOne();
    assertThat(outcome.ofTheSharedRule()).isOne();
    assertThat(outcome.ofTheSecondsOwnRule()).as("the second intake's other warning committed").isOne();
  }

  @Test
  void readingsRulesAndMissingReportsOnPostgres() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    JdbcClient sql = context.getBean(JdbcClient.class);
    JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    String maker = MonitoringFixture.drugMaker(sql, "临江 PostgreSQL 制药有限公司");
    String silent = MonitoringFixture.drugMaker(sql, "临江停报制药有限公司");

    // a cold store above 8 ℃ and two clean-room temperatures above 26 ℃: one warning (DP-08)
    MonitoringIntake.Outcome first = send(reading(maker, "cold-storage-temperature", 5.0, 14, 6),
        reading(maker, "cold-storage-temperature", 9.5, 14, 18), reading(maker, "cleanroom-temperature", 26.5, 12, 8),
        reading(maker, "cleanroom-temperature", 27.0, 13, 8), reading(maker, "particles", 900, 14, 10));
    assertThat(first.stored()).isEqualTo(5);
    assertThat(first.warningsRaised()).isEqualTo(1);
    // the same again (and one new): only the new one stored, nothing raised
    MonitoringIntake.Outcome again = send(reading(maker, "cold-storage-temperature", 9.5, 14, 18),
        reading(maker, "particles", 900, 14, 10), reading(maker, "pressure-difference", 15, 14, 8));
    assertThat(again.stored()).isOne();
    assertThat(again.duplicates()).isEqualTo(2);
    assertThat(again.warningsRaised()).isZero();
    // the third clean-room deviation within 30 days: DP-01
    assertThat(send(reading(maker, "cleanroom-temperature", 28.0, 14, 20)).warningsRaised()).isOne();
    assertThat(jdbc.queryForList("SELECT rule_code FROM credit_risk_warning WHERE uscc = ? ORDER BY id", String.class,
        maker)).containsExactly("DP-08", "DP-01");
    RuntimeService runtime = context.getBean(RuntimeService.class);
    for (Long id : jdbc.queryForList("SELECT id FROM credit_risk_warning WHERE uscc = ?", Long.class, maker)) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("RW-" + id).count()).isOne();
    }

    // the dashboard's counts per month in one query on PostgreSQL: June holds the maker's two warnings
    List<java.time.Instant> months = new java.util.ArrayList<>();
    for (int month = 1; month <= 13; month++) {
      months.add(java.time.YearMonth.of(2026, 1).plusMonths(month - 1L).atDay(1).atStartOfDay(MonitoringFixture.ZONE)
          .toInstant());
    }
    List<List<org.onedoor.credit.RiskWarningService.Counts>> byMonth =
        context.getBean(org.onedoor.credit.RiskWarningService.class).counts(months, NOW);
    assertThat(byMonth).hasSize(12);
    assertThat(byMonth.get(5)).filteredOn(c -> c.department().equals("market"))
        .singleElement().satisfies(c -> assertThat(c.raised()).isEqualTo(2));
    assertThat(byMonth.get(6)).isEmpty();

    // a business whose readings this node never took in (another node did): found by the database's probes
    Timestamp old = Timestamp.from(MonitoringFixture.at(2026, 6, 10, 8, 0));
    for (String indicator : List.of("water-toc", "water-conductivity", "particles", "cold-storage-temperature",
        "cleanroom-humidity", "pressure-difference")) {
      jdbc.update("INSERT INTO monitoring_series (source, uscc, indicator, first_seen_at) VALUES ('drug-production', ?, ?, ?)",
          silent, indicator, old);
      jdbc.update("INSERT INTO monitoring_record (source, uscc, indicator, measured_at, measured_value, intake_id)"
          + " VALUES ('drug-production', ?, ?, ?, 1, 0)", silent, indicator, old);
    }
    MonitoringEvaluation evaluation = context.getBean(MonitoringEvaluation.class);
    assertThat(evaluation.checkSilence(NOW)).isOne();
    assertThat(jdbc.queryForObject("SELECT description FROM credit_risk_warning WHERE uscc = ? AND rule_code = 'DP-11'",
        String.class, silent)).contains("监测数据中断", "纯化水总有机碳 最后一次 2026-06-10 08:00", "冷库温度 最后一次");
    // the same silence once
    assertThat(evaluation.checkSilence(NOW.plusSeconds(86_400))).isZero();

    // retention on PostgreSQL: three years on, only each series' newest reading of the maker is left
    MonitoringRetention.Purge purge = context.getBean(MonitoringRetention.class).purge(NOW.plusSeconds(3L * 366 * 86_400));
    assertThat(purge.readings()).isEqualTo(3); // the older cold-store reading, the two older clean-room ones
    assertThat(jdbc.queryForList("SELECT indicator || ' ' || measured_value FROM monitoring_record WHERE uscc = ?"
        + " ORDER BY indicator", String.class, maker)).containsExactly("cleanroom-temperature 28", "cold-storage-temperature 9.5",
        "particles 900", "pressure-difference 15");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM monitoring_deviation WHERE uscc = ?", Long.class, maker)).isZero();
  }
}
