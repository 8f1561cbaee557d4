package org.onedoor.plan;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawService;
import org.onedoor.draw.VerifyDraw;
import org.onedoor.inspection.InspectionOpening;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** processes/sampling-plan.bpmn */
@OnedoorSpringTest
class SamplingPlanProcessTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String CATEGORY = "计划流程测试门类";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired PlanService plans;
  @Autowired PlanLifecycle lifecycle;
  @Autowired CatalogService catalog;
  @Autowired DrawService draws;
  @Autowired JdbcClient jdbc;
  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired org.onedoor.inspection.PlanSummaries summaries;
  @Autowired org.onedoor.inspection.InspectionRecording recording;
  @Autowired InspectionOpening opening;
  @Autowired HistoryService history;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    // the plans here are of autumn 2026: every test starts on a day before their draw dates, whatever today is
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 9, 1, 10, 0)));
    if (catalog.latestPublished().isEmpty() || catalog.departmentsOf(catalog.latestPublished().get().versionNo(),
        List.of("SP-M1", "SP-C1", "SP-F1")).size() < 3) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "sampling-plan test", TestClock.now()));
      item(draft.versionNo(), "SP-M1", "market");
      item(draft.versionNo(), "SP-C1", "culture");
      item(draft.versionNo(), "SP-F1", "fire");
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
    if (jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE category = :c").param("c", CATEGORY)
        .query(Integer.class).single() == 0) {
      for (int i = 0; i < 20; i++) {
        String body = String.format("91330100PLAN%05d", i);
        jdbc.sql("""
            INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
                legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
            VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', 'active', :cc, 'medium', '', FALSE, :t, :t)
            """)
            .param("u", body + Uscc.checkCharacter(body)).param("n", "计划测试企业" + i).param("c", CATEGORY)
            .param("cc", String.valueOf("ABCD".charAt(i % 4))).param("t", java.sql.Timestamp.from(TestClock.now()))
            .update();
      }
    }
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
    BpmnAwareTests.reset();
  }

  void item(int version, String code, String department) {
    catalog.putItem(version, code, new ItemDraft("QD-SP-" + department, "计划流程测试", code + " 检查", department,
        "测试依据", "一般", List.of("现场检查"), List.of(new SubItemDraft(code + "-01", "子项", List.of("内容")))));
  }

  static PlanRequest request(String number, LocalDate drawDate, boolean beacon, String... departments) {
    List<DepartmentItems> items = new java.util.ArrayList<>();
    for (String d : departments) {
      items.add(new DepartmentItems(d, List.of(switch (d) {
        case "market" -> "SP-M1";
        case "culture" -> "SP-C1";
        default -> "SP-F1";
      })));
    }
    return new PlanRequest(drawDate.getYear(), number, "计划流程测试", "targeted", "market", items,
        new PopulationFilter(List.of(CATEGORY), List.of(), List.of(), List.of(), List.of(), List.of()),
        2, false, List.of(new BatchWindow(drawDate, drawDate.plusDays(30))), drawDate, beacon, false, null, Map.of());
  }

  static String number() {
    return "SP-" + System.nanoTime() % 1_000_000_000L;
  }

  ProcessInstance start(PlanRequest request) {
    plans.create(request, "chenjing", TestClock.now());
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(request.number()).singleResult();
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  Task taskFor(ProcessInstance instance, String key, String candidateGroup) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
        .taskCandidateGroup(candidateGroup).singleResult();
  }

  void executeJobs(ProcessInstance instance) {
    for (int i = 0; i < 10; i++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(instance.getId()).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(j -> management.executeJob(j.getId()));
    }
  }

  static Date at(LocalDateTime time) {
    return Date.from(time.atZone(SHANGHAI).toInstant());
  }

  @Test
  void approvedJointPlanIsSignedOffByEachDepartmentAndPublishedWithItsCommitment() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market", "culture", "fire"));

    assertThat(instance).isWaitingAt("ReviewPlan");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.IN_REVIEW);
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));

    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("SignOffPlan").count())
        .isEqualTo(2);
    complete(taskFor(instance, "SignOffPlan", "culture-chief"), "wuhao", withVariables("decision", "approve"));
    complete(taskFor(instance, "SignOffPlan", "fire-chief"), "linhai", withVariables("decision", "approve"));

    assertThat(instance).isWaitingAt("PublishPlan");
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForDrawDate");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.PUBLISHED);
    Assertions.assertThat(draws.publicJson(DrawService.drawId(number, 1))).hasValueSatisfying(
        json -> Assertions.assertThat(json).contains("commitment").doesNotContain("nonce"));
    Assertions.assertThat(lifecycle.decisions(number)).extracting(PlanLifecycle.Decision::decidedBy)
        .containsExactly("chenjing", "wuhao", "linhai");
  }

  @Test
  void aReviewOfAPlanNoLongerInReviewAnswers409OverTheEngineApiAndChangesNothing() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market", "culture"));
    Task review = taskFor(instance, "ReviewPlan", "market-chief");
    // the plan moved on outside this task (as a concurrent decision would have done)
    jdbc.sql("UPDATE plan_plan SET status = :s WHERE number = :n").param("s", PlanLifecycle.IN_SIGN_OFF)
        .param("n", number).update();

    var answer = new org.onedoor.TestHttp(port).post("/engine-rest/task/" + review.getId() + "/submit-form", "chenjing",
        "{\"variables\":{\"decision\":{\"value\":\"approve\"}}}");

    Assertions.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
    Assertions.assertThat(answer.body()).contains("会签中").doesNotContain("ENGINE-", "TaskListener");
    assertThat(instance).isWaitingAt("ReviewPlan");
    Assertions.assertThat(lifecycle.decisions(number)).isEmpty();
  }

  @Test
  void returnedPlanIsCorrectedResubmittedAndReviewedAgain() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market"));
    Task review = taskFor(instance, "ReviewPlan", "market-chief");

    Assertions.assertThatThrownBy(() -> complete(review, "chenjing", withVariables("decision", "return")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("reason");
    assertThat(instance).isWaitingAt("ReviewPlan");

    complete(review, "chenjing", withVariables("decision", "return", "reason", "抽查比例过低，请按信用等级调整"));
    assertThat(instance).isWaitingAt("RevisePlan");
    assertThat(BpmnAwareTests.task(instance)).isAssignedTo("chenjing");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.RETURNED);

    PlanRequest corrected = new PlanRequest(2026, number, "计划流程测试（修改）", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("SP-M1"))),
        new PopulationFilter(List.of(CATEGORY), List.of(), List.of(), List.of(), List.of(), List.of()), 2, false,
        List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))), LocalDate.of(2026, 12, 1),
        true, false, null, Map.of("A", "0.5"));
    plans.update(number, corrected, "chenjing", TestClock.now());
    Assertions.assertThat(tasks.getVariablesLocal(BpmnAwareTests.task(instance).getId()))
        .as("修改计划 shows the plan as corrected over the API")
        .containsEntry("name", "计划流程测试（修改）").containsEntry("returnReason", "抽查比例过低，请按信用等级调整");
    complete(BpmnAwareTests.task(instance), "chenjing", Map.of());

    assertThat(instance).isWaitingAt("ReviewPlan");
    Assertions.assertThat(plans.get(number).name()).isEqualTo("计划流程测试（修改）");
    Assertions.assertThat(plans.get(number).ratioOverrides()).containsEntry("A", "0.5");
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    // a plan of the lead department alone has nobody else to sign it off
    assertThat(instance).isWaitingAt("PublishPlan");
    Assertions.assertThat(lifecycle.decisions(number)).extracting(PlanLifecycle.Decision::step)
        .containsExactly("REVIEW", "RESUBMIT", "REVIEW");
  }

  @Test
  void aDepartmentThatObjectsSendsThePlanBackToItsDrafter() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market", "culture"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    complete(taskFor(instance, "SignOffPlan", "culture-chief"), "wuhao",
        withVariables("decision", "return", "reason", "本局该批次人员不足，请推迟一周"));

    assertThat(instance).isWaitingAt("RevisePlan");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.RETURNED);
  }

  @Test
  void drawWaitsForTheWorkingDayAfterAHolidayThenFreezesTakesTheBeaconDrawsAndMatches() {
    String number = number();
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 9, 21, 10, 0)));
    // 1 October 2026 is National Day: the draw runs on the next working day, 8 October, at 09:00
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 10, 1), true, "market"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    executeJobs(instance);

    assertThat(instance).isWaitingAt("WaitForDrawDate");
    Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    Assertions.assertThat(timer.getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 10, 8, 9, 0)));

    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 10, 8, 9, 1)));
    management.executeJob(timer.getId());
    executeJobs(instance);
    assertThat(instance).isWaitingAt("EnterBeacon");
    Assertions.assertThat(runtime.getVariable(instance.getId(), "populationHash")).isNotNull();

    Task beacon = taskFor(instance, "EnterBeacon", "market-chief");
    Assertions.assertThatThrownBy(() -> complete(beacon, "chenjing", withVariables("beacon", "  ")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("beacon");
    complete(beacon, "chenjing", withVariables("beacon", "福彩3D 第2026270期 开奖号码 3 1 4"));
    executeJobs(instance);

    assertThat(instance).isWaitingAt("WaitForInspections").hasPassed("DrawEntities", "MatchInspectors", "OpenInspections");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.DRAWN);
    String record = draws.publicJson(DrawService.drawId(number, 1)).orElseThrow();
    Assertions.assertThat(record).contains("福彩3D 第2026270期");
    Assertions.assertThat(VerifyDraw.verify(record).match()).isTrue();
    Assertions.assertThat(draws.matching(number, 1)).hasValueSatisfying(m -> Assertions.assertThat(m.replayMatches()).isTrue());
    // one joint inspection per drawn entity, each with its process
    int drawn = draws.selected(number, 1).size();
    Assertions.assertThat(opening.progress(number)).isEqualTo(new InspectionOpening.Progress(drawn, drawn));
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(InspectionOpening.PROCESS)
        .processInstanceBusinessKeyLike(number + "-%").count()).isEqualTo(drawn);
  }

  /**
   * Five drawn entities, chunks of two: three "开启联合检查" jobs, progress 2/5, 4/5, 5/5. The second
   * chunk crashes (the number of its second inspection is taken) and rolls back whole; its retry
   * resumes without doubles, and opening again afterwards opens nothing.
   */
  @Test
  void inspectionsAreOpenedInChunksIdempotentlyAndResumeAfterACrash() {
    String number = number();
    String category = "开启检查测试" + number;
    for (int i = 0; i < 5; i++) {
      String body = String.format("913301009%04d%04d", Math.abs(number.hashCode()) % 10_000, i);
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', 'active', 'C', 'medium', '', FALSE, :t, :t)
          """)
          .param("u", body + Uscc.checkCharacter(body)).param("n", "开启检查测试企业" + i).param("c", category)
          .param("t", java.sql.Timestamp.from(TestClock.now())).update();
    }
    // the demo market inspectors under their demo names (other tests in the shared database read them)
    for (Map.Entry<String, String> staff : Map.of("zhangwei", "张伟", "lina", "李娜", "wangqiang", "王强", "liuyang", "刘洋")
        .entrySet()) {
      jdbc.sql("INSERT INTO directory_inspector (staff_number, name, department, unit, qualifications, expert, active,"
              + " certificate_expiry, created_at, updated_at) SELECT :s, :n, 'market', '上城区所', '', FALSE, TRUE, :exp, :t, :t"
              + " FROM (VALUES (1)) x WHERE NOT EXISTS (SELECT 1 FROM directory_inspector WHERE staff_number = :s)")
          .param("s", staff.getKey()).param("n", staff.getValue()).param("exp", java.sql.Date.valueOf("2030-12-31"))
          .param("t", java.sql.Timestamp.from(TestClock.now())).update();
    }
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 10, 20, 10, 0)));
    LocalDate drawDate = LocalDate.of(2026, 11, 2);
    ProcessInstance instance = start(new PlanRequest(2026, number, "开启检查测试", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("SP-M1"))),
        new PopulationFilter(List.of(category), List.of(), List.of(), List.of(), List.of(), List.of()), 2, false,
        List.of(new BatchWindow(drawDate, drawDate.plusDays(30))), drawDate, false, false, null, Map.of("C", "1")));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    executeJobs(instance);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    for (int i = 0; i < 10 && !runtime.getActiveActivityIds(instance.getId()).contains("OpenInspections"); i++) {
      management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).executable().list()
          .get(0).getId());
    }
    assertThat(instance).isWaitingAt("OpenInspections");
    List<String> keyOrder = draws.storedMatching(number, 1).orElseThrow().drawnInKeyOrder();
    Assertions.assertThat(keyOrder).hasSize(5);
    runtime.setVariable(instance.getId(), "inspectionChunkSize", 2);

    management.executeJob(openJob(instance).getId());
    Assertions.assertThat(progressVariables(instance)).containsExactly(2, 5);
    Assertions.assertThat(inspections(number)).hasSize(2);

    // a crash in the second chunk: the number its second inspection would get is taken
    String taken = InspectionOpening.number(number, 4);
    jdbc.sql("INSERT INTO inspection (number, plan_number, batch, uscc, status, opened_at)"
            + " VALUES (:n, 'CRASH', 1, 'CRASH', 'OPEN', :t)")
        .param("n", taken).param("t", java.sql.Timestamp.from(TestClock.now())).update();
    Job second = openJob(instance);
    Assertions.assertThatThrownBy(() -> management.executeJob(second.getId())).isNotNull();
    Assertions.assertThat(inspections(number)).hasSize(2);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(InspectionOpening.number(number, 3))
        .count()).isZero();
    Assertions.assertThat(management.createJobQuery().jobId(second.getId()).singleResult().getRetries()).isEqualTo(2);
    Assertions.assertThat(progressVariables(instance)).containsExactly(2, 5);

    // the cause is gone: the retry (same job) resumes where the last committed chunk ended
    jdbc.sql("DELETE FROM inspection WHERE number = :n AND plan_number = 'CRASH'").param("n", taken).update();
    management.executeJob(second.getId());
    Assertions.assertThat(progressVariables(instance)).containsExactly(4, 5);
    management.executeJob(openJob(instance).getId());
    assertThat(instance).isWaitingAt("WaitForInspections").hasPassed("OpenInspections");
    Assertions.assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("inspectionsOpened").singleResult().getValue()).isEqualTo(5);

    // one inspection per drawn entity, numbered in key order, each with its process and assignments
    List<Map<String, Object>> rows = inspections(number);
    Assertions.assertThat(rows).extracting(r -> r.get("uscc")).containsExactlyElementsOf(keyOrder);
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = rows.get(i);
      String inspection = (String) row.get("number");
      Assertions.assertThat(inspection).isEqualTo(InspectionOpening.number(number, i + 1));
      ProcessInstance joint = runtime.createProcessInstanceQuery().processInstanceBusinessKey(inspection).singleResult();
      Assertions.assertThat(joint.getId()).isEqualTo(row.get("process_instance_id"));
      Assertions.assertThat(runtime.getVariable(joint.getId(), "uscc")).isEqualTo(row.get("uscc"));
      Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM inspection_assignment WHERE inspection_number = :n")
          .param("n", inspection).query(Integer.class).single()).isEqualTo(2);
      // opening leaves each joint inspection at its start; the job executor takes it on to the lead
      // department proposing the visit
      Assertions.assertThat(tasks.createTaskQuery().processInstanceId(joint.getId()).count()).isZero();
      management.executeJob(management.createJobQuery().processInstanceId(joint.getId()).singleResult().getId());
      Assertions.assertThat(tasks.createTaskQuery().processInstanceId(joint.getId()).taskDefinitionKey("ProposeVisit")
          .count()).isEqualTo(1);
    }

    // opening again opens nothing
    Assertions.assertThat(opening.openChunk(number, 1, 200, TestClock.now()))
        .isEqualTo(new InspectionOpening.Progress(5, 5));
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(InspectionOpening.PROCESS)
        .processInstanceBusinessKeyLike(number + "-%").count()).isEqualTo(5);

    var api = new org.onedoor.TestHttp(port).get("/api/v1/plans/" + number + "/inspections?size=2", "chenjing");
    Assertions.assertThat(api.statusCode()).isEqualTo(200);
    Assertions.assertThat(api.body()).contains("\"opened\":5", "\"total\":5", InspectionOpening.number(number, 2))
        .doesNotContain(InspectionOpening.number(number, 3));
  }

  Job openJob(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).activityId("OpenInspections").singleResult();
  }

  List<Object> progressVariables(ProcessInstance instance) {
    return List.of(runtime.getVariable(instance.getId(), "inspectionsOpened"),
        runtime.getVariable(instance.getId(), "inspectionsTotal"));
  }

  List<Map<String, Object>> inspections(String plan) {
    return jdbc.sql("SELECT number, uscc, process_instance_id FROM inspection WHERE plan_number = :p ORDER BY number")
        .param("p", plan).query().listOfRows().stream()
        .map(r -> { Map<String, Object> m = new java.util.HashMap<>(); r.forEach((k, v) -> m.put(k.toLowerCase(), v)); return m; })
        .toList();
  }

  @Test
  void aPlanThatOptsOutOfTheBeaconIsDrawnWithoutOneAndTheRecordSaysSo() {
    String number = number();
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 10, 20, 10, 0)));
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 11, 2), false, "market"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    executeJobs(instance);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    executeJobs(instance);

    assertThat(instance).isWaitingAt("WaitForInspections").hasPassed("DrawEntities").hasNotPassed("EnterBeacon");
    Assertions.assertThat(draws.publicJson(DrawService.drawId(number, 1)).orElseThrow()).contains("\"beacon\":null");
  }

  /** A plan without a beacon, drawn and with its inspections open, waiting for them. */
  ProcessInstance openedPlan(String number) {
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 10, 20, 10, 0)));
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 11, 2), false, "market"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    executeJobs(instance);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForInspections");
    return instance;
  }

  @Test
  void theLastInspectionDoneClosesThePlanWithItsSummary() {
    String number = number();
    ProcessInstance instance = openedPlan(number);
    int opened = jdbc.sql("SELECT COUNT(*) FROM inspection WHERE plan_number = :p").param("p", number)
        .query(Integer.class).single();
    Assertions.assertThat(opened).isPositive();
    List<String> inspections = jdbc.sql("SELECT number FROM inspection WHERE plan_number = :p ORDER BY number")
        .param("p", number).query(String.class).list();
    for (String inspection : inspections) {
      jdbc.sql("INSERT INTO inspection_result (inspection_number, department, code, remarks, recorded_by, recorded_at)"
              + " VALUES (:n, 'market', '1', NULL, 'chenjing', :t)")
          .param("n", inspection).param("t", java.sql.Timestamp.from(TestClock.now())).update();
      // the burden figure of a joint visit: as if each had replaced two separate visits
      jdbc.sql("INSERT INTO inspection_visit (inspection_number, round, visits_replaced) VALUES (:n, 1, 2)")
          .param("n", inspection).update();
      recording.markDone(inspection, TestClock.now());
      summaries.inspectionDone(number);
      if (!inspection.equals(inspections.get(inspections.size() - 1))) {
        assertThat(instance).isWaitingAt("WaitForInspections");
      }
    }
    assertThat(instance).isWaitingAt("SummarisePlan");
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed("SummarisePlan", "PlanClosed").hasNotPassed("WindowClosed");
    org.onedoor.inspection.PlanSummaries.Summary summary = summaries.find(number, 1).orElseThrow();
    Assertions.assertThat(summary.opened()).isEqualTo(opened);
    Assertions.assertThat(summary.done()).isEqualTo(opened);
    Assertions.assertThat(summary.overdue()).isZero();
    Assertions.assertThat(summary.resultsByCode()).containsEntry("1", opened);
    Assertions.assertThat(summary.closedBy()).isEqualTo("COMPLETED");
    Assertions.assertThat(summary.visitsReplaced()).isEqualTo(2 * opened);
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.CLOSED);
    Assertions.assertThat(new org.onedoor.TestHttp(port).get("/api/v1/plans/" + number + "/summary", "sunli").body())
        .contains("\"closedBy\":\"COMPLETED\"");
  }

  @Test
  void theBatchWindowClosingEndsThePlanAndCountsTheOverdueInspections() {
    String number = number();
    ProcessInstance instance = openedPlan(number);
    Job window = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    // the window of 2 November + 30 days ends with 2 December; the plan closes at its midnight
    Assertions.assertThat(window.getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 12, 3, 0, 0)));

    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 12, 3, 0, 1)));
    executeJobs(instance);

    assertThat(instance).isEnded().hasPassed("WindowClosed", "SummarisePlan", "PlanClosed");
    org.onedoor.inspection.PlanSummaries.Summary summary = summaries.find(number, 1).orElseThrow();
    Assertions.assertThat(summary.overdue()).isEqualTo(summary.opened()).isPositive();
    Assertions.assertThat(summary.closedBy()).isEqualTo("WINDOW_CLOSED");
  }

  // ---- later batches ----

  /** Three B and three C entities of their own category; a plan of two batches drawing every one it may. */
  ProcessInstance twoBatchPlan(String number) {
    String category = "分批抽取测试" + number;
    for (int i = 0; i < 6; i++) {
      String body = String.format("913301007%04d%04d", Math.abs(number.hashCode()) % 10_000, i);
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', 'active', :cc, 'medium', '', FALSE, :t, :t)
          """)
          .param("u", body + Uscc.checkCharacter(body)).param("n", "分批抽取测试企业" + i).param("c", category)
          .param("cc", i < 3 ? "B" : "C").param("t", java.sql.Timestamp.from(TestClock.now())).update();
    }
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 10, 20, 10, 0)));
    ProcessInstance instance = start(new PlanRequest(2026, number, "分批抽取测试", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("SP-M1"))),
        new PopulationFilter(List.of(category), List.of(), List.of(), List.of(), List.of(), List.of()), 2, false,
        List.of(new BatchWindow(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 20)),
            new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 18))),
        LocalDate.of(2026, 11, 2), false, false, null, Map.of("B", "1", "C", "1")));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "approve"));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForDrawDate");
    return instance;
  }

  void recordAndFinish(String inspection) {
    jdbc.sql("INSERT INTO inspection_result (inspection_number, department, code, remarks, recorded_by, recorded_at)"
            + " VALUES (:n, 'market', '1', NULL, 'chenjing', :t)")
        .param("n", inspection).param("t", java.sql.Timestamp.from(TestClock.now())).update();
    recording.markDone(inspection, TestClock.now());
  }

  Job timer(ProcessInstance instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(activityId).singleResult();
  }

  /** Batch 1 drawn on the plan's draw date, its window closes; batch 2 waits for the first day of its window. */
  ProcessInstance firstBatchDoneSecondWaiting(String number) {
    ProcessInstance instance = twoBatchPlan(number);
    Assertions.assertThat(timer(instance, "WaitForDrawDate").getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForInspections");
    Assertions.assertThat(timer(instance, "WindowClosed").getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 11, 21, 0, 0)));
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 21, 0, 1)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForDrawDate");
    return instance;
  }

  @Test
  void eachBatchHasItsOwnCommitmentDrawDateDrawRecordInspectionsAndSummary() {
    String number = number();
    ProcessInstance instance = twoBatchPlan(number);
    // both commitments are published with the plan; no nonce before a draw
    for (int batch = 1; batch <= 2; batch++) {
      Assertions.assertThat(new org.onedoor.TestHttp(port).get("/public/api/draws/" + number + "-b" + batch, null).body())
          .contains("\"commitment\"", "\"batch\":" + batch).doesNotContain("nonce");
    }
    // the plan page shows each batch's commitment from the disclosure projection, before any draw
    String planPage = new org.onedoor.TestHttp(port).get("/public/plans/" + number, null).body();
    for (int batch = 1; batch <= 2; batch++) {
      String commitment = jdbc.sql("SELECT commitment FROM draw_commitment WHERE plan_number = :p AND batch = :b")
          .param("p", number).param("b", batch).query(String.class).single();
      Assertions.assertThat(planPage).contains("第 " + batch + " 批", commitment);
    }
    Assertions.assertThat(planPage).contains("尚未抽取").doesNotContain("nonce");

    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 2, 9, 0)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForInspections");
    Assertions.assertThat(draws.selected(number, 1)).hasSize(6);
    Assertions.assertThat(draws.publicJson(DrawService.drawId(number, 2)).orElseThrow()).doesNotContain("nonce");

    // the first window closes: batch 1 is summarised, the plan stays open for batch 2, drawn on 1 December
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 21, 0, 1)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForDrawDate").hasPassed("SummarisePlan");
    Assertions.assertThat(summaries.find(number, 1)).hasValueSatisfying(s -> {
      Assertions.assertThat(s.opened()).isEqualTo(6);
      Assertions.assertThat(s.closedBy()).isEqualTo("WINDOW_CLOSED");
    });
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.DRAWN);
    Assertions.assertThat(timer(instance, "WaitForDrawDate").getDuedate()).isEqualTo(at(LocalDateTime.of(2026, 12, 1, 9, 0)));
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 11, 30, 9, 0)));
    executeJobs(instance);
    Assertions.assertThat(draws.frozen(number, 2)).isEmpty();

    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 12, 1, 9, 0)));
    executeJobs(instance);
    assertThat(instance).isWaitingAt("WaitForInspections");
    String record = new org.onedoor.TestHttp(port).get("/public/api/draws/" + number + "-b2", null).body();
    Assertions.assertThat(record).contains("\"batch\":2", "\"nonce\"");
    Assertions.assertThat(VerifyDraw.verify(record).match()).isTrue();
    Assertions.assertThat(new org.onedoor.TestHttp(port).get("/public/api/draws", null).body())
        .contains(number + "-b1", number + "-b2");

    // batch 2's inspections are numbered after batch 1's
    List<String> second = jdbc.sql("SELECT number FROM inspection WHERE plan_number = :p AND batch = 2 ORDER BY number")
        .param("p", number).query(String.class).list();
    Assertions.assertThat(second).containsExactly(InspectionOpening.number(number, 7), InspectionOpening.number(number, 8),
        InspectionOpening.number(number, 9));
    Assertions.assertThat(opening.progress(number)).isEqualTo(new InspectionOpening.Progress(9, 9));

    // a late batch-1 result does not end batch 2's round; batch 2's last result does
    List<String> first = jdbc.sql("SELECT number FROM inspection WHERE plan_number = :p AND batch = 1 ORDER BY number")
        .param("p", number).query(String.class).list();
    first.forEach(this::recordAndFinish);
    summaries.inspectionDone(number);
    assertThat(instance).isWaitingAt("WaitForInspections");
    for (String inspection : second) {
      recordAndFinish(inspection);
      summaries.inspectionDone(number);
    }
    executeJobs(instance);
    assertThat(instance).isEnded().hasPassed("PlanClosed");
    Assertions.assertThat(summaries.find(number, 2)).hasValueSatisfying(s -> {
      Assertions.assertThat(s.drawn()).isEqualTo(3);
      Assertions.assertThat(s.done()).isEqualTo(3);
      Assertions.assertThat(s.closedBy()).isEqualTo("COMPLETED");
    });
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.CLOSED);
    Assertions.assertThat(new org.onedoor.TestHttp(port).get("/api/v1/plans/" + number + "/summary?batch=2", "sunli").body())
        .contains("\"batch\":2", "\"closedBy\":\"COMPLETED\"");
  }

  /** B may be inspected once a year, C twice (sampling-ratio.dmn, general items). */
  @Test
  void theSecondBatchExcludesEntitiesAtTheirYearlyCap() {
    String number = number();
    ProcessInstance instance = firstBatchDoneSecondWaiting(number);
    List<String> first = draws.selected(number, 1);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 12, 1, 9, 0)));
    executeJobs(instance);

    DrawService.Freeze freeze = draws.frozen(number, 2).orElseThrow();
    Assertions.assertThat(freeze.excluded()).containsEntry("yearlyCap", 3);
    // strata are the rule rows of sampling-ratio.dmn: r07 class B, r13 class C, both at medium risk
    Assertions.assertThat(freeze.strataSizes()).containsEntry("r07", 0).containsEntry("r13", 3);
    List<String> second = draws.selected(number, 2);
    Assertions.assertThat(second).hasSize(3);
    Assertions.assertThat(first).containsAll(second);
    Assertions.assertThat(jdbc.sql("SELECT DISTINCT credit_class FROM directory_entity WHERE uscc IN (:u)")
        .param("u", second).query(String.class).list()).containsExactly("C");
  }

  @Test
  void aSecondDrawOfTheSecondBatchIsRefused() {
    String number = number();
    ProcessInstance instance = firstBatchDoneSecondWaiting(number);
    // batch 2 cannot be drawn before its freeze, nor twice after it
    Assertions.assertThatThrownBy(() -> draws.draw(number, 2, null, TestClock.now()))
        .isInstanceOf(org.onedoor.platform.web.ConflictException.class);
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 12, 1, 9, 0)));
    executeJobs(instance);
    String record = draws.publicJson(DrawService.drawId(number, 2)).orElseThrow();

    Assertions.assertThatThrownBy(() -> draws.draw(number, 2, "另一个信标", TestClock.now()))
        .isInstanceOf(org.onedoor.platform.web.ConflictException.class).hasMessageContaining("批次 2 已经抽取");
    Assertions.assertThat(draws.publicJson(DrawService.drawId(number, 2)).orElseThrow()).isEqualTo(record);
    Assertions.assertThat(draws.selected(number, 2)).hasSize(3);
  }

  /** What Tasklist submits for the plan start form: one field of items per department, dates as text. */
  Map<String, Object> startForm(String number, String items) {
    Map<String, Object> form = new java.util.HashMap<>();
    form.put("number", number);
    form.put("name", "任务列表拟定的计划");
    form.put("year", 2026);
    form.put("mode", "targeted");
    form.put("leadDepartment", "market");
    form.put("marketItems", items);
    form.put("cultureItems", "SP-C1");
    form.put("policeItems", "");
    form.put("categories", CATEGORY);
    form.put("inspectorsPerDepartment", 2);
    form.put("crossJurisdiction", false);
    form.put("batch1From", "2026-12-01");
    form.put("batch1To", "2026-12-31");
    form.put("batch2From", null);
    form.put("drawDate", "2026-12-01");
    form.put("beaconRequired", true);
    return form;
  }

  String startFormDefinition() {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("sampling-plan")
        .latestVersion().singleResult().getId();
  }

  @Test
  void aPlanDraftedInTasklistsStartFormIsRegisteredAndGoesToReview() {
    String number = number();
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    ProcessInstance instance;
    try {
      instance = forms.submitStartForm(startFormDefinition(), startForm(number, "SP-M1"));
    } finally {
      identity.clearAuthentication();
    }

    assertThat(instance).isWaitingAt("ReviewPlan").hasPassed("RegisterPlan");
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getBusinessKey()).isEqualTo(number);
    Plans.Plan plan = plans.get(number);
    Assertions.assertThat(plan.createdBy()).isEqualTo("chenjing");
    Assertions.assertThat(plan.departments()).extracting(DepartmentItems::department).containsExactly("market", "culture");
    Assertions.assertThat(plan.populationFilter().categories()).containsExactly(CATEGORY);
    Assertions.assertThat(runtime.getVariables(instance.getId()).keySet())
        .as("only ids and routing facts remain").doesNotContain("departments", "batches", "name");
  }

  @Test
  void aBadStartFormIsRefusedNamingTheFieldAndStartsNothing() {
    String number = number();
    long before = runtime.createProcessInstanceQuery().processDefinitionKey("sampling-plan").count();
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    try {
      Assertions.assertThatThrownBy(() -> forms.submitStartForm(startFormDefinition(), startForm(number, "NOT-IN-CATALOGUE")))
          .isInstanceOf(FormFieldValidationException.class)
          .hasMessageContaining("marketItems: 事项 NOT-IN-CATALOGUE 不在目录版本");
    } finally {
      identity.clearAuthentication();
    }
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("sampling-plan").count()).isEqualTo(before);
    Assertions.assertThat(plans.find(number)).isEmpty();
  }

  @Test
  void theDrafterRevisesAReturnedPlanInTasklistSeeingWhoReturnedItAndWhy() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market", "culture"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing",
        withVariables("decision", "return", "reason", "文化部门事项请补充"));
    Task revise = BpmnAwareTests.task(instance);
    Map<String, Object> shown = tasks.getVariablesLocal(revise.getId());
    Assertions.assertThat(shown).containsEntry("returnReason", "文化部门事项请补充")
        .containsEntry("marketItems", "SP-M1").containsEntry("cultureItems", "SP-C1")
        .containsEntry("batch1From", "2026-12-01").containsEntry("leadDepartmentName", "市场监管局");
    Assertions.assertThat((String) shown.get("returnedBy")).startsWith("陈静（市场监管局·科长审核");

    Map<String, Object> form = new java.util.HashMap<>(shown);
    form.keySet().removeAll(List.of("returnReason", "returnedBy", "leadDepartmentName", "planTitle", "decision", "reason"));
    form.put("name", "在任务列表中修改的计划");
    form.put("cultureItems", "SP-C1、NOT-AN-ITEM");
    Assertions.assertThatThrownBy(() -> complete(revise, "chenjing", form))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("cultureItems");
    Assertions.assertThat(plans.get(number).name()).isEqualTo("计划流程测试");

    form.put("cultureItems", "SP-C1");
    form.put("batch2From", "2027-01-04");
    form.put("batch2To", "2026-12-31");
    Assertions.assertThatThrownBy(() -> complete(revise, "chenjing", form))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("batch2");
    form.put("batch2From", null);
    form.put("batch2To", null);
    complete(revise, "chenjing", form);

    assertThat(instance).isWaitingAt("ReviewPlan");
    Assertions.assertThat(plans.get(number).name()).isEqualTo("在任务列表中修改的计划");
    Assertions.assertThat(plans.get(number).status()).isEqualTo(PlanLifecycle.IN_REVIEW);
    Task review = taskFor(instance, "ReviewPlan", "market-chief");
    Assertions.assertThat(tasks.getVariableLocal(review.getId(), "planTitle")).isEqualTo(number + " 在任务列表中修改的计划");
    Assertions.assertThat(tasks.getVariable(review.getId(), "decision")).as("the next review opens empty").isNull();
  }

  @Test
  void aSignOffOpensEmptyWithTheLeadChiefsReviewAndTheAnswersStayWithEachTask() {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), true, "market", "culture", "fire"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing",
        withVariables("decision", "approve", "reason", "事项与比例合理"));
    Task culture = taskFor(instance, "SignOffPlan", "culture-chief");
    Task fire = taskFor(instance, "SignOffPlan", "fire-chief");
    Assertions.assertThat(tasks.getVariable(culture.getId(), "decision")).isNull();
    Assertions.assertThat(tasks.getVariable(culture.getId(), "reason")).isNull();
    Assertions.assertThat(tasks.getVariable(culture.getId(), "leadReview"))
        .isEqualTo("陈静（市场监管局科长）：同意。理由：事项与比例合理");
    Assertions.assertThat(tasks.getVariable(culture.getId(), "signOffDepartmentName")).isEqualTo("文化和旅游局");

    complete(culture, "wuhao", withVariables("decision", "return", "reason", "本局人员不足"));
    Assertions.assertThat(tasks.getVariable(fire.getId(), "decision")).as("another department's answer is not shown").isNull();
    Assertions.assertThat(tasks.getVariable(fire.getId(), "reason")).isNull();
    complete(fire, "linhai", withVariables("decision", "approve"));
    assertThat(instance).isWaitingAt("RevisePlan");
    Assertions.assertThat(tasks.getVariable(BpmnAwareTests.task(instance).getId(), "returnReason")).isEqualTo("本局人员不足");
    Assertions.assertThat((String) tasks.getVariable(BpmnAwareTests.task(instance).getId(), "returnedBy"))
        .startsWith("吴浩（文化和旅游局·部门会签");
  }

  @Test
  void theDrafterCorrectsAReturnedPlanOverTheApiWithoutEnginePermissions() throws Exception {
    String number = number();
    ProcessInstance instance = start(request(number, LocalDate.of(2026, 12, 1), false, "market"));
    complete(taskFor(instance, "ReviewPlan", "market-chief"), "chenjing", withVariables("decision", "return", "reason", "请加信标"));
    PlanRequest corrected = request(number, LocalDate.of(2026, 12, 1), true, "market");
    String body = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
        .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .writeValueAsString(corrected);
    var response = new org.onedoor.TestHttp(port).send("PUT", "/api/v1/plans/" + number, "chenjing", body);
    Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Assertions.assertThat(runtime.getVariable(instance.getId(), "beaconRequired")).isEqualTo(true);
    Assertions.assertThat(tasks.getVariableLocal(BpmnAwareTests.task(instance).getId(), "beaconRequired")).isEqualTo(true);
  }

  @Test
  void tasklistsSubmissionOfABadStartFormAnswers400NamingTheFormField() {
    String number = number();
    Map<String, Object> form = startForm(number, "SP-M1");
    form.put("cultureItems", "SP-M1");
    form.put("batch1To", "2026-11-30");
    StringBuilder variables = new StringBuilder();
    form.forEach((name, value) -> variables.append(variables.length() == 0 ? "" : ",").append('"').append(name)
        .append("\":{\"value\":").append(value == null ? "null" : value instanceof String ? "\"" + value + "\"" : value)
        .append('}'));
    var response = new org.onedoor.TestHttp(port).post(
        "/engine-rest/process-definition/key/sampling-plan/submit-form", "chenjing",
        "{\"variables\":{" + variables + "}}");
    Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    Assertions.assertThat(response.body()).contains("cultureItems: 事项 SP-M1 属于 market，不属于 culture")
        .contains("batch1To");
    Assertions.assertThat(plans.find(number)).isEmpty();
  }
}
