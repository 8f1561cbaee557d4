package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.monitoring.MonitoringFixture.array;
import static org.onedoor.monitoring.MonitoringFixture.at;
import static org.onedoor.monitoring.MonitoringFixture.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules of processes/monitoring-drug-production.dmn applied to readings (issue 15, item 3): thresholds,
 * repeated deviations within a window, missing reports; at most one open warning per business and rule;
 * a re-upload raises nothing.
 */
@OnedoorSpringTest
class MonitoringEvaluationTest {

  static final Instant NOW = at(2026, 6, 15, 12, 0);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MonitoringEvaluation evaluation;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  TestHttp http;
  String maker;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    http = new TestHttp(port);
    maker = MonitoringFixture.drugMaker(jdbc, "临江评估制药有限公司" + System.nanoTime());
  }

  /** The readings from the platform; returns the warnings the call raised. */
  private int send(String... readings) {
    HttpResponse<String> response = http.post("/api/v1/monitoring/records", "drug-platform", array(List.of(readings)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Integer.parseInt(response.body().replaceAll(".*\"warningsRaised\":(\\d+).*", "$1"));
  }

  record Warning(long id, String rule, String status, String description, String processInstanceId, String openKey) {}

  private List<Warning> warnings() {
    return jdbc.sql("SELECT id, rule_code, status, description, process_instance_id, open_key FROM credit_risk_warning"
            + " WHERE uscc = :u ORDER BY id")
        .param("u", maker)
        .query((rs, n) -> new Warning(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6)))
        .list();
  }

  /** Runs the start job (the process continues asynchronously after 监测模型预警) and returns the check task. */
  private Task checkTask(Warning warning) {
    for (Job job : management.createJobQuery().processInstanceId(warning.processInstanceId()).list()) {
      management.executeJob(job.getId());
    }
    return tasks.createTaskQuery().processInstanceId(warning.processInstanceId()).taskDefinitionKey("CheckWarning")
        .singleResult();
  }

  /** An inspector of the department concludes the check: the warning is closed. */
  private void close(Warning warning) {
    Task task = checkTask(warning);
    identity.setAuthentication("zhangwei", identity.createGroupQuery().groupMember("zhangwei").list().stream()
        .map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), Map.of("conclusion", "handled", "findings", "企业已整改，复测正常"));
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void oneReadingBeyondAThresholdRaisesAWarningForTheDepartmentsInspectors() {
    assertThat(send(json(maker, "cold-storage-temperature", 5.1, "2026-06-14 08:00"))).isZero();
    assertThat(send(json(maker, "cold-storage-temperature", 9.4, "2026-06-14 20:00"))).isEqualTo(1);

    List<Warning> raised = warnings();
    assertThat(raised).hasSize(1);
    Warning w = raised.get(0);
    assertThat(w.rule()).isEqualTo("DP-08");
    assertThat(w.status()).isEqualTo("CHECKING");
    assertThat(w.description()).contains("药品生产在线监测：冷库温度超过上限", "规则 DP-08", "高于 8 ℃",
        "2026-06-14 20:00 9.4 ℃");
    assertThat(jdbc.sql("SELECT feed || ' ' || department || ' ' || source || ' ' || level FROM credit_risk_warning"
        + " WHERE id = :id").param("id", w.id()).query(String.class).single())
        .isEqualTo("drug-production market monitoring high");
    Task task = checkTask(w);
    assertThat(task).isNotNull();
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("market-inspector").count()).isOne();
    assertThat(tasks.getVariables(task.getId())).containsEntry("uscc", maker).containsEntry("description", w.description());
    assertThat(jdbc.sql("SELECT check_due_at FROM credit_risk_warning WHERE id = :id").param("id", w.id())
        .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(task.getDueDate().toInstant());
  }

  @Test
  void whileAWarningIsOpenTheSameRuleRaisesNoOtherAndAfterTheCheckItMay() {
    assertThat(send(json(maker, "pressure-difference", 8.0, "2026-06-10 08:00"))).isEqualTo(1);
    assertThat(send(json(maker, "pressure-difference", 7.5, "2026-06-11 08:00"),
        json(maker, "pressure-difference", 6.0, "2026-06-12 08:00"))).isZero();
    // another rule of the same business is another warning
    assertThat(send(json(maker, "particles", 5000, "2026-06-12 09:00"))).isEqualTo(1);
    assertThat(warnings()).extracting(Warning::rule).containsExactly("DP-04", "DP-05");

    close(warnings().get(0));
    assertThat(warnings().get(0).status()).isEqualTo("CLOSED");
    assertThat(warnings().get(0).openKey()).isNull();
    // the same readings again: stored already, nothing raised although the warning is closed
    assertThat(send(json(maker, "pressure-difference", 7.5, "2026-06-11 08:00"))).isZero();
    // a new deviation after the check: a new warning
    assertThat(send(json(maker, "pressure-difference", 9.0, "2026-06-13 08:00"))).isEqualTo(1);
    assertThat(warnings()).extracting(Warning::rule).containsExactly("DP-04", "DP-05", "DP-04");
  }

  @Test
  void repeatedDeviationsCountWithinTheirWindow() {
    // DP-01: 3 readings above 26 ℃ within 30 days
    assertThat(send(json(maker, "cleanroom-temperature", 27.0, "2026-04-01 08:00"),
        json(maker, "cleanroom-temperature", 22.0, "2026-04-20 08:00"),
        json(maker, "cleanroom-temperature", 26.5, "2026-05-05 08:00"))).isZero();
    // the third deviation is 40 days after the first: 2 in its window
    assertThat(send(json(maker, "cleanroom-temperature", 28.0, "2026-05-11 08:00"))).isZero();
    // sent late: one within 30 days of the last two
    assertThat(send(json(maker, "cleanroom-temperature", 26.1, "2026-04-25 08:00"))).isEqualTo(1);
    Warning w = warnings().get(0);
    assertThat(w.rule()).isEqualTo("DP-01");
    assertThat(w.description()).contains("30 日内达 3 次", "窗口内偏离 3 次",
        "2026-05-11 08:00 28 ℃；2026-05-05 08:00 26.5 ℃；2026-04-25 08:00 26.1 ℃");
  }

  @Test
  void aWholeYearInOneSubmissionRaisesOneWarningPerRule() {
    List<String> readings = new ArrayList<>();
    for (int day = 1; day <= 28; day++) {
      readings.add(json(maker, "cold-storage-temperature", day % 7 == 0 ? 9.0 : 5.0,
          String.format("2026-02-%02d 08:00", day)));
    }
    assertThat(send(readings.toArray(String[]::new))).isEqualTo(1);
    assertThat(warnings()).hasSize(1);
    assertThat(warnings().get(0).description()).contains("2026-02-28 08:00 9 ℃");
  }

  @Test
  void missingReportsRaiseOneWarningPerSilenceNamingTheSilentIndicators() {
    send(json(maker, "water-toc", 200, "2026-06-10 08:00"), json(maker, "water-conductivity", 1.2, "2026-06-10 08:00"),
        json(maker, "particles", 100, "2026-06-14 08:00"));
    // 2026-06-15 12:00: water-toc and water-conductivity silent since 06-10 (more than 3 days), particles not
    assertThat(evaluation.checkSilence(NOW)).isGreaterThanOrEqualTo(1);
    List<Warning> raised = warnings();
    assertThat(raised).extracting(Warning::rule).containsExactly("DP-11");
    assertThat(raised.get(0).description()).contains("监测数据中断", "连续 3 日没有数据",
        "纯化水总有机碳 最后一次 2026-06-10 08:00", "纯化水电导率 最后一次 2026-06-10 08:00").doesNotContain("悬浮粒子");
    // the next day: the same silence, nothing new
    evaluation.checkSilence(at(2026, 6, 16, 6, 30));
    assertThat(warnings()).hasSize(1);

    close(raised.get(0));
    // readings again, then a new silence: a new warning
    ClockUtil.setCurrentTime(Date.from(at(2026, 6, 21, 6, 30)));
    send(json(maker, "water-toc", 210, "2026-06-16 08:00"));
    evaluation.checkSilence(at(2026, 6, 21, 6, 30));
    assertThat(warnings()).extracting(Warning::rule).containsExactly("DP-11", "DP-11");
    assertThat(warnings().get(1).description()).contains("纯化水总有机碳 最后一次 2026-06-16 08:00", "悬浮粒子");
  }

  @Test
  void aBusinessNoLongerOperatingIsNotWarnedAbout() {
    jdbc.sql("UPDATE directory_entity SET status = 'deregistered' WHERE uscc = :u").param("u", maker).update();
    assertThat(send(json(maker, "sterilization-temperature", 110, "2026-06-14 08:00"))).isZero();
    assertThat(warnings()).isEmpty();
    assertThat(MonitoringFixture.count(jdbc, maker)).isOne();
  }
}
