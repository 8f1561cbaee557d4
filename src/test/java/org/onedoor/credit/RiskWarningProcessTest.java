package org.onedoor.credit;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.inspection.InspectionDetails;
import org.onedoor.inspection.InspectionSection;
import org.onedoor.inspection.TargetedInspections;
import org.onedoor.inspection.VisitCoordination;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/risk-warning.bpmn */
@OnedoorSpringTest
class RiskWarningProcessTest {

  static final String PROCESS = "risk-warning";
  static final String VALID_USCC = "91330100799655058B";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired RiskWarningService warnings;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
    BpmnAwareTests.reset();
  }

  private ProcessInstance report(String department) {
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    try {
      return forms.submitStartForm(
          engine.getRepositoryService().createProcessDefinitionQuery()
              .processDefinitionKey(PROCESS).latestVersion().singleResult().getId(),
          Map.of(
              "uscc", VALID_USCC.toLowerCase(),
              "entityName", "杭州某某餐饮有限公司",
              "department", department,
              "source", "monitoring",
              "level", "high",
              "description", "冷链监测平台连续三天报告冷库温度超标"));
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void reportedWarningIsRegisteredAndWaitsForTheDepartmentsInspectors() {
    ProcessInstance instance = report("health");

    assertThat(instance).isWaitingAt("CheckWarning");
    assertThat(task(instance)).hasCandidateGroup("health-inspector");
    long id = ((Number) runtime.getVariable(instance.getId(), "warningId")).longValue();
    RiskWarningService.Warning stored = warnings.find(id).orElseThrow();
    Assertions.assertThat(stored.uscc()).isEqualTo(VALID_USCC);
    Assertions.assertThat(stored.status()).isEqualTo("CHECKING");
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskCandidateUser("luoping").count()).isEqualTo(1);
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskCandidateUser("zhangwei").count()).as("market inspector").isZero();
  }

  @Test
  void checkTaskIsDueFiveWorkingDaysLaterAcrossNationalDay() {
    // Monday 2026-09-28 10:00; 1 Oct - 7 Oct off, Sat 10 Oct a make-up working day:
    // working days after it: 29, 30 Sep, 8, 9, 10 Oct -> due Saturday 10 Oct 10:00
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 9, 28, 10, 0)));
    ProcessInstance instance = report("market");
    Assertions.assertThat(task(instance).getDueDate()).isEqualTo(at(LocalDateTime.of(2026, 10, 10, 10, 0)));
  }

  @Test
  void unfoundedWarningIsClosedByTheInspector() {
    ProcessInstance instance = report("market");
    complete(task(instance), "zhangwei", withVariables("conclusion", "unfounded", "findings", "现场核实冷库温度正常，监测探头故障"));

    assertThat(instance).isEnded().hasPassed("WarningClosed");
    long id = ((Number) BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("warningId").singleResult().getValue()).longValue();
    Assertions.assertThat(warnings.find(id).orElseThrow())
        .extracting(RiskWarningService.Warning::status, RiskWarningService.Warning::checkedBy)
        .containsExactly("CLOSED", "zhangwei");
  }

  @Test
  void anApprovedTargetedInspectionIsOpenedAsAJointInspectionOutsideThePlansWithTheWarningInItsFile() {
    String item = TargetedInspectionFixture.items(catalog);
    TargetedInspectionFixture.marketInspectors(jdbc());
    ProcessInstance instance = report("market");
    complete(task(instance), "lina", withVariables("conclusion", "targeted", "findings", "冷库温度记录缺失，需全面检查"));

    assertThat(instance).isWaitingAt("ApproveTargetedInspection");
    assertThat(task(instance)).hasCandidateGroup("market-chief");
    Assertions.assertThat(tasks.getVariables(task(instance).getId()))
        .containsEntry("uscc", VALID_USCC).containsEntry("description", "冷链监测平台连续三天报告冷库温度超标");
    complete(task(instance), "chenjing", withVariables("decision", "approve", "opinion", "同意", "itemCodes", item));

    // opened asynchronously, with retries
    assertThat(instance).isWaitingAt("OpenTargetedInspection");
    BpmnAwareTests.execute(BpmnAwareTests.job(instance));
    assertThat(instance).isEnded().hasPassed("OpenTargetedInspection", "TargetedInspectionRequested");
    long id = warningId(instance);
    RiskWarningService.Warning warning = warnings.find(id).orElseThrow();
    String number = warning.inspectionNumber();
    Assertions.assertThat(number).matches("DX\\d{4}-\\d{4}");
    Assertions.assertThat(warning.status()).isEqualTo("TARGETED_INSPECTION");
    Assertions.assertThat(warning.inspectionItems()).isEqualTo("market:" + item);
    // its own department's items only: nobody else asked, no countersign
    assertThat(instance).hasNotPassed("CountersignTargetedInspection");
    Assertions.assertThat(countersign.of(id)).isEmpty();
    Assertions.assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("inspectionNumber").singleResult().getValue()).isEqualTo(number);

    // a real joint inspection: no plan, no batch, kind targeted, for the warning's department
    Assertions.assertThat(jdbc().sql("SELECT kind || ' ' || COALESCE(plan_number, '-') || ' ' || uscc FROM inspection"
        + " WHERE number = :n").param("n", number).query(String.class).single()).isEqualTo("targeted - " + VALID_USCC);
    ProcessInstance inspection = runtime.createProcessInstanceQuery().processDefinitionKey("joint-inspection")
        .processInstanceBusinessKey(number).singleResult();
    Assertions.assertThat(inspection).isNotNull();
    Assertions.assertThat(targeted.find(number).orElseThrow().items()).containsEntry("market", List.of(item));
    Assertions.assertThat(targeted.matchingReplays(number)).isTrue();
    Assertions.assertThat(jdbc().sql("SELECT COUNT(*) FROM inspection_assignment WHERE inspection_number = :n"
        + " AND department = 'market'").param("n", number).query(Integer.class).single()
        + jdbc().sql("SELECT COUNT(*) FROM inspection_flag WHERE inspection_number = :n").param("n", number)
            .query(Integer.class).single()).isPositive();
    // the warning in the inspection file
    InspectionDetails.StaffView file = details.page(number);
    InspectionDetails.TitledTable section = file.tables().stream().filter(t -> t.key().equals("risk-warnings"))
        .findFirst().orElseThrow();
    Assertions.assertThat(section.table().rows()).hasSize(1);
    Assertions.assertThat(section.table().rows().get(0)).contains("#" + id, "冷链监测平台连续三天报告冷库温度超标");
    Assertions.assertThat(section.links()).extracting(InspectionSection.Link::href).containsExactly("/staff/warnings/" + id);
    Assertions.assertThat(file.inspection().kindLabel()).isEqualTo("定向检查");
    Assertions.assertThat(targeted.find(number).orElseThrow().title()).isEqualTo("风险预警定向检查");
    // opening again (a retried job) opens nothing new
    Assertions.assertThat(warnings.openTargetedInspection(id, ClockUtil.now().toInstant())).isEqualTo(number);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isOne();
  }

  @Test
  void approvingNeedsCatalogueItemsAndAtLeastOneOfTheDepartmentsOwn() {
    TargetedInspectionFixture.items(catalog);
    ProcessInstance instance = report("market");
    complete(task(instance), "lina", withVariables("conclusion", "targeted", "findings", "需检查"));
    Task approval = task(instance);
    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "approve")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("itemCodes");
    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "approve",
            "itemCodes", TargetedInspectionFixture.MARKET_ITEM + ", NO-SUCH, ALSO-NOT")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("itemCodes: “NO-SUCH”不在").hasMessageContaining("“ALSO-NOT”不在");
    // other departments' items alone: the warning's department must take part
    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "approve",
            "itemCodes", TargetedInspectionFixture.CULTURE_ITEM)))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("itemCodes: 须至少包含一项本部门（市场监管局）的检查事项").hasMessageContaining("文化和旅游局");
    assertThat(instance).isWaitingAt("ApproveTargetedInspection");
    Assertions.assertThat(countersign.of(warningId(instance))).isEmpty();
  }

  // ------------------------------------------------------------------ joint targeted inspections (部门会签)

  /** Wednesday 17 June 2026, 10:00: three working days later is Tuesday 23 June (端午 19 June, then a weekend). */
  static final LocalDateTime APPROVED_AT = LocalDateTime.of(2026, 6, 17, 10, 0);
  static final LocalDateTime COUNTERSIGN_DUE = LocalDateTime.of(2026, 6, 23, 10, 0);

  /** A market warning checked by lina and approved by chenjing on {@code items} (other departments' too). */
  private ProcessInstance approvedOn(String items) {
    return approvedOn(items, APPROVED_AT);
  }

  private ProcessInstance approvedOn(String items, LocalDateTime when) {
    TargetedInspectionFixture.items(catalog);
    TargetedInspectionFixture.marketInspectors(jdbc());
    TargetedInspectionFixture.cultureInspectors(jdbc());
    ClockUtil.setCurrentTime(at(when));
    ProcessInstance instance = report("market");
    complete(task(instance), "lina", withVariables("conclusion", "targeted", "findings", "冷库温度记录缺失，需联合检查"));
    complete(task(instance), "chenjing", withVariables("decision", "approve", "opinion", "请相关部门一并检查",
        "itemCodes", items));
    return instance;
  }

  private Task countersignTask(ProcessInstance instance, String department) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("CountersignTargetedInspection")
        .taskCandidateGroup(department + "-chief").singleResult();
  }

  private String openedInspection(ProcessInstance instance) {
    assertThat(instance).isWaitingAt("OpenTargetedInspection");
    BpmnAwareTests.execute(BpmnAwareTests.job(instance));
    assertThat(instance).isEnded().hasPassed("TargetedInspectionRequested");
    return warnings.find(warningId(instance)).orElseThrow().inspectionNumber();
  }

  private List<String> departmentsOf(String number) {
    return jdbc().sql("SELECT department FROM inspection_assignment WHERE inspection_number = :n"
        + " UNION SELECT department FROM inspection_flag WHERE inspection_number = :n ORDER BY department")
        .param("n", number).query(String.class).list();
  }

  private TargetedCountersign.Countersign asked(ProcessInstance instance, String department) {
    return countersign.of(warningId(instance)).stream().filter(c -> c.department().equals(department)).findFirst()
        .orElseThrow();
  }

  @Test
  void aChiefNamingAnotherDepartmentsItemsAsksItsChiefAndTheDepartmentJoinsWhenItAgrees() {
    ProcessInstance instance = approvedOn(TargetedInspectionFixture.MARKET_ITEM + "，" + TargetedInspectionFixture.CULTURE_ITEM);
    long id = warningId(instance);

    // 部门会签定向检查: one task, for culture's chiefs, due in three working days, the timer at the same moment
    assertThat(instance).isWaitingAt("CountersignTargetedInspection");
    List<Task> open = tasks.createTaskQuery().processInstanceId(instance.getId()).list();
    Assertions.assertThat(open).hasSize(1);
    Task culture = open.get(0);
    assertThat(culture).hasCandidateGroup("culture-chief");
    Assertions.assertThat(tasks.getIdentityLinksForTask(culture.getId())).noneMatch(l -> "market-chief".equals(l.getGroupId()));
    Assertions.assertThat(culture.getDueDate()).isEqualTo(at(COUNTERSIGN_DUE));
    Assertions.assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult()
        .getDuedate()).isEqualTo(at(COUNTERSIGN_DUE));
    Map<String, Object> shown = tasks.getVariablesLocal(culture.getId());
    Assertions.assertThat(shown).containsEntry("entityName", "杭州某某餐饮有限公司")
        .containsEntry("countersignDepartmentName", "文化和旅游局").containsEntry("leadDepartmentName", "市场监管局")
        .containsEntry("countersignItems", TargetedInspectionFixture.CULTURE_ITEM + " 演出场所")
        .containsEntry("leadApproval", "陈静（市场监管局科长）批准开展定向检查：请相关部门一并检查")
        .containsEntry("countersignDue", "2026-06-23 10:00").containsEntry("countersignDeadlineNote", "")
        .containsEntry("countersignDecision", null);
    Assertions.assertThat(warnings.find(id).orElseThrow().inspectionItems())
        .isEqualTo("market:" + TargetedInspectionFixture.MARKET_ITEM + ";culture:" + TargetedInspectionFixture.CULTURE_ITEM);
    Assertions.assertThat(asked(instance, "culture").status()).isEqualTo(TargetedCountersign.PENDING);

    ClockUtil.setCurrentTime(at(APPROVED_AT.plusDays(1)));
    complete(culture, "wuhao", withVariables("countersignDecision", "agree"));
    Assertions.assertThat(asked(instance, "culture"))
        .extracting(TargetedCountersign.Countersign::status, TargetedCountersign.Countersign::answeredBy)
        .containsExactly(TargetedCountersign.AGREED, "wuhao");
    Assertions.assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();

    // opened with both departments, two inspectors matched for each, the matching replayable
    String number = openedInspection(instance);
    TargetedInspections.Targeted opened = targeted.find(number).orElseThrow();
    Assertions.assertThat(opened.leadDepartment()).isEqualTo("market");
    Assertions.assertThat(opened.title()).isEqualTo("风险预警联合定向检查");
    Assertions.assertThat(opened.items()).containsExactly(
        Map.entry("market", List.of(TargetedInspectionFixture.MARKET_ITEM)),
        Map.entry("culture", List.of(TargetedInspectionFixture.CULTURE_ITEM)));
    Assertions.assertThat(targeted.matchingReplays(number)).isTrue();
    Assertions.assertThat(departmentsOf(number)).containsExactly("culture", "market");
    Assertions.assertThat(jdbc().sql("SELECT staff_number FROM inspection_assignment WHERE inspection_number = :n"
        + " AND department = 'culture' ORDER BY staff_number").param("n", number).query(String.class).list())
        .containsExactly("sunli", "zhoujie");
    ProcessInstance joint = runtime.createProcessInstanceQuery().processDefinitionKey("joint-inspection")
        .processInstanceBusinessKey(number).singleResult();
    Assertions.assertThat(runtime.getVariable(joint.getId(), "departments")).isEqualTo("market,culture");
    // one visit for both: culture confirms the time market proposes
    Assertions.assertThat(visits.confirmingDepartments(number)).containsExactly("culture");

    // the audit trail says who joined, and the file shows the countersign
    Assertions.assertThat(audit.events(number)).extracting(InspectionAudit.Event::kind, InspectionAudit.Event::department,
            InspectionAudit.Event::actor)
        .containsExactly(Assertions.tuple("targeted-joined", "culture", "wuhao"),
            Assertions.tuple("targeted-opened", "market", "chenjing"));
    Assertions.assertThat(audit.events(number).get(1).summary()).contains("牵头部门 市场监管局",
        "文化和旅游局 " + TargetedInspectionFixture.CULTURE_ITEM);
    InspectionDetails.TitledTable section = details.page(number).tables().stream()
        .filter(t -> t.key().equals("risk-warnings")).findFirst().orElseThrow();
    Assertions.assertThat(section.table().headers()).contains("部门会签");
    Assertions.assertThat(section.table().rows().get(0)).contains("文化和旅游局：同意参加（吴浩）");
  }

  @Test
  void aDepartmentThatDeclinesWithReasonsIsLeftOutAndOneWithoutInspectorsIsFlaggedForItsChiefs() {
    // ecology without inspectors, whatever other test classes put in the shared directory (given back afterwards)
    List<String> ecologyInspectors = jdbc().sql(
        "SELECT staff_number FROM directory_inspector WHERE department = 'ecology' AND active = TRUE")
        .query(String.class).list();
    jdbc().sql("UPDATE directory_inspector SET active = FALSE WHERE department = 'ecology'").update();
    try {
      declinedAndUnmatchedDepartments();
    } finally {
      for (String staff : ecologyInspectors) {
        jdbc().sql("UPDATE directory_inspector SET active = TRUE WHERE staff_number = :s").param("s", staff).update();
      }
    }
  }

  private void declinedAndUnmatchedDepartments() {
    ProcessInstance instance = approvedOn(TargetedInspectionFixture.MARKET_ITEM + ", " + TargetedInspectionFixture.FIRE_ITEM
        + ", " + TargetedInspectionFixture.ECOLOGY_ITEM);
    Task fire = countersignTask(instance, "fire");
    Task ecology = countersignTask(instance, "ecology");
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count()).isEqualTo(2);

    // declining needs reasons: nothing changes without them
    Assertions.assertThatThrownBy(() -> complete(fire, "linhai", withVariables("countersignDecision", "decline")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("countersignReason");
    Assertions.assertThat(asked(instance, "fire").status()).isEqualTo(TargetedCountersign.PENDING);
    Assertions.assertThatThrownBy(() -> complete(fire, "linhai", withVariables("countersignDecision", "maybe")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("countersignDecision");
    complete(fire, "linhai", withVariables("countersignDecision", "decline", "countersignReason", "本局上月已对该企业消防检查"));
    // the other department's task opens empty: fire's answer was fire's alone
    Assertions.assertThat(tasks.getVariable(ecology.getId(), "countersignDecision")).isNull();
    Assertions.assertThat(tasks.getVariable(ecology.getId(), "countersignReason")).isNull();
    complete(ecology, "panyi", withVariables("countersignDecision", "agree"));

    String number = openedInspection(instance);
    Assertions.assertThat(targeted.find(number).orElseThrow().items()).containsOnlyKeys("market", "ecology");
    Assertions.assertThat(departmentsOf(number)).containsExactly("ecology", "market");
    // ecology has nobody to match: flagged, its chiefs take the tasks, as in a plan
    Assertions.assertThat(jdbc().sql("SELECT COUNT(*) FROM inspection_flag WHERE inspection_number = :n AND department = 'ecology'")
        .param("n", number).query(Integer.class).single()).isOne();
    Assertions.assertThat(asked(instance, "fire"))
        .extracting(TargetedCountersign.Countersign::status, TargetedCountersign.Countersign::reason)
        .containsExactly(TargetedCountersign.DECLINED, "本局上月已对该企业消防检查");
    List<InspectionAudit.Event> trail = audit.events(number);
    Assertions.assertThat(trail).extracting(InspectionAudit.Event::kind, InspectionAudit.Event::department,
            InspectionAudit.Event::actor, InspectionAudit.Event::reason)
        .containsExactly(Assertions.tuple("targeted-declined", "fire", "linhai", "本局上月已对该企业消防检查"),
            Assertions.tuple("targeted-joined", "ecology", "panyi", null),
            Assertions.tuple("targeted-opened", "market", "chenjing", null));
    Assertions.assertThat(trail.get(0).summary()).isEqualTo("消防救援支队会签不同意参加，未纳入本次定向检查");
    Assertions.assertThat(trail.get(2).summary()).contains("执法人员不足，由科长办理：生态环境局");
    Assertions.assertThat(details.page(number).tables().stream().filter(t -> t.key().equals("risk-warnings"))
        .findFirst().orElseThrow().table().rows().get(0))
        .contains("消防救援支队：不同意参加（林海）：本局上月已对该企业消防检查\n生态环境局：同意参加（潘毅）");
  }

  @Test
  void whenTheCountersignDeadlinePassesTheDepartmentsThatHaveNotAnsweredAreLeftOutAndTheOthersGoOn() {
    ProcessInstance instance = approvedOn(TargetedInspectionFixture.MARKET_ITEM + "、" + TargetedInspectionFixture.CULTURE_ITEM
        + "、" + TargetedInspectionFixture.FIRE_ITEM);
    complete(countersignTask(instance, "culture"), "wuhao", withVariables("countersignDecision", "agree"));
    assertThat(instance).isWaitingAt("CountersignTargetedInspection");

    // Monday 22 June, evening: not yet due (19 June was a holiday)
    org.camunda.bpm.engine.runtime.Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers()
        .singleResult();
    ClockUtil.setCurrentTime(at(LocalDateTime.of(2026, 6, 22, 18, 0)));
    Assertions.assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().executable().count())
        .isZero();
    ClockUtil.setCurrentTime(at(COUNTERSIGN_DUE.plusMinutes(1)));
    management.executeJob(timer.getId());

    assertThat(instance).hasPassed("CountersignDeadline", "LapseCountersign");
    Assertions.assertThat(countersignTask(instance, "fire")).as("fire's task is withdrawn").isNull();
    Assertions.assertThat(asked(instance, "fire"))
        .extracting(TargetedCountersign.Countersign::status, TargetedCountersign.Countersign::answeredBy)
        .containsExactly(TargetedCountersign.LAPSED, "system");
    Assertions.assertThat(asked(instance, "culture").status()).isEqualTo(TargetedCountersign.AGREED);

    String number = openedInspection(instance);
    Assertions.assertThat(departmentsOf(number)).containsExactly("culture", "market");
    Assertions.assertThat(audit.events(number)).extracting(InspectionAudit.Event::kind, InspectionAudit.Event::department,
            InspectionAudit.Event::actor)
        .containsExactly(Assertions.tuple("targeted-joined", "culture", "wuhao"),
            Assertions.tuple("targeted-lapsed", "fire", "system"),
            Assertions.tuple("targeted-opened", "market", "chenjing"));
  }

  @Test
  void aCountersignDueInAYearWithoutItsHolidayNoticeIsCountedByLawAndSaysSo() {
    // Tuesday 29 December 2026: 30 and 31 December, then 1 January 2027 off by law, so Monday 4 January
    ProcessInstance instance = approvedOn(TargetedInspectionFixture.MARKET_ITEM + "," + TargetedInspectionFixture.CULTURE_ITEM,
        LocalDateTime.of(2026, 12, 29, 10, 0));
    Task culture = countersignTask(instance, "culture");
    Assertions.assertThat(culture.getDueDate()).isEqualTo(at(LocalDateTime.of(2027, 1, 4, 10, 0)));
    Assertions.assertThat(tasks.getVariablesLocal(culture.getId())).containsEntry("countersignDue", "2027-01-04 10:00");
    Assertions.assertThat((String) tasks.getVariableLocal(culture.getId(), "countersignDeadlineNote"))
        .startsWith("该年度国务院放假通知尚未发布");
  }

  @Test
  void nobodyButTheAskedDepartmentsChiefsAnswersItsCountersignAndOnlyWithTheFormsFields() {
    ProcessInstance instance = approvedOn(TargetedInspectionFixture.MARKET_ITEM + "," + TargetedInspectionFixture.CULTURE_ITEM);
    Task culture = countersignTask(instance, "culture");
    org.onedoor.TestHttp http = new org.onedoor.TestHttp(port);
    String agree = "{\"variables\":{\"countersignDecision\":{\"value\":\"agree\"}}}";

    // the lead chief, or another department's chief, cannot answer for culture
    for (String insider : List.of("chenjing", "linhai")) {
      for (String call : List.of("complete", "submit-form")) {
        var refused = http.post("/engine-rest/task/" + culture.getId() + "/" + call, insider, agree);
        Assertions.assertThat(refused.statusCode()).as(insider + " " + call + ": " + refused.body()).isIn(403, 404);
      }
    }
    // nor by having it assigned (only an administrator may hand it outside its candidates): the task's candidates decide
    var assigned = http.post("/engine-rest/task/" + culture.getId() + "/assignee", "admin", "{\"userId\":\"chenjing\"}");
    Assertions.assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(204);
    var asAssignee = http.post("/engine-rest/task/" + culture.getId() + "/complete", "chenjing", agree);
    Assertions.assertThat(asAssignee.statusCode()).as(asAssignee.body()).isEqualTo(403);
    Assertions.assertThat(asAssignee.body()).contains("只有文化和旅游局的科长可以会签");
    tasks.setAssignee(culture.getId(), null);

    // culture's chief: only the form's fields; neither the department, the warning nor the items can be redirected
    for (String field : List.of("countersignDepartment", "warningId", "itemCodes", "decision", "department")) {
      var refused = http.post("/engine-rest/task/" + culture.getId() + "/submit-form", "wuhao",
          "{\"variables\":{\"countersignDecision\":{\"value\":\"agree\"},\"" + field + "\":{\"value\":\"fire\"}}}");
      Assertions.assertThat(refused.statusCode()).as(field + ": " + refused.body()).isEqualTo(400);
      Assertions.assertThat(refused.body()).contains(field);
    }
    var changedItems = http.post("/engine-rest/task/" + culture.getId() + "/submit-form", "wuhao",
        "{\"variables\":{\"countersignDecision\":{\"value\":\"agree\"},\"countersignItems\":{\"value\":\""
            + TargetedInspectionFixture.FIRE_ITEM + "\"}}}");
    Assertions.assertThat(changedItems.statusCode()).as(changedItems.body()).isEqualTo(400);
    Assertions.assertThat(changedItems.body()).contains("countersignItems", "只读字段");
    Assertions.assertThat(asked(instance, "culture").status()).isEqualTo(TargetedCountersign.PENDING);
    assertThat(instance).isWaitingAt("CountersignTargetedInspection");

    // the department's own chief answers, here through the REST API's complete (as an API caller would)
    var answered = http.post("/engine-rest/task/" + culture.getId() + "/complete", "wuhao", agree);
    Assertions.assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
    Assertions.assertThat(asked(instance, "culture").status()).isEqualTo(TargetedCountersign.AGREED);
    Assertions.assertThat(runtime.getVariable(instance.getId(), "countersignDecision")).as("not left for others").isNull();
    assertThat(instance).isWaitingAt("OpenTargetedInspection");
  }

  private long warningId(ProcessInstance instance) {
    return ((Number) BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("warningId").singleResult().getValue()).longValue();
  }

  @Autowired org.onedoor.catalog.CatalogService catalog;
  @Autowired org.onedoor.inspection.TargetedInspections targeted;
  @Autowired org.onedoor.inspection.InspectionDetails details;
  @Autowired TargetedCountersign countersign;
  @Autowired InspectionAudit audit;
  @Autowired VisitCoordination visits;
  @Autowired ManagementService management;

  @Test
  void chiefMustGiveReasonsToRefuseAndNothingChangesUntilThen() {
    ProcessInstance instance = report("market");
    complete(task(instance), "lina", withVariables("conclusion", "targeted", "findings", "需检查"));
    Task approval = task(instance);

    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "reject")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("opinion");
    assertThat(instance).isWaitingAt("ApproveTargetedInspection");
    Assertions.assertThat(tasks.getVariable(approval.getId(), "decision")).isNull();

    complete(approval, "chenjing", withVariables("decision", "reject", "opinion", "已责令整改，暂不立项"));
    assertThat(instance).isEnded().hasPassed("InspectionNotApproved");
  }

  @Test
  void inspectorMustConcludeAndDescribe() {
    ProcessInstance instance = report("market");
    Assertions.assertThatThrownBy(() -> complete(task(instance), "zhangwei", withVariables("conclusion", "maybe")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("conclusion")
        .hasMessageContaining("findings");
    assertThat(instance).isWaitingAt("CheckWarning");
  }

  @Test
  void warningWithABadUsccOrUnknownDepartmentIsRefusedNamingTheFields() {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS).latestVersion().singleResult().getId();
    long before = runtime.createProcessInstanceQuery().count();

    Assertions.assertThatThrownBy(
            () -> forms.submitStartForm(definitionId, Map.of(
                "uscc", "91330100799655058C", "entityName", "某公司", "department", "tax",
                "source", "monitoring", "level", "high", "description", "x")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("uscc: 校验位应为“B”")
        .hasMessageContaining("department");
    Assertions.assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aWarningRaisedByAMonitoringRuleStartsAtTheModelAndWaitsForTheDepartmentsCheck() {
    String rule = "T-" + System.nanoTime();
    RiskWarningService.RuleWarning raised = new RiskWarningService.RuleWarning(VALID_USCC, "杭州某某制药有限公司",
        "market", "drug-production", rule, "测试规则", "high", "药品生产在线监测：冷库温度超过上限");
    Assertions.assertThat(warnings.raise(List.of(raised, raised), ClockUtil.now().toInstant())).isOne();
    // open: the same business and rule raise nothing more
    Assertions.assertThat(warnings.raise(List.of(raised), ClockUtil.now().toInstant())).isZero();

    long id = jdbc().sql("SELECT id FROM credit_risk_warning WHERE rule_code = :r").param("r", rule)
        .query(Long.class).single();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("RW-" + id).singleResult();
    assertThat(instance).hasPassed("WarningRaisedByRule").isNotWaitingAt("CheckWarning");
    BpmnAwareTests.execute(BpmnAwareTests.job(instance));
    assertThat(instance).isWaitingAt("CheckWarning").hasNotPassed("RegisterWarning");
    assertThat(task(instance)).hasCandidateGroup("market-inspector");
    Assertions.assertThat(runtime.getVariable(instance.getId(), "warningId")).isEqualTo(id);
    Assertions.assertThat(warnings.find(id).orElseThrow().status()).isEqualTo("CHECKING");
    // the department's chiefs are told when its process starts (notifications, issue 17)
    Assertions.assertThat(jdbc().sql("SELECT recipient FROM notification WHERE kind = 'RISK_WARNING_RAISED'"
        + " AND dedup_key LIKE :k").param("k", "RISK_WARNING_RAISED|warning:" + id + "|%").query(String.class).list())
        .contains("chenjing");

    complete(task(instance), "zhangwei", withVariables("conclusion", "unfounded", "findings", "探头故障，已更换"));
    assertThat(instance).isEnded().hasPassed("WarningClosed");
    // concluded: the rule may raise again for this business
    Assertions.assertThat(warnings.raise(List.of(raised), ClockUtil.now().toInstant())).isOne();
  }

  @Test
  void aPersonCannotStartTheProcessAtTheModelsStartEvent() {
    long before = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    java.net.http.HttpResponse<String> response = new org.onedoor.TestHttp(port).post("/engine-rest/message", "chenjing",
        "{\"messageName\":\"" + RiskWarningService.RAISED_MESSAGE + "\",\"processVariables\":{\"warningId\":"
            + "{\"value\":1,\"type\":\"Long\"}}}");
    Assertions.assertThat(response.statusCode()).isEqualTo(403);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count()).isEqualTo(before);
  }

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  private org.springframework.jdbc.core.simple.JdbcClient jdbc() {
    return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
  }

  @Autowired javax.sql.DataSource dataSource;

  /** Completes as the user would in Tasklist: signed in with their groups, authorizations checked. */
  private void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Date at(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.of("Asia/Shanghai")).toInstant());
  }
}
