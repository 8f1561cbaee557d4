package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.monitoring.MonitoringFixture.array;
import static org.onedoor.monitoring.MonitoringFixture.at;
import static org.onedoor.monitoring.MonitoringFixture.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.ProcessSteps;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.credit.TargetedInspectionFixture;
import org.onedoor.oversight.OversightService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15, items 3, 4 and 6 end to end: the drug-production platform's readings raise a warning; the market
 * department's inspector checks it and proposes a targeted inspection; the chief approves it; a real joint
 * inspection opens outside the plans with the warning in its file; it is visited, recorded, co-signed,
 * reviewed and published — on the public site as 定向检查 — and the dashboard counts the warning, its
 * check, the inspection it led to, and the targeted inspection. Then the same with a second department: the chief
 * names a culture item too, culture's chief agrees, one visit serves both, each department publishes its own
 * result, and the joint targeted inspection counts in the joint share.
 */
@OnedoorSpringTest
class MonitoringToTargetedInspectionEndToEndTest {

  static final Instant MONDAY = at(2026, 6, 15, 9, 0);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired OversightService oversight;
  @Autowired ProcessEngine engine;
  TestHttp http;
  ProcessSteps steps;
  String maker;
  String name;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(MONDAY));
    http = new TestHttp(port);
    steps = new ProcessSteps(engine);
    name = "临江定向检查制药有限公司" + System.nanoTime();
    maker = MonitoringFixture.drugMaker(jdbc, name);
    TargetedInspectionFixture.items(catalog);
    TargetedInspectionFixture.marketInspectors(jdbc);
    TargetedInspectionFixture.cultureInspectors(jdbc);
  }




  @Test
  void monitoringReadingsLeadToAWarningATargetedInspectionAndItsPublishedResult() {
    int year = LocalDate.ofInstant(MONDAY, MonitoringFixture.ZONE).getYear();
    OversightService.WarningFigures before = oversight.figures(year, "market", LocalDate.of(2026, 6, 15)).total().warnings();

    // 1. the platform's readings: the cold store above 8 ℃
    HttpResponse<String> sent = http.post("/api/v1/monitoring/records", "drug-platform", array(List.of(
        json(maker, "cold-storage-temperature", 5.2, "2026-06-14 06:00"),
        json(maker, "cold-storage-temperature", 11.3, "2026-06-14 18:00"))));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).contains("\"warningsRaised\":1");
    Map<String, Object> warning = jdbc.sql("SELECT id, process_instance_id FROM credit_risk_warning WHERE uscc = :u")
        .param("u", maker).query().singleRow();
    long warningId = ((Number) warning.get("id")).longValue();
    String warningProcess = (String) warning.get("process_instance_id");

    // 2. the market inspector checks it: a targeted inspection is needed
    steps.runJobs(warningProcess);
    Task check = steps.task(warningProcess, "CheckWarning");
    assertThat(tasks.getVariable(check.getId(), "entityName")).isEqualTo(name);
    steps.complete(check, "zhangwei", Map.of("conclusion", "targeted", "findings", "冷库温控记录缺失，偏差未调查"));

    // 3. the chief approves it on the catalogue's item
    Task approve = steps.task(warningProcess, "ApproveTargetedInspection");
    steps.complete(approve, "chenjing", Map.of("decision", "approve", "opinion", "立即开展定向检查",
        "itemCodes", TargetedInspectionFixture.MARKET_ITEM));
    steps.runJobs(warningProcess);
    String number = jdbc.sql("SELECT inspection_number FROM credit_risk_warning WHERE id = :id").param("id", warningId)
        .query(String.class).single();
    assertThat(number).startsWith("DX2026-");

    // 4. the inspection file holds the warning
    HttpResponse<String> file = http.get("/api/v1/inspections/" + number, "lina");
    assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
    assertThat(file.body()).contains("\"key\":\"risk-warnings\"", "\"id\":" + warningId, "冷库温度超过上限",
        "\"kind\":\"targeted\"", "\"kindLabel\":\"定向检查\"");
    HttpResponse<String> page = http.get("/staff/inspections/" + number, "lina");
    assertThat(page.body()).contains("风险预警（定向检查的来由）", "href=\"/staff/warnings/" + warningId + "\"",
        "定向检查（不属抽查计划）");

    // 5. the joint inspection: one department, its matched inspectors visit, record, co-sign; the chief reviews
    String inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
    steps.runJobs(inspection);
    List<String> inspectors = jdbc.sql("SELECT staff_number FROM inspection_assignment WHERE inspection_number = :n"
        + " ORDER BY staff_number").param("n", number).query(String.class).list();
    assertThat(inspectors).hasSize(2);
    steps.complete(steps.task(inspection, "ProposeVisit"), inspectors.get(0), Map.of("visitDate", "2026-06-17", "visitTime", "10:00"));
    ClockUtil.setCurrentTime(Date.from(at(2026, 6, 17, 15, 0)));
    Map<String, Object> record = new HashMap<>();
    record.put("checkLines", Spin.JSON("[{\"answer\":\"conforms\"},{\"answer\":\"conforms\"}]"));
    record.put("checkMethods", Spin.JSON("[\"on-site\"]"));
    record.put("resultCode", "1");
    record.put("followUps", Spin.JSON("[\"none\"]"));
    steps.complete(steps.task(inspection, "RecordInspection"), inspectors.get(0), record);
    steps.complete(steps.task(inspection, "CoSignRecord"), inspectors.get(1), Map.of("coSignDecision", "sign"));
    steps.complete(steps.task(inspection, "ReviewRecord"), "chenjing", Map.of("reviewDecision", "approve"));
    steps.complete(steps.task(inspection, "ConfirmPublication"), "chenjing", Map.of("confidential", false));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(inspection).count()).isZero();

    // 6. public: the result as 定向检查, no sampling plan
    long resultId = jdbc.sql("SELECT record_id FROM public_result WHERE task_number = :n").param("n", number)
        .query(Long.class).single();
    HttpResponse<String> result = http.get("/public/results/" + resultId, null);
    assertThat(result.body()).contains("<dt>检查类型</dt><dd>定向检查</dd>", "风险预警定向检查（市场监管局）", name)
        .doesNotContain("<dt>抽查计划</dt>");
    assertThat(jdbc.sql("SELECT inspection_type || '|' || plan_number FROM public_result WHERE task_number = :n")
        .param("n", number).query(String.class).single()).isEqualTo("定向检查|");

    // 7. the dashboard: one more warning, checked within its deadline, confirmed, led to a targeted inspection
    OversightService.WarningFigures after = oversight.figures(year, "market", LocalDate.of(2026, 6, 17)).total().warnings();
    assertThat(after.raised()).isEqualTo(before.raised() + 1);
    assertThat(after.checkedOnTime().numerator()).isEqualTo(before.checkedOnTime().numerator() + 1);
    assertThat(after.confirmed().numerator()).isEqualTo(before.confirmed().numerator() + 1);
    assertThat(after.ledToInspection().numerator()).isEqualTo(before.ledToInspection().numerator() + 1);
    assertThat(after.targetedInspections()).isEqualTo(before.targetedInspections() + 1);
  }

  /** A task of the joint inspection for one department (its task-local or instance-local department). */
  private Task task(String processInstance, String key, String department) {
    String variable = key.equals("ConfirmVisit") ? "confirmDepartment" : "department";
    return tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(key).list().stream()
        .filter(t -> department.equals(tasks.getVariable(t.getId(), variable))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " task of " + department));
  }

  private List<String> drawn(String number, String department) {
    return jdbc.sql("SELECT staff_number FROM inspection_assignment WHERE inspection_number = :n AND department = :d"
        + " ORDER BY staff_number").param("n", number).param("d", department).query(String.class).list();
  }

  @Test
  void aWarningsTargetedInspectionJoinedByASecondDepartmentIsOneVisitWithEachDepartmentsOwnPublishedResult() {
    int year = LocalDate.ofInstant(MONDAY, MonitoringFixture.ZONE).getYear();
    LocalDate asOf = LocalDate.of(2026, 6, 17);
    OversightService.Figures before = oversight.figures(year, null, asOf);
    OversightService.Figures cultureBefore = oversight.figures(year, "culture", asOf);

    // the readings raise a warning, market's inspector proposes a targeted inspection
    HttpResponse<String> sent = http.post("/api/v1/monitoring/records", "drug-platform", array(List.of(
        json(maker, "cold-storage-temperature", 12.1, "2026-06-14 20:00"))));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    Map<String, Object> warning = jdbc.sql("SELECT id, process_instance_id FROM credit_risk_warning WHERE uscc = :u")
        .param("u", maker).query().singleRow();
    long warningId = ((Number) warning.get("id")).longValue();
    String warningProcess = (String) warning.get("process_instance_id");
    steps.runJobs(warningProcess);
    steps.complete(steps.task(warningProcess, "CheckWarning"), "zhangwei",
        Map.of("conclusion", "targeted", "findings", "冷库兼作演出道具仓库，需文化部门一并检查"));

    // market's chief names a culture item too; culture's chief agrees
    steps.complete(steps.task(warningProcess, "ApproveTargetedInspection"), "chenjing", Map.of("decision", "approve",
        "opinion", "联合检查", "itemCodes", TargetedInspectionFixture.MARKET_ITEM + "," + TargetedInspectionFixture.CULTURE_ITEM));
    steps.complete(steps.task(warningProcess, "CountersignTargetedInspection"), "wuhao", Map.of("countersignDecision", "agree"));
    steps.runJobs(warningProcess);
    String number = jdbc.sql("SELECT inspection_number FROM credit_risk_warning WHERE id = :id").param("id", warningId)
        .query(String.class).single();
    assertThat(number).startsWith("DX2026-");
    // the file, as culture's inspector reads it: the warning and culture's agreement
    HttpResponse<String> file = http.get("/api/v1/inspections/" + number, "sunli");
    assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
    assertThat(file.body()).contains("\"key\":\"risk-warnings\"", "\"department\":\"culture\"", "\"status\":\"AGREED\"",
        "\"kind\":\"targeted-joined\"");
    assertThat(http.get("/staff/inspections/" + number, "sunli").body())
        .contains("<td data-label=\"部门\">市场监管局（牵头）</td>", "<td data-label=\"部门\">文化和旅游局</td>");

    // one visit: market proposes, culture confirms
    String inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
    steps.runJobs(inspection);
    List<String> market = drawn(number, "market");
    List<String> culture = drawn(number, "culture");
    assertThat(market).hasSize(2);
    // two of culture's active inspectors (the shared directory may hold more than this test's two)
    assertThat(culture).hasSize(2).isSubsetOf(jdbc.sql(
            "SELECT staff_number FROM directory_inspector WHERE department = 'culture' AND active = TRUE")
        .query(String.class).list());
    steps.complete(steps.task(inspection, "ProposeVisit"), market.get(0), Map.of("visitDate", "2026-06-17", "visitTime", "10:00"));
    steps.complete(task(inspection, "ConfirmVisit", "culture"), culture.get(0), Map.of("visitAnswer", "confirm"));

    // each department records, co-signs, reviews and publishes its own result
    ClockUtil.setCurrentTime(Date.from(at(2026, 6, 17, 15, 0)));
    Map<String, String> chief = Map.of("market", "chenjing", "culture", "wuhao");
    Map<String, String> lines = Map.of("market", "[{\"answer\":\"conforms\"},{\"answer\":\"conforms\"}]",
        "culture", "[{\"answer\":\"conforms\"}]");
    for (String department : List.of("market", "culture")) {
      List<String> staff = drawn(number, department);
      Map<String, Object> record = new HashMap<>();
      record.put("checkLines", Spin.JSON(lines.get(department)));
      record.put("checkMethods", Spin.JSON("[\"on-site\"]"));
      record.put("resultCode", "1");
      record.put("followUps", Spin.JSON("[\"none\"]"));
      steps.complete(task(inspection, "RecordInspection", department), staff.get(0), record);
      steps.complete(task(inspection, "CoSignRecord", department), staff.get(1), Map.of("coSignDecision", "sign"));
      steps.complete(task(inspection, "ReviewRecord", department), chief.get(department), Map.of("reviewDecision", "approve"));
    }
    for (String department : List.of("market", "culture")) {
      steps.complete(task(inspection, "ConfirmPublication", department), chief.get(department), Map.of("confidential", false));
    }
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(inspection).count()).isZero();

    // public: two results, each department's, as 定向检查 with no sampling plan
    assertThat(jdbc.sql("SELECT task_name || '|' || inspection_type || '|' || plan_number FROM public_result"
            + " WHERE task_number = :n ORDER BY task_name").param("n", number).query(String.class).list())
        .containsExactlyInAnyOrder("风险预警联合定向检查（市场监管局）|定向检查|", "风险预警联合定向检查（文化和旅游局）|定向检查|");

    // the dashboard: one visit saved, a targeted inspection for culture too; the joint share is the random
    // inspections' (the provincial figure), which a targeted one leaves alone
    OversightService.Figures after = oversight.figures(year, null, asOf);
    assertThat(after.total().jointShare()).isEqualTo(before.total().jointShare());
    assertThat(after.total().visitsSaved()).isEqualTo(before.total().visitsSaved() + 1);
    assertThat(after.total().warnings().targetedInspections()).isEqualTo(before.total().warnings().targetedInspections() + 1);
    OversightService.Figures cultureAfter = oversight.figures(year, "culture", asOf);
    assertThat(cultureAfter.total().warnings().targetedInspections())
        .isEqualTo(cultureBefore.total().warnings().targetedInspections() + 1);
    assertThat(cultureAfter.total().warnings().raised()).as("market's warning, not culture's")
        .isEqualTo(cultureBefore.total().warnings().raised());
  }
}
