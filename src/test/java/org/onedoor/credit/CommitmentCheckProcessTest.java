package org.onedoor.credit;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
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
import org.onedoor.TestHttp;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawRecord;
import org.onedoor.draw.DrawService;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * processes/commitment-check.bpmn (issue 15, item 5): a commitment-check plan draws only businesses with
 * a credit commitment; a false commitment (C) or a business not found (6) is pushed back as a warning and
 * the registration authority's chief routes it to listing, an order to change the registration or
 * deregistration advice, each with its letter or notice. Fixed clock: 12 Oct 2026.
 */
@OnedoorSpringTest
class CommitmentCheckProcessTest {

  static final AtomicInteger NEXT = new AtomicInteger();
  static final String CATEGORY = "信用承诺核查测试门类";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired CommitmentChecks checks;
  @Autowired CommitmentCheckStarts starts;
  @Autowired RiskWarningService warnings;
  @Autowired CreditFeedback feedback;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired DrawService draws;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(at(2026, 10, 12, 10));
    if (catalog.latestPublished().isEmpty()
        || catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("DR-M1")).isEmpty()) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "draw test", TestClock.now()));
      catalog.putItem(draft.versionNo(), "DR-M1", new ItemDraft("QD-DR", "抽取测试", "抽取测试事项", "market", "测试依据",
          "一般", List.of("现场检查"), List.of(new SubItemDraft("DR-M1-01", "子项", List.of("内容")))));
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
    BpmnAwareTests.reset();
  }

  static Date at(int y, int m, int d, int h) {
    return Date.from(LocalDateTime.of(y, m, d, h, 0).atZone(TestClock.ZONE).toInstant());
  }

  String entity(boolean commitment) {
    String body = String.format("91330100CMTW%05d", NEXT.incrementAndGet());
    String uscc = body + Uscc.checkCharacter(body);
    jdbc.sql("""
        INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
            legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
        VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '临江市新区 8 号', '', 'active', 'B', 'medium', '', :cm,
            :t, :t)
        """)
        .param("u", uscc).param("n", "承诺核查测试企业" + NEXT.get()).param("c", CATEGORY).param("cm", commitment)
        .param("t", Timestamp.from(ClockUtil.now().toInstant())).update();
    return uscc;
  }

  String plan(boolean commitmentOnly) {
    String number = "CMT-" + System.nanoTime() % 1_000_000_000L;
    plans.create(new PlanRequest(2026, number, "新设主体信用承诺核查", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("DR-M1"))),
        new PopulationFilter(List.of(CATEGORY), List.of(), List.of(), List.of(), List.of(), List.of(), commitmentOnly),
        2, false, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), false, false, null, Map.of()), "chenjing", Instant.parse("2026-10-09T02:00:00Z"));
    return number;
  }

  ResultApproved result(String plan, String uscc, String code, String label, String inspection) {
    return new ResultApproved(plan, "新设主体信用承诺核查", inspection, "新设主体信用承诺核查（市场监管局）", "定向", "market",
        "市场监管局", jdbc.sql("SELECT name FROM directory_entity WHERE uscc = :u").param("u", uscc)
            .query(String.class).single(), uscc, LocalDate.of(2026, 10, 10), code, label, "承诺的住所与实际不符", false,
        ClockUtil.now().toInstant());
  }

  /** The application's start, as the ResultApproved listener makes it in the approving transaction. */
  ProcessInstance found(String plan, String uscc, String code, String label, String inspection) {
    tx.executeWithoutResult(s -> starts.resultApproved(result(plan, uscc, code, label, inspection)));
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey("commitment-" + inspection + "-market")
        .singleResult();
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  long checkId(ProcessInstance instance) {
    return ((Number) BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("commitmentCheckId").singleResult().getValue()).longValue();
  }

  @Test
  void aCommitmentCheckPlanDrawsOnlyBusinessesWithACommitment() {
    List<String> with = List.of(entity(true), entity(true));
    String without = entity(false);
    String plan = plan(true);
    draws.commit(plan, 1, TestClock.now());
    draws.freeze(plan, 1, TestClock.now());
    DrawRecord record = draws.draw(plan, 1, null, TestClock.now());
    List<String> population = record.strata().stream().flatMap(s -> s.population().stream()).toList();
    Assertions.assertThat(population).containsAll(with).doesNotContain(without);
    Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE uscc IN (:u) AND commitment = FALSE")
        .param("u", population).query(Integer.class).single()).isZero();
    Assertions.assertThat(plans.get(plan).populationFilter().commitmentOnly()).isTrue();
  }

  @Test
  void aFalseCommitmentIsPushedBackAndTheChiefOrdersAChangeOfRegistrationWithItsNotice() throws Exception {
    String uscc = entity(true);
    String plan = plan(true);
    ProcessInstance instance = found(plan, uscc, "C", "公示信息隐瞒真实情况弄虚作假", plan + "-0001");

    assertThat(instance).hasPassed("RegisterFinding").isWaitingAt("DecideDisposition");
    assertThat(task(instance)).hasCandidateGroup("market-chief");
    Assertions.assertThat(runtime.getVariable(instance.getId(), "findingLabel")).isEqualTo("信用承诺不实");
    CommitmentChecks.Check check = checks.get(checkId(instance));
    Assertions.assertThat(check.finding()).isEqualTo(CommitmentChecks.FALSE_COMMITMENT);
    Assertions.assertThat(check.facts()).contains("C 公示信息隐瞒真实情况弄虚作假", "承诺的住所与实际不符");
    // pushed back: a warning to the registration authority, being handled
    RiskWarningService.Warning warning = warnings.find(check.warningId()).orElseThrow();
    Assertions.assertThat(warning).extracting(RiskWarningService.Warning::department, RiskWarningService.Warning::source,
        RiskWarningService.Warning::status).containsExactly("market", "department", "CHECKING");
    Assertions.assertThat(warning.description()).startsWith("信用承诺核查推送：信用承诺不实");

    complete(task(instance), "chenjing", withVariables("disposition", "change-registration",
        "changeItems", "住所（经营场所）\n联系电话", "dispositionReason", "承诺住所与实际经营地不一致，企业仍在经营"));

    assertThat(instance).isEnded().hasPassed("IssueNotice", "NoticeIssued").hasNotPassed("AbnormalListing");
    check = checks.get(check.id());
    Assertions.assertThat(check.disposition()).isEqualTo("change-registration");
    Assertions.assertThat(check.decidedBy()).isEqualTo("chenjing");
    Assertions.assertThat(check.noticeNumber()).matches("市场监管局变登〔2026〕\\d+号");
    Assertions.assertThat(warnings.find(check.warningId()).orElseThrow().status()).isEqualTo("CLOSED");
    // the concluded warning feeds back like any other (issue 15, item 2)
    Assertions.assertThat(feedback.history(uscc)).anySatisfy(c -> {
      Assertions.assertThat(c.causeKind()).isEqualTo(CreditFeedback.WARNING);
      Assertions.assertThat(c.outcome()).isEqualTo("handled");
    });

    String text = new PDFTextStripper().getText(Loader.loadPDF(checks.pdf(check.id()))).replaceAll("\\s+", "");
    Assertions.assertThat(text).contains("责令限期办理变更登记通知书", check.noticeNumber(), check.entityName(), uscc,
        "住所（经营场所）", "联系电话", "第二十四条", "三十日内", "六十日内依法申请行政复议", "2026年10月12日");

    TestHttp http = new TestHttp(port);
    HttpResponse<byte[]> pdf = http.getBytes("/staff/entities/" + uscc + "/commitment-checks/" + check.id()
        + "/notice.pdf", "chenjing");
    Assertions.assertThat(pdf.statusCode()).isEqualTo(200);
    Assertions.assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    Assertions.assertThat(http.getBytes("/staff/entities/" + entity(true) + "/commitment-checks/" + check.id()
        + "/notice.pdf", "chenjing").statusCode()).as("another business's page").isEqualTo(404);
    String page = http.get("/staff/entities/" + uscc, "chenjing").body();
    Assertions.assertThat(page).contains("已作出信用承诺", "信用承诺核查", "信用承诺不实", "责令限期办理变更登记",
        check.noticeNumber(), "/staff/entities/" + uscc + "/commitment-checks/" + check.id() + "/notice.pdf");
    Assertions.assertThat(http.get("/api/v1/entities/" + uscc + "/commitment-checks", "chenjing").body())
        .contains("\"disposition\":\"change-registration\"");
  }

  @Test
  void aBusinessNotFoundIsListedOnGroundFourThroughTheAbnormalListingProcess() {
    String uscc = entity(true);
    String plan = plan(true);
    ProcessInstance instance = found(plan, uscc, "6", "通过登记的住所（经营场所）无法联系", plan + "-0002");
    Assertions.assertThat(runtime.getVariable(instance.getId(), "findingLabel"))
        .isEqualTo("通过登记的住所（经营场所）无法联系");

    complete(task(instance), "chenjing", withVariables("disposition", "listing",
        "dispositionReason", "挂号信无人签收，实地核查无经营迹象"));

    assertThat(instance).isWaitingAt("AbnormalListing");
    ProcessInstance listing = calledProcessInstance("abnormal-listing", instance);
    Assertions.assertThat(listing.getBusinessKey()).isEqualTo("commitment-" + checkId(instance));
    Assertions.assertThat(runtime.getVariable(listing.getId(), "ground")).isEqualTo("4");
    Assertions.assertThat(runtime.getVariable(listing.getId(), "department")).isEqualTo("market");
    Assertions.assertThat(runtime.getVariable(listing.getId(), "sourceInspection")).isEqualTo(plan + "-0002");
    Assertions.assertThat((String) runtime.getVariable(listing.getId(), "facts")).contains("挂号信无人签收");
    Assertions.assertThat(checks.get(checkId(instance)).noticeNumber()).as("the listing has its own letter").isNull();
  }

  @Test
  void deregistrationAdviceIsANoticeOfItsOwn() throws Exception {
    String uscc = entity(true);
    String plan = plan(true);
    ProcessInstance instance = found(plan, uscc, "6", "通过登记的住所（经营场所）无法联系", plan + "-0003");
    complete(task(instance), "chenjing", withVariables("disposition", "deregistration-advice",
        "dispositionReason", "企业已停止经营，股东同意注销"));

    assertThat(instance).isEnded().hasPassed("NoticeIssued");
    CommitmentChecks.Check check = checks.get(checkId(instance));
    Assertions.assertThat(check.noticeNumber()).matches("市场监管局注建〔2026〕\\d+号");
    Assertions.assertThat(check.changeItems()).isNull();
    String text = new PDFTextStripper().getText(Loader.loadPDF(checks.pdf(check.id()))).replaceAll("\\s+", "");
    Assertions.assertThat(text).contains("注销登记建议书", check.noticeNumber(), "第三十一条至第三十四条", "简易注销",
        "企业已停止经营", "不是行政处罚决定").doesNotContain("行政复议");
  }

  @Test
  void onlyFindingsOfCommitmentCheckPlansStartItAndOnlyOnce() {
    String uscc = entity(true);
    String ordinary = plan(false);
    String commitment = plan(true);
    Optional<String> ordinaryPlan = tx.execute(s -> checks.startIfFinding(result(ordinary, uscc, "C", "弄虚作假",
        ordinary + "-0001")));
    Optional<String> clean = tx.execute(s -> checks.startIfFinding(result(commitment, uscc, "1", "未发现问题",
        commitment + "-0001")));
    Optional<String> first = tx.execute(s -> checks.startIfFinding(result(commitment, uscc, "6", "无法联系",
        commitment + "-0002")));
    Optional<String> again = tx.execute(s -> checks.startIfFinding(result(commitment, uscc, "6", "无法联系",
        commitment + "-0002")));
    Assertions.assertThat(ordinaryPlan).isEmpty();
    Assertions.assertThat(clean).isEmpty();
    Assertions.assertThat(first).isPresent();
    Assertions.assertThat(again).isEmpty();
    Assertions.assertThat(checks.of(uscc)).hasSize(1);
  }

  @Test
  void onlyTheAuthoritysChiefDecidesWithAChoiceAndReasons() {
    String uscc = entity(true);
    String plan = plan(true);
    ProcessInstance instance = found(plan, uscc, "C", "弄虚作假", plan + "-0004");
    Task decide = task(instance);

    Assertions.assertThatThrownBy(() -> complete(decide, "zhangwei", withVariables("disposition", "listing",
        "dispositionReason", "x"))).isInstanceOf(AuthorizationException.class);
    Assertions.assertThatThrownBy(() -> complete(decide, "chenjing", withVariables("disposition", "fine")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("disposition").hasMessageContaining("dispositionReason");
    Assertions.assertThatThrownBy(() -> complete(decide, "chenjing", withVariables("disposition", "change-registration",
        "dispositionReason", "住所变更未登记"))).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("changeItems");
    assertThat(instance).isWaitingAt("DecideDisposition");
    Assertions.assertThat(checks.get(checkId(instance)).disposition()).isNull();
  }
}
