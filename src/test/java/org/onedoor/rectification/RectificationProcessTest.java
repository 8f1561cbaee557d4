package org.onedoor.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
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
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.inspection.InspectionFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** processes/rectification.bpmn */
@OnedoorSpringTest
class RectificationProcessTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired Rectifications rectifications;
  @Autowired InspectionAudit audit;
  @Autowired JdbcClient jdbc;

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

  /** As joint-inspection calls it: market's drawn inspectors zhangwei and lina re-check. */
  ProcessInstance start(String number, String deadline) {
    return runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables("inspectionNumber", number,
        "department", "market", "uscc", InspectionFixtures.USCC, "entityName", "整改测试企业",
        "rectificationDeadline", deadline, "recheckCandidates", "zhangwei,lina"));
  }

  Task task(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  void order(ProcessInstance instance, String kind, long length) {
    complete(task(instance), "zhangwei", withVariables("orderNumber", "市监责改〔2026〕1号",
        "orderItems", "未公示营业执照；灭火器过期", "deadlineKind", kind, "periodLength", length));
  }

  /** Today in the calendar's zone (Asia/Shanghai), as the engine clock sees it. */
  static LocalDate today() {
    return TestClock.today();
  }

  static Date at(String isoWithOffset) {
    return Date.from(OffsetDateTime.parse(isoWithOffset).toInstant());
  }

  Object outcome(ProcessInstance instance) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("rectificationOutcome").singleResult().getValue();
  }

  List<String> auditKinds(String number) {
    return audit.events(number).stream().map(InspectionAudit.Event::kind).toList();
  }

  @Test
  void reportedInTimeAndCorrectedEndsWithE() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = start(number, today().plusDays(10).toString());
    BpmnAwareTests.assertThat(instance).isWaitingAt("IssueOrder");
    // the form starts from the deadline proposed on site, in calendar days
    assertThat(runtime.getVariable(instance.getId(), "deadlineKind")).isEqualTo("days");
    // the forms show the department's name, not its code
    assertThat(runtime.getVariable(instance.getId(), "departmentName")).isEqualTo("市场监管局");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateUser("lina").count()).isEqualTo(1);
    order(instance, "days", 10);
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    Rectifications.Rectification ordered = rectifications.byProcess(instance.getId());
    assertThat(ordered.status()).isEqualTo(Rectifications.ORDERED);
    assertThat(ordered.deadlineKind()).isEqualTo(DeadlineKind.DAYS);
    assertThat(ordered.period()).isEqualTo("10 日");

    HttpResponse<String> reported = new TestHttp(port).post(
        "/api/v1/inspections/" + number + "/rectifications/market/report", "lina",
        "{\"date\":\"" + today() + "\",\"text\":\"已公示营业执照，更换灭火器\"}");
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    assertThat(reported.body()).contains("\"late\":false");
    BpmnAwareTests.assertThat(instance).isWaitingAt("RecheckRectification");
    assertThat((String) runtime.getVariable(instance.getId(), "reportSummary")).contains("已公示营业执照");

    complete(task(instance), "lina", withVariables("recheckOutcome", "E", "recheckFindings", "现场复查，已改正"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Corrected").hasNotPassed("TransferCaseClues");
    assertThat(outcome(instance)).isEqualTo("E");
    Rectifications.Rectification done = rectifications.byProcess(instance.getId());
    assertThat(done.status()).isEqualTo(Rectifications.CORRECTED);
    assertThat(done.reports()).singleElement().satisfies(r -> assertThat(r.enteredBy()).isEqualTo("lina"));
    assertThat(auditKinds(number)).containsExactly("rectification-opened", "rectification-ordered",
        "rectification-reported", "rectification-rechecked");
    assertThat(audit.events(number).get(1).actor()).isEqualTo("zhangwei");
  }

  @Test
  void deadlinePassesThenRecheckFindsItStillPendingAndTransfers() {
    ClockUtil.setCurrentTime(at("2026-06-01T10:00:00+08:00"));
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = start(number, "2026-06-11");
    order(instance, "days", 10);
    assertThat(rectifications.byProcess(instance.getId()).deadline()).isEqualTo(LocalDate.of(2026, 6, 11));
    Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(at("2026-06-12T00:00:00+08:00"));

    ClockUtil.setCurrentTime(at("2026-06-12T00:00:01+08:00"));
    management.executeJob(timer.getId());
    BpmnAwareTests.assertThat(instance).hasPassed("DeadlinePassed", "MarkOverdue").isWaitingAt("RecheckRectification");
    assertThat(rectifications.byProcess(instance.getId()).status()).isEqualTo(Rectifications.OVERDUE);

    // a late report is still kept for the re-checker, marked late, and ends no wait
    HttpResponse<String> late = new TestHttp(port).post(
        "/api/v1/inspections/" + number + "/rectifications/market/report", "admin",
        "{\"date\":\"2026-06-12\",\"text\":\"已部分整改\"}");
    assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
    assertThat(late.body()).contains("\"late\":true");

    assertThatThrownBy(() -> complete(task(instance), "zhangwei",
        withVariables("recheckOutcome", "A", "recheckFindings", "灭火器仍未更换")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("transferReason");
    complete(task(instance), "zhangwei", withVariables("recheckOutcome", "A", "recheckFindings", "灭火器仍未更换",
        "transferReason", "逾期未改正消防安全隐患，移送立案调查"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("TransferCaseClues", "StillPending");
    assertThat(outcome(instance)).isEqualTo("A");
    Rectifications.Rectification done = rectifications.byProcess(instance.getId());
    assertThat(done.status()).isEqualTo(Rectifications.PENDING);
    assertThat(done.transferredAt()).isNotNull();
    assertThat(done.reports()).singleElement().satisfies(r -> assertThat(r.late()).isTrue());
    assertThat(auditKinds(number)).containsExactly("rectification-opened", "rectification-ordered",
        "rectification-overdue", "rectification-reported", "rectification-rechecked", "case-clues-transferred");
  }

  @Test
  void workingDayDeadlineRunsAcrossTheNationalDayHoliday() {
    // ordered Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is worked
    ClockUtil.setCurrentTime(at("2026-09-30T10:00:00+08:00"));
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = start(number, "2026-10-20");
    order(instance, "workingDays", 5);
    Rectifications.Rectification ordered = rectifications.byProcess(instance.getId());
    // 8, 9, 10 (make-up day), 12, 13 October
    assertThat(ordered.deadline()).isEqualTo(LocalDate.of(2026, 10, 13));
    assertThat(ordered.period()).isEqualTo("5 个工作日");
    assertThat(runtime.getVariable(instance.getId(), "orderDeadlineNote")).as("2026's notice is in the data").isEqualTo("");

    ClockUtil.setCurrentTime(at("2026-10-09T12:00:00+08:00"));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(at("2026-10-13T23:59:00+08:00"));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(at("2026-10-14T00:00:01+08:00"));
    Job due = management.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
    management.executeJob(due.getId());
    BpmnAwareTests.assertThat(instance).isWaitingAt("RecheckRectification");

    // the same 5 as calendar days ends on 5 October, a day off: it rolls to Thursday 8 October
    ClockUtil.setCurrentTime(at("2026-09-30T10:00:00+08:00"));
    ProcessInstance calendarDays = start(InspectionFixtures.open(jdbc, "RC"), "2026-10-20");
    order(calendarDays, "days", 5);
    assertThat(rectifications.byProcess(calendarDays.getId()).deadline()).isEqualTo(LocalDate.of(2026, 10, 8));
  }

  @Test
  void aDeadlineInAYearWithoutTheStateCouncilNoticeCarriesTheNoteTheRecheckFormShows() {
    // ordered Monday 21 December 2026 for 10 working days: the deadline falls in January 2027
    ClockUtil.setCurrentTime(at("2026-12-21T10:00:00+08:00"));
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = start(number, "2027-01-08");
    order(instance, "workingDays", 10);
    assertThat(rectifications.byProcess(instance.getId()).deadline().getYear()).isEqualTo(2027);
    assertThat(runtime.getVariable(instance.getId(), "orderDeadlineNote"))
        .isEqualTo("该年度国务院放假通知尚未发布，期限按法定节假日计算，调休安排公布后可能调整。");
  }

  @Test
  void badOrdersReportsAndCallsAreRefusedNamingTheField() {
    String number = InspectionFixtures.open(jdbc, "RC");
    String tomorrow = today().plusDays(1).toString();
    // the call's input
    assertThatThrownBy(() -> start(number, "2026/10/01")).hasMessageContaining("rectificationDeadline");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables(
        "inspectionNumber", number, "department", "police", "rectificationDeadline", tomorrow,
        "recheckCandidates", "zhenglei"))).hasMessageContaining("department");
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables(
        "inspectionNumber", number, "department", "market", "rectificationDeadline", tomorrow,
        "recheckCandidates", " , "))).hasMessageContaining("recheckCandidates");

    ProcessInstance instance = start(number, today().plusDays(15).toString());
    TestHttp http = new TestHttp(port);
    String report = "/api/v1/inspections/" + number + "/rectifications/market/report";
    // nothing to report on before the order
    assertThat(http.post(report, "zhangwei", "{\"date\":\"" + today() + "\",\"text\":\"已整改\"}").statusCode())
        .isEqualTo(409);

    Task order = task(instance);
    Map<String, Object> good = withVariables("orderNumber", "市监责改〔2026〕2号", "orderItems", "未公示营业执照",
        "deadlineKind", "days", "periodLength", 15L);
    assertThatThrownBy(() -> complete(order, "wangqiang", good)).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> complete(order, "zhangwei", with(good, "orderNumber", " ")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("orderNumber");
    assertThatThrownBy(() -> complete(order, "zhangwei", with(good, "orderItems", null)))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("orderItems");
    assertThatThrownBy(() -> complete(order, "zhangwei", with(good, "deadlineKind", "weeks")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("deadlineKind");
    assertThatThrownBy(() -> complete(order, "zhangwei", with(good, "periodLength", 0L)))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("periodLength");
    assertThatThrownBy(() -> complete(order, "zhangwei", with(good, "periodLength", 181L)))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("periodLength");
    BpmnAwareTests.assertThat(instance).isWaitingAt("IssueOrder");
    assertThat(rectifications.byProcess(instance.getId()).status()).isEqualTo(Rectifications.AWAITING_ORDER);
    complete(order, "zhangwei", good);

    String today = today().toString();
    HttpResponse<String> future = http.post(report, "zhangwei",
        "{\"date\":\"" + today().plusDays(1) + "\",\"text\":\"已整改\"}");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("\"field\":\"date\"");
    HttpResponse<String> beforeOrder = http.post(report, "zhangwei",
        "{\"date\":\"" + today().minusDays(1) + "\",\"text\":\"已整改\"}");
    assertThat(beforeOrder.statusCode()).isEqualTo(400);
    assertThat(beforeOrder.body()).contains("\"field\":\"date\"");
    HttpResponse<String> noText = http.post(report, "zhangwei", "{\"date\":\"" + today + "\"}");
    assertThat(noText.statusCode()).isEqualTo(400);
    assertThat(noText.body()).contains("\"field\":\"text\"");
    HttpResponse<String> badDate = http.post(report, "zhangwei", "{\"date\":\"明天\",\"text\":\"已整改\"}");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("\"field\":\"date\"");
    // culture takes part, but this is market's order; fire's chief is not market staff either
    assertThat(http.post(report, "sunli", "{\"date\":\"" + today + "\",\"text\":\"已整改\"}").statusCode()).isEqualTo(403);
    assertThat(http.post(report, "linhai", "{\"date\":\"" + today + "\",\"text\":\"已整改\"}").statusCode()).isEqualTo(403);
    assertThat(http.post(report, null, "{\"date\":\"" + today + "\",\"text\":\"已整改\"}").statusCode()).isEqualTo(401);
    assertThat(http.post("/api/v1/inspections/NO-SUCH/rectifications/market/report", "zhangwei",
        "{\"date\":\"" + today + "\",\"text\":\"已整改\"}").statusCode()).isEqualTo(404);
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    assertThat(rectifications.byProcess(instance.getId()).reports()).isEmpty();

    assertThat(http.post(report, "zhangwei", "{\"date\":\"" + today + "\",\"text\":\"已整改\"}").statusCode()).isEqualTo(201);
    Task recheck = task(instance);
    assertThatThrownBy(() -> complete(recheck, "sunli", withVariables("recheckOutcome", "E", "recheckFindings", "已改正")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> complete(recheck, "lina", withVariables("recheckOutcome", "1", "recheckFindings", "已改正")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("recheckOutcome");
    assertThatThrownBy(() -> complete(recheck, "lina", withVariables("recheckOutcome", "E")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("recheckFindings");
    BpmnAwareTests.assertThat(instance).isWaitingAt("RecheckRectification");
  }

  // ---------------------------------------------------------------- 延期整改

  HttpResponse<String> applyForExtension(String number, String user, String requestedDeadline) {
    return new TestHttp(port).post("/api/v1/inspections/" + number + "/rectifications/market/extension-requests",
        user, "{\"reason\":\"消防器材供货延迟，需要更多时间\",\"requestedDeadline\":\"" + requestedDeadline + "\"}");
  }

  void decideExtension(ProcessInstance instance, String user, String decision, String reason) {
    complete(task(instance), user, withVariables("extensionDecision", decision, "extensionDecisionReason", reason));
  }

  Job timer(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
  }

  /** Ordered Monday 1 June 2026 for 10 days: the deadline is Thursday 11 June, passing at midnight. */
  ProcessInstance orderedOnFirstJune(String number) {
    ClockUtil.setCurrentTime(at("2026-06-01T10:00:00+08:00"));
    ProcessInstance instance = start(number, "2026-06-11");
    order(instance, "days", 10);
    assertThat(timer(instance).getDuedate()).isEqualTo(at("2026-06-12T00:00:00+08:00"));
    return instance;
  }

  @Test
  void approvedExtensionMovesTheTimerSoTheOldDeadlinePassesQuietlyAndTheNewOneTriggers() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);

    ClockUtil.setCurrentTime(at("2026-06-10T09:00:00+08:00"));
    HttpResponse<String> applied = applyForExtension(number, "lina", "2026-06-25");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
    assertThat(applied.body()).contains("\"status\":\"REQUESTED\"", "\"originalDeadline\":\"2026-06-11\"");
    BpmnAwareTests.assertThat(instance).hasPassed("ExtensionRequested").isWaitingAt("ApproveExtension");
    BpmnAwareTests.assertThat(BpmnAwareTests.task(instance)).hasCandidateUser("zhangwei").hasCandidateUser("lina");
    // the deadline does not pass while the request is open
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();

    decideExtension(instance, "zhangwei", "approve", "供货延迟属实，同意延期");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    assertThat(timer(instance).getDuedate()).isEqualTo(at("2026-06-26T00:00:00+08:00"));
    assertThat(rectifications.byProcess(instance.getId()).deadline()).isEqualTo(LocalDate.of(2026, 6, 25));
    assertThat(runtime.getVariable(instance.getId(), "orderDeadline")).isEqualTo("2026-06-25");
    assertThat(runtime.getVariable(instance.getId(), "extensionDecision")).isNull();

    // the old deadline passes without 整改期限届满
    ClockUtil.setCurrentTime(at("2026-06-12T00:00:01+08:00"));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(at("2026-06-25T23:59:00+08:00"));
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).executable().count()).isZero();
    BpmnAwareTests.assertThat(instance).hasNotPassed("DeadlinePassed").isWaitingAt("WaitForReport");
    // the new one triggers it
    ClockUtil.setCurrentTime(at("2026-06-26T00:00:01+08:00"));
    Job due = management.createJobQuery().processInstanceId(instance.getId()).executable().singleResult();
    management.executeJob(due.getId());
    BpmnAwareTests.assertThat(instance).hasPassed("DeadlinePassed", "MarkOverdue").isWaitingAt("RecheckRectification");
    assertThat((String) runtime.getVariable(instance.getId(), "reportSummary")).contains("2026-06-25 届满");
    assertThat(auditKinds(number)).containsExactly("rectification-opened", "rectification-ordered",
        "rectification-extension-requested", "rectification-extended", "rectification-overdue");
    InspectionAudit.Event extended = audit.events(number).get(3);
    assertThat(extended.actor()).isEqualTo("zhangwei");
    assertThat(extended.summary()).contains("2026-06-11", "2026-06-25");
    assertThat(extended.reason()).isEqualTo("供货延迟属实，同意延期");

    // the business (through staff) reads the decision and its reason
    HttpResponse<String> decisions = new TestHttp(port).get(
        "/api/v1/inspections/" + number + "/rectifications/market/extension-requests", "lina");
    assertThat(decisions.statusCode()).isEqualTo(200);
    assertThat(decisions.body()).contains("\"status\":\"APPROVED\"", "\"decidedBy\":\"zhangwei\"",
        "供货延迟属实，同意延期");
  }

  @Test
  void refusedExtensionKeepsTheOldDeadline() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);
    ClockUtil.setCurrentTime(at("2026-06-11T15:00:00+08:00"));
    assertThat(applyForExtension(number, "zhangwei", "2026-06-18").statusCode()).isEqualTo(201);
    decideExtension(instance, "lina", "refuse", "整改事项简单，期限内可以完成");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    assertThat(timer(instance).getDuedate()).isEqualTo(at("2026-06-12T00:00:00+08:00"));
    assertThat(rectifications.byProcess(instance.getId()).deadline()).isEqualTo(LocalDate.of(2026, 6, 11));

    ClockUtil.setCurrentTime(at("2026-06-12T00:00:01+08:00"));
    management.executeJob(management.createJobQuery().processInstanceId(instance.getId()).executable()
        .singleResult().getId());
    BpmnAwareTests.assertThat(instance).hasPassed("DeadlinePassed").isWaitingAt("RecheckRectification");
    assertThat(auditKinds(number)).containsExactly("rectification-opened", "rectification-ordered",
        "rectification-extension-requested", "rectification-extension-refused", "rectification-overdue");
    assertThat(rectifications.byProcess(instance.getId()).extensions()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(RectificationExtensions.REFUSED);
      assertThat(e.decisionReason()).isEqualTo("整改事项简单，期限内可以完成");
      assertThat(e.decidedBy()).isEqualTo("lina");
    });
  }

  @Test
  void aSecondRequestIsAConflictAndARequestAfterTheDeadlineIsRefused() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);
    ClockUtil.setCurrentTime(at("2026-06-05T10:00:00+08:00"));
    assertThat(applyForExtension(number, "lina", "2026-06-25").statusCode()).isEqualTo(201);
    HttpResponse<String> second = applyForExtension(number, "zhangwei", "2026-06-24");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);

    // only a candidate decides; the decision and its reason are required
    Task approval = task(instance);
    assertThatThrownBy(() -> complete(approval, "sunli",
        withVariables("extensionDecision", "approve", "extensionDecisionReason", "同意")))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> complete(approval, "lina",
        withVariables("extensionDecision", "maybe", "extensionDecisionReason", "同意")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("extensionDecision");
    assertThatThrownBy(() -> complete(approval, "lina", withVariables("extensionDecision", "approve")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("extensionDecisionReason");
    BpmnAwareTests.assertThat(instance).isWaitingAt("ApproveExtension");

    decideExtension(instance, "lina", "approve", "同意延期");
    // at most one approved extension per order
    HttpResponse<String> again = applyForExtension(number, "lina", "2026-07-02");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

    // after the (new) deadline has passed, nobody may apply any more
    ClockUtil.setCurrentTime(at("2026-06-26T08:00:00+08:00"));
    HttpResponse<String> late = applyForExtension(number, "lina", "2026-07-02");
    assertThat(late.statusCode()).as(late.body()).isEqualTo(400);
    assertThat(late.body()).contains("\"field\":\"requestedDeadline\"", "已届满");
    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    assertThat(rectifications.byProcess(instance.getId()).extensions()).hasSize(1);
  }

  @Test
  void reportStillEndsTheWaitAfterAnExtensionAndIsNotLateBeforeTheNewDeadline() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);
    ClockUtil.setCurrentTime(at("2026-06-08T10:00:00+08:00"));
    assertThat(applyForExtension(number, "lina", "2026-06-25").statusCode()).isEqualTo(201);
    decideExtension(instance, "zhangwei", "approve", "同意延期");

    ClockUtil.setCurrentTime(at("2026-06-22T10:00:00+08:00"));
    HttpResponse<String> reported = new TestHttp(port).post(
        "/api/v1/inspections/" + number + "/rectifications/market/report", "lina",
        "{\"date\":\"2026-06-22\",\"text\":\"已更换灭火器\"}");
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    assertThat(reported.body()).contains("\"late\":false");
    BpmnAwareTests.assertThat(instance).hasPassed("RectificationReported").isWaitingAt("RecheckRectification");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
    complete(task(instance), "lina", withVariables("recheckOutcome", "E", "recheckFindings", "现场复查，已改正"));
    BpmnAwareTests.assertThat(instance).isEnded().hasPassed("Corrected");
  }

  @Test
  void reportWhileARequestIsOpenEndsTheWaitAndTheRequestLapses() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);
    ClockUtil.setCurrentTime(at("2026-06-09T10:00:00+08:00"));
    assertThat(applyForExtension(number, "lina", "2026-06-25").statusCode()).isEqualTo(201);
    HttpResponse<String> reported = new TestHttp(port).post(
        "/api/v1/inspections/" + number + "/rectifications/market/report", "zhangwei",
        "{\"date\":\"2026-06-09\",\"text\":\"已提前完成整改\"}");
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
    BpmnAwareTests.assertThat(instance).hasPassed("ReportedDuringApproval").hasNotPassed("RectificationReported")
        .isWaitingAt("RecheckRectification");
    assertThat(rectifications.byProcess(instance.getId()).extensions()).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(RectificationExtensions.LAPSED));
    assertThat(auditKinds(number)).contains("rectification-extension-lapsed");
    assertThat(rectifications.byProcess(instance.getId()).deadline()).isEqualTo(LocalDate.of(2026, 6, 11));
  }

  @Test
  void theInspectionFileShowsTheExtension() {
    String number = InspectionFixtures.open(jdbc, "RC");
    ProcessInstance instance = orderedOnFirstJune(number);
    ClockUtil.setCurrentTime(at("2026-06-10T09:00:00+08:00"));
    assertThat(applyForExtension(number, "lina", "2026-06-25").statusCode()).isEqualTo(201);
    decideExtension(instance, "zhangwei", "approve", "供货延迟属实，同意延期");

    TestHttp http = new TestHttp(port);
    HttpResponse<String> file = http.get("/api/v1/inspections/" + number, "lina");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).contains("\"extensions\":[", "\"originalDeadline\":\"2026-06-11\"",
        "\"requestedDeadline\":\"2026-06-25\"", "\"decidedBy\":\"zhangwei\"", "供货延迟属实，同意延期",
        "\"deadline\":\"2026-06-25\"");
    HttpResponse<String> page = http.get("/staff/inspections/" + number, "lina");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("延期整改", "已批准：原期限 2026-06-11，申请延至 2026-06-25",
        "（李娜 登记）", "张伟 审批：供货延迟属实，同意延期", "<td data-label=\"部门\">市场监管局</td>");
  }

  @Test
  void theOrderNoticeIsAPdfFromTheInspectionFileNamingTheItemsTheDeadlineAndTheRemedies() throws Exception {
    ClockUtil.setCurrentTime(at("2026-06-01T10:00:00+08:00"));
    String uscc = InspectionFixtures.entity(jdbc, "通知书测试餐饮有限公司");
    String number = InspectionFixtures.open(jdbc, "RN", uscc);
    ProcessInstance instance = startFor(number, uscc, "2026-06-11");
    TestHttp http = new TestHttp(port);
    String pdfPath = "/staff/inspections/" + number + "/rectifications/market/order.pdf";
    // before the order there is no notice yet
    assertThat(http.get(pdfPath, "lina").statusCode()).isEqualTo(409);
    order(instance, "days", 10);

    HttpResponse<byte[]> pdf = http.getBytes(pdfPath, "lina");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/pdf"));
    assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("inline"));
    String text;
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
    assertThat(text).contains("市场监管局", "责令改正通知书", "市监责改〔2026〕1号", "通知书测试餐饮有限公司：",
        "统一社会信用代码：" + uscc, number, "未公示营业执照；灭火器过期", "现责令你单位于2026年6月11日前改正上述问题",
        "整改期限10日", "六十日内依法申请行政复议", "2026年6月1日");
    // the same through the API path; outsiders 403, an unknown department 404
    assertThat(http.getBytes("/api/v1/inspections/" + number + "/rectifications/market/order.pdf", "zhangwei")
        .statusCode()).isEqualTo(200);
    assertThat(http.get(pdfPath, "hejun").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/inspections/" + number + "/rectifications/fire/order.pdf", "lina").statusCode())
        .isEqualTo(404);

    // the inspection file links the staff page and the notice, opening in a new tab
    HttpResponse<String> file = http.get("/staff/inspections/" + number, "lina");
    assertThat(file.body()).contains("href=\"" + pdfPath + "\" target=\"_blank\"",
        "href=\"/staff/inspections/" + number + "/rectifications/market\" target=\"_blank\"", "登记企业整改报告、延期申请");
    // the staff page and its JSON
    HttpResponse<String> page = http.get("/staff/inspections/" + number + "/rectifications/market", "lina");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("登记企业整改报告", "登记延期申请", "rectification.js");
    HttpResponse<String> json = http.get("/api/v1/inspections/" + number + "/rectifications/market", "lina");
    assertThat(json.body()).contains("\"departmentName\":\"市场监管局\"", "\"orderNumber\":\"市监责改〔2026〕1号\"",
        "\"deadline\":\"2026-06-11\"");
  }

  ProcessInstance startFor(String number, String uscc, String deadline) {
    return runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables("inspectionNumber", number,
        "department", "market", "uscc", uscc, "entityName", "通知书测试餐饮有限公司",
        "rectificationDeadline", deadline, "recheckCandidates", "zhangwei,lina"));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(base);
    copy.put(key, value);
    return copy;
  }
}
