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
import org.onedoor.inspection.InspectionDetails;
import org.onedoor.inspection.InspectionSection;
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
    Assertions.assertThat(warning.inspectionItems()).isEqualTo(item);
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
    // opening again (a retried job) opens nothing new
    Assertions.assertThat(warnings.openTargetedInspection(id, ClockUtil.now().toInstant())).isEqualTo(number);
    Assertions.assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isOne();
  }

  @Test
  void approvingNeedsItemsOfTheDepartmentsCatalogue() {
    TargetedInspectionFixture.items(catalog);
    ProcessInstance instance = report("market");
    complete(task(instance), "lina", withVariables("conclusion", "targeted", "findings", "需检查"));
    Task approval = task(instance);
    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "approve")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("itemCodes");
    Assertions.assertThatThrownBy(() -> complete(approval, "chenjing", withVariables("decision", "approve",
            "itemCodes", TargetedInspectionFixture.CULTURE_ITEM + ", NO-SUCH")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("不是本部门的事项").hasMessageContaining("“NO-SUCH”不在");
    assertThat(instance).isWaitingAt("ApproveTargetedInspection");
  }

  private long warningId(ProcessInstance instance) {
    return ((Number) BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("warningId").singleResult().getValue()).longValue();
  }

  @Autowired org.onedoor.catalog.CatalogService catalog;
  @Autowired org.onedoor.inspection.TargetedInspections targeted;
  @Autowired org.onedoor.inspection.InspectionDetails details;

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
