package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.directory.EntityColumn;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.EntityDraft;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** processes/abnormal-listing.bpmn and processes/annual-report-sweep.bpmn */
@OnedoorSpringTest
@RecordApplicationEvents
class AbnormalListingProcessTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Our entities share this prefix: the sweep test keeps only them (the directory is shared). */
  static final String PREFIX = "9133010640";
  static final AtomicInteger NEXT = new AtomicInteger(1);

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired EntityDirectory directory;
  @Autowired Listings listings;
  @Autowired ListingFilings filings;
  @Autowired ListingSweep sweeps;
  @Autowired AnnualReports reports;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;
  @LocalServerPort int port;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
    BpmnAwareTests.reset();
    sweeps.beforeEachListing(null);
  }

  // ------------------------------------------------------------------ listing

  @Test
  void groundFourFromAnInspectionIsVerifiedDraftedReviewedApprovedAndListed() {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("enterprise", "杭州某某贸易有限公司");
    ProcessInstance instance = startFromInspection(uscc, "4");

    assertThat(instance).isWaitingAt("RecordVerification");
    assertThat(task(instance)).hasCandidateGroup("market-inspector");
    complete(task(instance), "zhangwei", Map.of("verifiedOn", "2026-09-28", "verification", "挂号信两次投递均未签收"));
    assertThat(instance).isWaitingAt("DraftDecision");
    assertThat(task(instance).getName()).isEqualTo("拟定列入经营异常名录决定");
    complete(task(instance), "zhangwei", Map.of("facts", "经实地核查，该企业通过登记的住所无法联系", "legalBasis", "《企业信息公示暂行条例》第十七条"));
    assertThat(task(instance)).hasCandidateGroup("market-legal-reviewer");
    complete(task(instance), "zhaomin", Map.of("decision", "approve"));
    assertThat(task(instance)).hasCandidateGroup("market-chief");
    assertThat(task(instance).getName()).isEqualTo("审批：列入经营异常名录");
    assertThat(tasks.getVariable(task(instance).getId(), "decision")).as("the reviewer's answer does not pre-fill the chief's form").isNull();
    complete(task(instance), "chenjing", Map.of("decision", "approve"));
    executeJob(instance, "ListEntity");

    long id = listingId(instance);
    Listings.Listing l = listings.get(id);
    assertThat(l.status()).isEqualTo(Listings.Status.LISTED);
    assertThat(l.listedOn()).isEqualTo(LocalDate.of(2026, 9, 28));
    assertThat(l.source()).isEqualTo("INSPECTION");
    assertThat(l.sourceRef()).isEqualTo("P-2026-001-0001");
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("abnormal");
    assertThat(directory.history(uscc)).last().satisfies(h -> {
      assertThat(h.newStatus()).isEqualTo("abnormal");
      assertThat(h.source()).isEqualTo("listing:" + id);
    });
    ListingDecided listed = decided(id, ListingDecided.Kind.LISTED);
    assertThat(listed.decisionNumber()).matches("市场监管局异〔2026〕\\d+号");
    assertThat(listed.authority()).isEqualTo("市场监管局");
    assertThat(listed.uscc()).isEqualTo(uscc);
    assertThat(listed.entityName()).isEqualTo("杭州某某贸易有限公司");
    assertThat(listed.ground()).isEqualTo("4");
    assertThat(listed.groundLabel()).isEqualTo("通过登记的住所或者经营场所无法联系");
    assertThat(listed.facts()).isEqualTo("经实地核查，该企业通过登记的住所无法联系");
    assertThat(listed.legalBasis()).isEqualTo("《企业信息公示暂行条例》第十七条");
    assertThat(listed.decidedOn()).isEqualTo(LocalDate.of(2026, 9, 28));
    assertThat(listed.arisenOn()).isEqualTo(LocalDate.of(2026, 9, 28));
    assertThat(listed.department()).isEqualTo("market");
    assertThat(listed.individualBusiness()).isFalse();
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied", "ReminderDue");
    assertThat(listings.detail(id).steps()).extracting(Listings.Step::kind)
        .containsExactly("REGISTERED", "VERIFIED", "DRAFTED", "REVIEW_APPROVED", "APPROVED", "LISTED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2", "3", "4"})
  void eachGroundIsListedWithItsLabelAndDefaultLegalBasis(String ground) {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("enterprise", "某某公司" + ground);
    ProcessInstance instance = listThroughTheProcess(uscc, ground);
    ListingDecided listed = decided(listingId(instance), ListingDecided.Kind.LISTED);
    assertThat(listed.ground()).isEqualTo(ground);
    assertThat(listed.groundLabel()).isEqualTo(Listings.GROUNDS.get(ground));
    assertThat(listed.legalBasis()).isEqualTo(listings.properties().legalBasis(ground, false)).isNotBlank();
  }

  @Test
  void legalReviewerReturnsTheDraftAndTheChiefRefusesWithReasons() {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("enterprise", "某某退回公司");
    ProcessInstance instance = startByChief(uscc, "2");
    complete(task(instance), "zhangwei", Map.of("verifiedOn", "2026-09-28", "verification", "责令期满仍未公示"));
    complete(task(instance), "zhangwei", Map.of("facts", "事实", "legalBasis", "依据"));
    assertThatThrownBy(() -> complete(task(instance), "zhaomin", Map.of("decision", "return")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("opinion");
    complete(task(instance), "zhaomin", Map.of("decision", "return", "opinion", "事实不清"));
    assertThat(instance).isWaitingAt("DraftDecision");
    complete(task(instance), "zhangwei", Map.of("facts", "补充后的事实", "legalBasis", "依据"));
    complete(task(instance), "zhaomin", Map.of("decision", "approve"));
    complete(task(instance), "chenjing", Map.of("decision", "refuse", "opinion", "已在期限内补正"));

    assertThat(instance).isEnded().hasPassed("NotListed");
    Listings.Listing l = listings.get(listingId(instance));
    assertThat(l.status()).isEqualTo(Listings.Status.NOT_LISTED);
    assertThat(l.closeReason()).isEqualTo("已在期限内补正");
    assertThat(listings.activeListing(uscc, "2")).isEmpty();
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("active");
  }

  @Test
  void approvalIsDueTenWorkingDaysAfterVerificationAcrossNationalDayAndEscalatedTwoWorkingDaysBefore() {
    // verified Mon 2026-09-28; 1–7 Oct off, Sat 10 Oct worked: 29, 30 Sep, 8, 9, 10, 12–16 Oct -> 16 Oct
    clock(2026, 9, 28, 10, 0);
    ProcessInstance instance = startByChief(entity("enterprise", "某某期限公司"), "2");
    complete(task(instance), "zhangwei", Map.of("verifiedOn", "2026-09-28", "verification", "责令期满仍未公示"));

    assertThat(listings.get(listingId(instance)).decisionDeadline()).isEqualTo(LocalDate.of(2026, 10, 16));
    assertThat(task(instance).getDueDate()).isEqualTo(at(2026, 10, 16, 23, 59, 59));
    Job escalation = management.createJobQuery().processInstanceId(instance.getId()).activityId("DecisionDue").singleResult();
    assertThat(escalation.getDuedate()).isEqualTo(at(2026, 10, 14, 23, 59, 59));

    clock(2026, 10, 15, 9, 0);
    management.executeJob(escalation.getId());
    assertThat(task(instance).getPriority()).isEqualTo(EscalateDecisionDelegate.ESCALATED_PRIORITY);
    assertThat(instance).isWaitingAt("DraftDecision");
    assertThat(listings.detail(listingId(instance)).steps()).extracting(Listings.Step::kind).contains("ESCALATED");
  }

  // ------------------------------------------------------------------ objection

  @Test
  void objectionAcceptedWithinFiveWorkingDaysVerifiedWithinTwentyAndUpheldRevokesTheListing() {
    clock(2026, 9, 15, 10, 0);
    String uscc = entity("enterprise", "某某异议成立公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "4");
    long id = listingId(instance);
    assertThat(listings.get(id).objectionWindowEnds()).isEqualTo(LocalDate.of(2026, 10, 15));

    clock(2026, 9, 29, 10, 0);
    filings.fileObjection(id, LocalDate.of(2026, 9, 29), "已在登记住所正常经营，附租赁合同", "租赁合同", "zhangwei", now());
    assertThat(instance).isWaitingAt("AcceptObjection");
    // 30 Sep, 8, 9, 10 (Sat, worked), 12 Oct
    assertThat(task(instance).getDueDate()).isEqualTo(at(2026, 10, 12, 23, 59, 59));

    clock(2026, 10, 9, 10, 0);
    assertThatThrownBy(() -> complete(task(instance), "chenjing", Map.of("decision", "accept")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("opinion");
    complete(task(instance), "chenjing", Map.of("decision", "accept", "opinion", "材料齐全，予以受理"));
    assertThat(instance).isWaitingAt("VerifyObjection");
    // 20 working days from 9 Oct: 10, 12–16, 19–23, 26–30 Oct, 2–5 Nov
    assertThat(task(instance).getDueDate()).isEqualTo(at(2026, 11, 5, 23, 59, 59));

    complete(task(instance), "zhangwei", Map.of("decision", "upheld", "opinion", "实地核查可以联系，原列入依据不足"));
    executeJob(instance, "RevokeListing");

    assertThat(instance).isEnded().hasPassed("RevokedEnd");
    assertThat(listings.get(id).status()).isEqualTo(Listings.Status.REVOKED);
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("active");
    ListingDecided revoked = decided(id, ListingDecided.Kind.REVOKED);
    assertThat(revoked.reason()).isEqualTo("实地核查可以联系，原列入依据不足");
    assertThat(revoked.decidedOn()).isEqualTo(LocalDate.of(2026, 10, 9));
    assertThat(listings.activeListing(uscc, "4")).isEmpty();
  }

  @Test
  void objectionNotAcceptedOrNotUpheldKeepsTheListingAndPublishesTheRejection() {
    clock(2026, 9, 15, 10, 0);
    String uscc = entity("enterprise", "某某异议驳回公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "4");
    long id = listingId(instance);

    clock(2026, 9, 16, 10, 0);
    filings.fileObjection(id, LocalDate.of(2026, 9, 16), "不服", null, "zhangwei", now());
    complete(task(instance), "chenjing", Map.of("decision", "reject", "opinion", "未提交任何证明材料，不予受理"));
    executeJob(instance, "NotifyObjectionRejected");
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied", "ReminderDue");
    assertThat(decided(id, ListingDecided.Kind.OBJECTION_REJECTED).reason()).isEqualTo("未提交任何证明材料，不予受理");

    filings.fileObjection(id, LocalDate.of(2026, 9, 16), "补充材料后再次提出", "照片", "zhangwei", now());
    complete(task(instance), "chenjing", Map.of("decision", "accept", "opinion", "受理"));
    complete(task(instance), "zhangwei", Map.of("decision", "rejected", "opinion", "复核仍无法联系"));
    executeJob(instance, "NotifyObjectionRejected");

    assertThat(listings.get(id).status()).isEqualTo(Listings.Status.LISTED);
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("abnormal");
    assertThat(decisions(id, ListingDecided.Kind.OBJECTION_REJECTED)).hasSize(2);
    assertThat(listings.detail(id).objections()).extracting(Listings.Objection::status)
        .containsExactly("NOT_ACCEPTED", "REJECTED");
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied", "ReminderDue");
  }

  @Test
  void objectionWindowIsThirtyCalendarDaysRolledPastNationalDayAndRefusedOutsideNamingTheWindow() throws Exception {
    // listed Sat 2026-09-05: 30 calendar days -> Mon 5 Oct, a holiday -> the next working day, Thu 8 Oct
    clock(2026, 9, 5, 10, 0);
    String uscc = entity("enterprise", "某某异议期限公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "4");
    long id = listingId(instance);
    assertThat(listings.get(id).objectionWindowEnds()).isEqualTo(LocalDate.of(2026, 10, 8));

    clock(2026, 10, 9, 10, 0);
    TestHttp http = new TestHttp(port);
    var late = http.post("/api/v1/listings/" + id + "/objections", "zhangwei",
        "{\"filedOn\":\"2026-10-09\",\"content\":\"不服\"}");
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(late.body()).contains("\"field\":\"filedOn\"").contains("30 日内").contains("2026-09-05 至 2026-10-08");
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied", "ReminderDue");

    var inTime = http.post("/api/v1/listings/" + id + "/objections", "zhangwei",
        "{\"filedOn\":\"2026-10-08\",\"content\":\"已恢复联系\",\"evidence\":\"照片\"}");
    assertThat(inTime.statusCode()).as(inTime.body()).isEqualTo(201);
    assertThat(instance).isWaitingAt("AcceptObjection");

    var second = http.post("/api/v1/listings/" + id + "/objections", "zhangwei",
        "{\"filedOn\":\"2026-10-08\",\"content\":\"再次提出\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    var otherDepartment = http.post("/api/v1/listings/" + id + "/objections", "sunli",
        "{\"filedOn\":\"2026-10-08\",\"content\":\"x\"}");
    assertThat(otherDepartment.statusCode()).isEqualTo(403);
  }

  // ------------------------------------------------------------------ removal

  @Test
  void removalOnGroundTwoIsDecidedWithinFiveWorkingDaysOfTheApplication() {
    clock(2026, 9, 1, 10, 0);
    String uscc = entity("enterprise", "某某移出公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "2");
    long id = listingId(instance);

    clock(2026, 9, 29, 10, 0);
    filings.applyForRemoval(id, LocalDate.of(2026, 9, 29), null, "已公示责令公示的信息", "zhangwei", now());
    assertThat(instance).isWaitingAt("DecideRemoval");
    // 30 Sep, 8, 9, 10 (Sat, worked), 12 Oct
    assertThat(task(instance).getDueDate()).isEqualTo(at(2026, 10, 12, 23, 59, 59));
    assertThat(task(instance).getName()).isEqualTo("审批：移出经营异常名录");
    complete(task(instance), "chenjing", Map.of("decision", "remove"));
    executeJob(instance, "RemoveListing");

    assertThat(instance).isEnded().hasPassed("RemovedEnd");
    Listings.Listing l = listings.get(id);
    assertThat(l.status()).isEqualTo(Listings.Status.REMOVED);
    assertThat(l.removalCode()).isEqualTo("2");
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("active");
    ListingDecided removed = decided(id, ListingDecided.Kind.REMOVED);
    assertThat(removed.reasonCode()).isEqualTo("2");
    assertThat(removed.reason()).startsWith("已履行即时信息公示义务");
  }

  @Test
  void removalOnGroundFourIsDecidedWithinFiveWorkingDaysOfTheVerificationAndMayBeRefusedFirst() {
    clock(2026, 9, 1, 10, 0);
    String uscc = entity("enterprise", "某某住所公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "4");
    long id = listingId(instance);

    clock(2026, 9, 10, 10, 0);
    assertThatThrownBy(() -> filings.applyForRemoval(id, LocalDate.of(2026, 9, 10), "1", "已年报", "zhangwei", now()))
        .hasMessageContaining("reasonCode");
    filings.applyForRemoval(id, LocalDate.of(2026, 9, 10), "4", "已办理住所变更登记", "zhangwei", now());
    assertThat(instance).isWaitingAt("VerifyRemedy");
    complete(task(instance), "zhangwei", Map.of("verification", "新住所实地核查无人"));
    assertThatThrownBy(() -> complete(task(instance), "chenjing", Map.of("decision", "refuse")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("opinion");
    complete(task(instance), "chenjing", Map.of("decision", "refuse", "opinion", "仍无法联系"));
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied", "ReminderDue");

    clock(2026, 9, 28, 10, 0);
    filings.applyForRemoval(id, LocalDate.of(2026, 9, 28), "4", "已恢复联系", "zhangwei", now());
    clock(2026, 9, 30, 10, 0);
    complete(task(instance), "zhangwei", Map.of("verification", "可以联系"));
    // verified 30 Sep: 8, 9, 10 (Sat, worked), 12, 13 Oct
    assertThat(task(instance).getDueDate()).isEqualTo(at(2026, 10, 13, 23, 59, 59));
    complete(task(instance), "chenjing", Map.of("decision", "remove"));
    executeJob(instance, "RemoveListing");

    assertThat(instance).isEnded().hasPassed("RemovedEnd");
    assertThat(decided(id, ListingDecided.Kind.REMOVED).reasonCode()).isEqualTo("4");
    assertThat(listings.detail(id).removals()).extracting(Listings.Removal::status).containsExactly("REFUSED", "APPROVED");
  }

  @Test
  void removingOrRevokingTwiceIsRefusedWith409() {
    clock(2026, 9, 1, 10, 0);
    String uscc = entity("enterprise", "某某重复移出公司");
    ProcessInstance instance = listThroughTheProcess(uscc, "2");
    long id = listingId(instance);
    filings.applyForRemoval(id, LocalDate.of(2026, 9, 1), "2", "已公示", "zhangwei", now());
    complete(task(instance), "chenjing", Map.of("decision", "remove"));
    executeJob(instance, "RemoveListing");
    long removalId = listings.detail(id).removals().get(0).id();

    assertThatThrownBy(() -> listings.remove(id, removalId, "chenjing", now())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> listings.revoke(id, 1L, "chenjing", now())).isInstanceOf(ConflictException.class);
    TestHttp http = new TestHttp(port);
    assertThat(http.post("/api/v1/listings/" + id + "/removal-applications", "zhangwei",
        "{\"appliedOn\":\"2026-09-01\",\"remedy\":\"再次申请\"}").statusCode()).isEqualTo(409);
    assertThat(http.post("/api/v1/listings/" + id + "/objections", "zhangwei",
        "{\"filedOn\":\"2026-09-01\",\"content\":\"x\"}").statusCode()).isEqualTo(409);
    assertThat(decisions(id, ListingDecided.Kind.REMOVED)).hasSize(1);
  }

  // ------------------------------------------------------------------ three years

  @Test
  void threeYearReminderComesSixtyDaysBeforeTheAnniversaryAndByDefaultAChiefDecides() {
    assertThat(listings.properties().seriousListPolicy()).isEqualTo(ListingProperties.SeriousListPolicy.CHIEF_DECIDES);
    clock(2026, 3, 2, 10, 0);
    ProcessInstance instance = listThroughTheProcess(entity("enterprise", "某某三年公司"), "1");
    long id = listingId(instance);

    // third anniversary 2029-03-02; 60 calendar days before it: 2029-01-01
    Job reminder = timer(instance, "ReminderDue");
    assertThat(reminder.getDuedate()).isEqualTo(at(2029, 1, 1, 9, 0, 0));
    clock(2029, 1, 1, 9, 0);
    management.executeJob(reminder.getId());
    assertThat(instance).isWaitingAt("ThreeYearReminder");
    complete(task(instance), "zhangwei", Map.of("reminderNote", "已在公示系统提醒"));
    Job anniversary = timer(instance, "AnniversaryReached");
    assertThat(anniversary.getDuedate()).isEqualTo(at(2029, 3, 2, 9, 0, 0));
    clock(2029, 3, 2, 9, 0);
    management.executeJob(anniversary.getId());
    executeJob(instance, "ApplySeriousListPolicy");

    assertThat(instance).isWaitingAt("DecideSeriousListing");
    // 2029 has no State Council notice yet: Monday to Friday, 10 working days -> Fri 16 Mar
    assertThat(task(instance).getDueDate()).isEqualTo(at(2029, 3, 16, 9, 0, 0));
    complete(task(instance), "chenjing", Map.of("decision", "list"));
    executeJob(instance, "SeriousList");

    assertThat(instance).isEnded().hasPassed("SeriousListedEnd");
    assertThat(listings.get(id).status()).isEqualTo(Listings.Status.SERIOUS_LISTED);
    assertThat(decided(id, ListingDecided.Kind.SERIOUS_LISTED).decidedOn()).isEqualTo(LocalDate.of(2029, 3, 2));
  }

  @Test
  void threeYearRuleWithTheAutomaticPolicyListsOnTheSeriousListWithoutAChief() {
    clock(2026, 3, 2, 10, 0);
    ProcessInstance instance = listThroughTheProcess(entity("enterprise", "某某自动转列公司"), "1");
    long id = listingId(instance);
    runtime.setVariable(instance.getId(), "seriousListPolicy", "AUTOMATIC");
    management.executeJob(timer(instance, "ReminderDue").getId());
    complete(task(instance), "zhangwei", Map.of());
    clock(2029, 3, 2, 9, 0);
    management.executeJob(timer(instance, "AnniversaryReached").getId());
    executeJob(instance, "ApplySeriousListPolicy");
    executeJob(instance, "SeriousList");

    assertThat(instance).isEnded().hasPassed("SeriousListedEnd").hasNotPassed("DecideSeriousListing");
    assertThat(listings.get(id).status()).isEqualTo(Listings.Status.SERIOUS_LISTED);
  }

  @Test
  void chiefMayKeepTheEntityOnTheAbnormalListAfterThreeYears() {
    clock(2026, 3, 2, 10, 0);
    ProcessInstance instance = listThroughTheProcess(entity("enterprise", "某某维持公司"), "1");
    management.executeJob(timer(instance, "ReminderDue").getId());
    complete(task(instance), "zhangwei", Map.of());
    management.executeJob(timer(instance, "AnniversaryReached").getId());
    executeJob(instance, "ApplySeriousListPolicy");
    complete(task(instance), "chenjing", Map.of("decision", "keep", "opinion", "已开始补报，暂不转列"));

    assertThat(instance).hasPassed("KeptListed").isWaitingAt("ObjectionFiled", "RemovalApplied");
    assertThat(listings.get(listingId(instance)).status()).isEqualTo(Listings.Status.LISTED);
  }

  // ------------------------------------------------------------------ individual businesses

  @Test
  void individualBusinessIsMarkedAbnormalWithItsOwnWordingAndNoThreeYearTransfer() {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("individual", "某某小吃店");
    ProcessInstance instance = startFromInspection(uscc, "4");
    complete(task(instance), "zhangwei", Map.of("verifiedOn", "2026-09-28", "verification", "经营场所无法联系"));
    assertThat(task(instance).getName()).isEqualTo("拟定标记为经营异常状态决定");
    complete(task(instance), "zhangwei", Map.of("facts", "通过登记的经营场所无法联系", "legalBasis", "《个体工商户年度报告暂行办法》第十三条"));
    complete(task(instance), "zhaomin", Map.of("decision", "approve"));
    assertThat(task(instance).getName()).isEqualTo("审批：标记为经营异常状态");
    complete(task(instance), "chenjing", Map.of("decision", "approve"));
    executeJob(instance, "ListEntity");

    ListingDecided marked = decided(listingId(instance), ListingDecided.Kind.LISTED);
    assertThat(marked.individualBusiness()).isTrue();
    assertThat(marked.groundLabel()).isEqualTo("通过登记的经营场所无法联系");
    assertThat(instance).hasPassed("NoTransfer").isWaitingAt("ObjectionFiled", "RemovalApplied");
    assertThat(runtime.getVariable(instance.getId(), "removalAction")).isEqualTo("恢复正常记载状态");
    assertThat(directory.find(uscc).orElseThrow().status()).isEqualTo("abnormal");
  }

  // ------------------------------------------------------------------ consistency

  @Test
  void oneActiveListingPerEntityAndGround() {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("enterprise", "某某唯一公司");
    ProcessInstance first = listThroughTheProcess(uscc, "4");
    ProcessInstance second = startFromInspection(uscc, "4");

    assertThat(second).isEnded().hasPassed("NothingToList");
    assertThat(runtime.getVariable(first.getId(), "listingId")).isNotNull();
    assertThat(BpmnAwareTests.historyService().createHistoricVariableInstanceQuery().processInstanceId(second.getId())
        .variableName("existingListingId").singleResult().getValue()).isEqualTo(listingId(first));
    assertThatThrownBy(() -> listings.insert(uscc, "x", false, "4", "market", "CHIEF", null, "chenjing", "f", "b", null, now()))
        .isInstanceOf(DuplicateKeyException.class);
    ProcessInstance otherGround = startFromInspection(uscc, "2");
    assertThat(otherGround).isWaitingAt("RecordVerification");
  }

  @Test
  void deregisteringTheEntityEndsItsOpenCasesCleanly() {
    clock(2026, 9, 28, 10, 0);
    String proposedUscc = entity("enterprise", "某某注销甲公司");
    String listedUscc = entity("enterprise", "某某注销乙公司");
    ProcessInstance proposed = startFromInspection(proposedUscc, "4");
    ProcessInstance listed = listThroughTheProcess(listedUscc, "4");

    deregister(proposedUscc);
    deregister(listedUscc);

    assertThat(proposed).isEnded().hasPassed("ListingEnded");
    assertThat(listed).isEnded().hasPassed("ListingEnded");
    assertThat(listings.get(listingId(proposed)).status()).isEqualTo(Listings.Status.ENDED);
    assertThat(listings.get(listingId(listed)).status()).isEqualTo(Listings.Status.ENDED);
    assertThat(listings.activeListing(listedUscc, "4")).isEmpty();
    assertThat(management.createJobQuery().processInstanceId(listed.getId()).count()).isZero();
    assertThat(decisions(listingId(listed), ListingDecided.Kind.REVOKED)).isEmpty();
    ProcessInstance afterwards = startFromInspection(listedUscc, "4");
    assertThat(afterwards).isEnded().hasPassed("NothingToList");
  }

  @Test
  void startByChiefThroughTheApiAndTheStaffApiListsFiltersAndShowsTheHistory() {
    clock(2026, 9, 28, 10, 0);
    String uscc = entity("enterprise", "某某接口公司");
    TestHttp http = new TestHttp(port);
    assertThat(http.post("/api/v1/listings", "zhangwei",
        "{\"uscc\":\"" + uscc + "\",\"ground\":\"2\",\"department\":\"market\"}").statusCode()).isEqualTo(403);
    var bad = http.post("/api/v1/listings", "chenjing", "{\"uscc\":\"" + uscc + "\",\"ground\":\"9\",\"department\":\"market\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"ground\"");
    var started = http.post("/api/v1/listings", "chenjing",
        "{\"uscc\":\"" + uscc + "\",\"ground\":\"2\",\"facts\":\"责令公示期满未公示\",\"department\":\"market\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    assertThat(started.body()).contains("\"registration\":\"new\"");

    var page = http.get("/api/v1/listings?status=PROPOSED&ground=2&uscc=" + uscc, "zhangwei");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("\"total\":1").contains(uscc).contains("\"initiator\":\"chenjing\"");
    long id = listings.history(uscc).get(0).id();
    assertThat(http.get("/api/v1/listings/" + id, "zhangwei").body()).contains("\"steps\"").contains("REGISTERED");
    assertThat(http.get("/api/v1/entities/" + uscc + "/listings", "zhangwei").body()).contains("\"id\":" + id);
    assertThat(http.get("/api/v1/listings?status=NOPE", "zhangwei").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/listings?size=201", "zhangwei").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/listings/999999999", "zhangwei").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/listings", null).statusCode()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ annual-report sweep

  @Test
  void annualReportSweepListsThousandsInChunksSurvivesACrashInTheMiddleAndDoublesNothing() {
    clock(2026, 7, 1, 9, 0);
    int n = 2_000;
    List<String> ours = new ArrayList<>();
    List<EntityDirectory.Change> changes = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    List<String> individual = new ArrayList<>();
    List<String> notYetDue = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String uscc = uscc();
      ours.add(uscc);
      Map<EntityColumn, String> cells = new HashMap<>();
      cells.put(EntityColumn.USCC, uscc);
      cells.put(EntityColumn.NAME, "年报测试企业" + i);
      cells.put(EntityColumn.TYPE, i % 10 == 5 ? "individual" : "enterprise");
      cells.put(EntityColumn.ESTABLISHED_ON, i % 50 == 1 ? "2026-01-05" : "2020-01-01");
      cells.put(EntityColumn.STATUS, i % 100 == 3 ? "deregistered" : "active");
      if (i % 10 == 5) {
        individual.add(uscc);
      }
      if (i % 50 == 1) {
        notYetDue.add(uscc);
      }
      if (i % 100 == 3) {
        gone.add(uscc);
      }
      if (i % 2 == 0 || i % 7 == 2) {
        reported.add(uscc);
      }
      changes.add(new EntityDirectory.Change(EntityDraft.parse(cells).draft(), null));
    }
    for (int from = 0; from < n; from += 500) {
      directory.write(changes.subList(from, Math.min(n, from + 500)), "test", now());
    }
    reports.recordAll(reported.stream().map(u -> new AnnualReports.NewReport(u, 2025, LocalDate.of(2026, 5, 10))).toList(),
        "test", now());

    ListingSweep.Sweep sweep = sweeps.start(2025, now());
    assertThat(sweeps.start(2025, now()).id()).as("one sweep per year").isEqualTo(sweep.id());
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(sweep.processInstanceId()).singleResult();
    executeJob(instance, "FreezeCandidates");
    // the directory is shared with other test classes and this class's other tests (whose entities may or may not
    // be candidates by now, as the classes ran): keep only this test's entities, numbered one after another
    jdbc.sql("DELETE FROM listing_sweep_entity WHERE sweep_id = :id AND (uscc < :first OR uscc > :last)")
        .param("id", sweep.id()).param("first", ours.get(0)).param("last", ours.get(n - 1)).update();
    int expected = (int) ours.stream()
        .filter(u -> !reported.contains(u) && !notYetDue.contains(u) && !gone.contains(u)).count();
    int frozen = jdbc.sql("SELECT COUNT(*) FROM listing_sweep_entity WHERE sweep_id = :id").param("id", sweep.id())
        .query(Integer.class).single();
    assertThat(frozen).isEqualTo(expected).isGreaterThan(800);
    jdbc.sql("UPDATE listing_sweep SET candidates = :c WHERE id = :id").param("c", frozen).param("id", sweep.id()).update();

    assertThat(instance).isWaitingAt("ApproveSweep");
    assertThat(task(instance)).hasCandidateGroup("market-chief");
    complete(task(instance), "chenjing", Map.of("decision", "approve"));

    // the 500th listing throws: its chunk (the third of 200) rolls back, the job fails
    AtomicInteger seen = new AtomicInteger();
    boolean[] crashed = {false};
    sweeps.beforeEachListing(uscc -> {
      if (seen.incrementAndGet() == 500 && !crashed[0]) {
        crashed[0] = true;
        throw new IllegalStateException("simulated crash");
      }
    });
    int failures = 0;
    long started = System.nanoTime();
    for (int round = 0; round < 100; round++) {
      Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("ListChunk").singleResult();
      if (job == null) {
        break;
      }
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException e) {
        failures++;
        assertThat(jdbc.sql("SELECT COUNT(*) FROM listing_sweep_entity WHERE sweep_id = :id AND outcome IS NOT NULL")
            .param("id", sweep.id()).query(Integer.class).single()).as("only whole chunks committed").isEqualTo(400);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("annual-report sweep: %d listed in %.1f s (%.0f/s)%n", frozen, seconds, frozen / seconds);

    assertThat(failures).isEqualTo(1);
    assertThat(instance).isEnded().hasPassed("SweepDone");
    ListingSweep.Sweep done = sweeps.get(sweep.id());
    assertThat(done.status()).isEqualTo("DONE");
    assertThat(done.listed()).isEqualTo(frozen);
    assertThat(done.skipped()).isZero();
    Map<String, Object> counts = jdbc.sql("""
            SELECT COUNT(*) AS n, COUNT(DISTINCT uscc) AS distinct_n, SUM(CASE WHEN individual_business THEN 1 ELSE 0 END) AS ind
            FROM listing WHERE source = 'SWEEP' AND source_ref = 'annual-report-2025' AND uscc LIKE :p
            """).param("p", PREFIX + "%").query().singleRow();
    assertThat(((Number) counts.get("N")).intValue()).isEqualTo(frozen);
    assertThat(((Number) counts.get("DISTINCT_N")).intValue()).isEqualTo(frozen);
    assertThat(((Number) counts.get("IND")).intValue())
        .isEqualTo((int) individual.stream().filter(u -> !reported.contains(u) && !gone.contains(u) && !notYetDue.contains(u)).count());
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Listings.PROCESS)
        .processInstanceBusinessKeyLike("annual-report-2025-%").count()).isEqualTo(frozen);
    String sample = ours.stream().filter(u -> !reported.contains(u) && !gone.contains(u) && !notYetDue.contains(u))
        .findFirst().orElseThrow();
    Listings.Listing l = listings.history(sample).get(0);
    assertThat(l.status()).isEqualTo(Listings.Status.LISTED);
    assertThat(l.initiator()).isEqualTo("chenjing");
    assertThat(directory.find(sample).orElseThrow().status()).isEqualTo("abnormal");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(l.processInstanceId()).singleResult()).isNotNull();
    assertThat(BpmnAwareTests.runtimeService().createProcessInstanceQuery().processInstanceId(l.processInstanceId())
        .activityIdIn("ObjectionFiled").count()).isEqualTo(1);
    assertThat(listings.history(reported.get(0))).isEmpty();
    assertThat(listings.history(gone.get(0))).isEmpty();

    // a second run lists nothing more
    assertThat(sweeps.listChunk(sweep.id(), 200, now()).complete()).isTrue();
    assertThat(sweeps.get(sweep.id()).listed()).isEqualTo(frozen);
  }

  // ------------------------------------------------------------------ helpers

  String uscc() {
    String first17 = PREFIX + String.format("%07d", NEXT.getAndIncrement());
    return first17 + Uscc.checkCharacter(first17);
  }

  String entity(String type, String name) {
    String uscc = uscc();
    directory.upsert(Map.of(EntityColumn.USCC, uscc, EntityColumn.NAME, name, EntityColumn.TYPE, type), "test", null, now());
    return uscc;
  }

  private void deregister(String uscc) {
    var e = directory.find(uscc).orElseThrow();
    directory.upsert(Map.of(EntityColumn.USCC, uscc, EntityColumn.NAME, e.name(), EntityColumn.TYPE, e.type(),
        EntityColumn.STATUS, "deregistered"), "import:test", "注销登记", now());
  }

  private ProcessInstance startFromInspection(String uscc, String ground) {
    Map<String, Object> v = new HashMap<>();
    v.put("uscc", uscc);
    v.put("entityName", directory.find(uscc).orElseThrow().name());
    v.put("ground", ground);
    v.put("facts", "联合检查发现");
    v.put("department", "market");
    v.put("sourceInspection", "P-2026-001-0001");
    v.put("initiator", "zhangwei");
    return runtime.createProcessInstanceByKey(Listings.PROCESS).businessKey("P-2026-001-0001-market").setVariables(v).execute();
  }

  private ProcessInstance startByChief(String uscc, String ground) {
    identity.setAuthentication("chenjing", List.of("role-chief", "market-chief", "market"));
    try {
      return forms.submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
              .processDefinitionKey(Listings.PROCESS).latestVersion().singleResult().getId(),
          Map.of("uscc", uscc, "ground", ground, "department", "market", "facts", "责令公示期满未公示"));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Through verification, draft, review and approval to listed, all on the current engine day. */
  ProcessInstance listThroughTheProcess(String uscc, String ground) {
    ProcessInstance instance = startFromInspection(uscc, ground);
    String today = ClockUtil.now().toInstant().atZone(ZONE).toLocalDate().toString();
    complete(task(instance), "zhangwei", Map.of("verifiedOn", today, "verification", "核实"));
    complete(task(instance), "zhangwei", Map.of("facts", "事实" + ground, "legalBasis", listings.properties().legalBasis(ground, false)));
    complete(task(instance), "zhaomin", Map.of("decision", "approve"));
    complete(task(instance), "chenjing", Map.of("decision", "approve"));
    executeJob(instance, "ListEntity");
    assertThat(instance).isWaitingAt("ObjectionFiled", "RemovalApplied");
    return instance;
  }

  Task task(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  void complete(Task task, String user, Map<String, Object> variables) {
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      forms.submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  void executeJob(ProcessInstance instance, String activityId) {
    Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
    assertThat(job).as("job of " + activityId).isNotNull();
    management.executeJob(job.getId());
  }

  private Job timer(ProcessInstance instance, String activityId) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(activityId).singleResult();
  }

  long listingId(ProcessInstance instance) {
    return ((Number) BpmnAwareTests.historyService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("listingId").singleResult().getValue()).longValue();
  }

  private List<ListingDecided> decisions(long listingId, ListingDecided.Kind kind) {
    return events.stream(ListingDecided.class).filter(e -> e.listingId() == listingId && e.kind() == kind).toList();
  }

  private ListingDecided decided(long listingId, ListingDecided.Kind kind) {
    List<ListingDecided> found = decisions(listingId, kind);
    assertThat(found).as(kind + " events of listing " + listingId).hasSize(1);
    return found.get(0);
  }

  static java.time.Instant now() {
    return ClockUtil.now().toInstant();
  }

  static void clock(int y, int m, int d, int h, int min) {
    ClockUtil.setCurrentTime(at(y, m, d, h, min, 0));
  }

  private static Date at(int y, int m, int d, int h, int min, int s) {
    return Date.from(LocalDateTime.of(y, m, d, h, min, s).atZone(ZONE).toInstant());
  }
}
