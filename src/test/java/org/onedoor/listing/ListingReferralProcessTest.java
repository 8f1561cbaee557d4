package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionSection;
import org.onedoor.listing.letter.LetterFont;
import org.onedoor.listing.letter.LetterProperties;
import org.onedoor.listing.letter.LetterRenderer;
import org.onedoor.listing.letter.LetterWording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Issue 14, defects 3, 5, 6 and 8: the registration authority (market) decides the one case of a
 * business that several departments found cannot be contacted; the others' findings reach it as
 * referrals (抄告); every decision form shows what it decides on; deadlines show as Beijing dates and
 * are never written back; the removal letter states the removal's facts and article.
 */
@OnedoorSpringTest
@RecordApplicationEvents
class ListingReferralProcessTest {

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired Listings listings;
  @Autowired ListingFilings filings;
  @Autowired ListingProperties properties;
  @Autowired ApplicationEvents events;
  @Autowired List<InspectionSection> sections;
  AbnormalListingProcessTest listing;

  @BeforeEach
  void setUp() {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
  }

  @AfterEach
  void tearDown() {
    listing.tearDown();
  }

  /** What joint-inspection's call activity passes when a department records code 6 (ground 4). */
  ProcessInstance codeSixFrom(String inspection, String department, String recorder, String uscc) {
    Map<String, Object> v = new HashMap<>();
    v.put("uscc", uscc);
    v.put("entityName", listing.directory.find(uscc).orElseThrow().name());
    v.put("ground", "4");
    v.put("facts", "检查结果 6：通过登记的住所（经营场所）无法联系");
    v.put("department", department);
    v.put("sourceInspection", inspection);
    v.put("initiator", recorder);
    return listing.runtime.createProcessInstanceByKey(Listings.PROCESS).businessKey(inspection + "-" + department)
        .setVariables(v).execute();
  }

  Map<String, Object> shown(Task task) {
    VariableMap variables = forms.getTaskFormVariables(task.getId());
    Map<String, Object> plain = new HashMap<>();
    variables.forEach(plain::put);
    return plain;
  }

  @Test
  void cultureAndMarketBothFindCodeSixOneCaseDecidedByMarketWithCulturesReferralAndLegalReviewByMarket() {
    AbnormalListingProcessTest.clock(2026, 12, 7, 10, 0);
    String uscc = listing.entity("enterprise", "某某抄告测试有限公司");
    String inspection = "P-2026-914-0001";

    // culture's branch arrives first (as it did in the issue), then market's
    ProcessInstance culture = codeSixFrom(inspection, "culture", "sunli", uscc);
    ProcessInstance market = codeSixFrom(inspection, "market", "zhangwei", uscc);

    assertThat(listings.history(uscc)).as("one case for the business").hasSize(1);
    Listings.Listing l = listings.history(uscc).get(0);
    assertThat(l.department()).isEqualTo("market");
    assertThat(l.status()).isEqualTo(Listings.Status.PROPOSED);
    assertThat(market).isEnded().hasPassed("NothingToList");
    assertThat(culture).isWaitingAt("RecordVerification");
    assertThat(listing.task(culture)).hasCandidateGroup("market-inspector");
    assertThat(listings.referrals(l.id())).satisfiesExactly(
        r -> {
          assertThat(r.department()).isEqualTo("culture");
          assertThat(r.referral()).isTrue();
          assertThat(r.referredBy()).isEqualTo("sunli");
          assertThat(r.sourceInspection()).isEqualTo(inspection);
          assertThat(r.referredAt()).isEqualTo(AbnormalListingProcessTest.now());
        },
        r -> {
          assertThat(r.department()).isEqualTo("market");
          assertThat(r.referral()).isFalse();
        });
    var detail = new TestHttp(port).get("/api/v1/listings/" + l.id(), "chenjing");
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains("\"referrals\":[{").contains("\"department\":\"culture\",\"departmentName\":\"文化和旅游局\",\"referral\":true")
        .contains("\"referredBy\":\"sunli\"").contains("\"decidingName\":\"市场监管局\"");
    assertThat(listings.detail(l.id()).steps()).extracting(Listings.Step::kind)
        .containsExactly("REGISTERED", "REFERRED", "FOUND");
    assertThat(String.valueOf(shown(listing.task(culture)).get("referralsText")))
        .contains("文化和旅游局抄告（2026年12月7日，孙丽，联合检查 " + inspection + "）").contains("市场监管局检查发现");

    // the inspection file says who lists
    InspectionSection section = sections.stream().filter(s -> s.key().equals("listings")).findFirst().orElseThrow();
    assertThat(section.table(inspection).rows()).satisfiesExactly(
        row -> assertThat(row).startsWith("文化和旅游局", "抄告市场监管局（登记机关）").contains("市场监管局"),
        row -> assertThat(row).startsWith("市场监管局", "本部门作为登记机关办理"));
    // and links the one case's staff page (where its objection and removal are registered)
    assertThat(section.links(inspection)).singleElement().satisfies(link -> {
      assertThat(link.label()).isEqualTo("打开经营异常案件（第 " + l.id() + " 号）");
      assertThat(link.href()).isEqualTo("/staff/listings/" + l.id());
    });

    listing.complete(listing.task(culture), "zhangwei", Map.of("verifiedOn", "2026-12-07", "verification", "挂号信未签收"));
    Task draft = listing.task(culture);
    Map<String, Object> draftShows = shown(draft);
    assertThat(draftShows.get("decisionDeadlineText")).asString().startsWith("2026年12月21日");
    assertThat(draftShows.get("decisionDeadlineNote")).as("2026's notice is in the data: no note").isEqualTo("");
    assertThat(draftShows.get("returnOpinion")).isEqualTo("");
    // Tasklist sends the read-only fields back as shown: they are never written
    Map<String, Object> submitted = new HashMap<>(Map.of("facts", "经实地核查无法联系", "legalBasis",
        properties.legalBasis("4", false)));
    submitted.put("decisionDeadlineText", draftShows.get("decisionDeadlineText"));
    submitted.put("uscc", uscc);
    listing.complete(draft, "zhangwei", submitted);
    Task review = listing.task(culture);
    assertThat(review).hasCandidateGroup("market-legal-reviewer");
    assertThat(listing.runtime.getVariable(culture.getId(), "decisionDeadline")).isInstanceOf(Date.class);
    assertThat(review.getDueDate()).as("end of 21 Dec in Beijing, not 8 hours later")
        .isEqualTo(Date.from(LocalDateTime.of(2026, 12, 21, 23, 59, 59).atZone(AbnormalListingProcessTest.ZONE).toInstant()));

    listing.complete(review, "zhaomin", Map.of("decision", "return", "opinion", "请写明两次投递的日期"));
    assertThat(String.valueOf(shown(listing.task(culture)).get("returnOpinion")))
        .contains("法制审核退回").contains("赵敏").contains("请写明两次投递的日期");
    listing.complete(listing.task(culture), "zhangwei", Map.of("facts", "12月1日、12月3日两次投递均未签收",
        "legalBasis", properties.legalBasis("4", false)));
    listing.complete(listing.task(culture), "zhaomin", Map.of("decision", "approve", "opinion", "事实清楚，依据正确"));
    Task approve = listing.task(culture);
    assertThat(approve).hasCandidateGroup("market-chief");
    assertThat(String.valueOf(shown(approve).get("legalReviewOpinion"))).contains("法制审核通过").contains("赵敏")
        .contains("事实清楚，依据正确");
    listing.complete(approve, "chenjing", Map.of("decision", "approve"));
    listing.executeJob(culture, "ListEntity");

    ListingDecided listed = events.stream(ListingDecided.class)
        .filter(e -> e.listingId() == l.id() && e.kind() == ListingDecided.Kind.LISTED).findFirst().orElseThrow();
    assertThat(listed.department()).isEqualTo("market");
    assertThat(listed.authority()).isEqualTo("市场监管局");
    assertThat(listed.decisionNumber()).startsWith("市场监管局异");

    // the objection and its evidence on 受理审查异议 and 核实异议
    AbnormalListingProcessTest.clock(2026, 12, 9, 10, 0);
    filings.fileObjection(l.id(), LocalDate.of(2026, 12, 9), "已在登记住所正常经营", "房屋租赁合同、水电费单据",
        "chenjing", AbnormalListingProcessTest.now());
    Task accept = listing.task(culture);
    assertThat(accept.getTaskDefinitionKey()).isEqualTo("AcceptObjection");
    assertThat(shown(accept)).containsEntry("objectionContent", "已在登记住所正常经营")
        .containsEntry("objectionEvidence", "房屋租赁合同、水电费单据");
    listing.complete(accept, "chenjing", Map.of("decision", "accept", "opinion", "材料齐全，予以受理"));
    Task verify = listing.task(culture);
    assertThat(shown(verify)).containsEntry("objectionContent", "已在登记住所正常经营")
        .containsEntry("objectionEvidence", "房屋租赁合同、水电费单据");
    assertThat(String.valueOf(shown(verify).get("objectionAcceptOpinion"))).contains("材料齐全，予以受理");
  }

  @Test
  void aDecisionDeadlineInAYearWithoutTheStateCouncilNoticeIsShownWithANoteOnEveryDecisionForm() {
    AbnormalListingProcessTest.clock(2027, 12, 27, 10, 0);
    String uscc = listing.entity("enterprise", "某某跨年期限有限公司");
    ProcessInstance market = codeSixFrom("P-2027-915-0001", "market", "zhangwei", uscc);
    listing.complete(listing.task(market), "zhangwei", Map.of("verifiedOn", "2027-12-27", "verification", "挂号信未签收"));

    Map<String, Object> draftShows = shown(listing.task(market));
    assertThat(draftShows.get("decisionDeadlineText")).asString().startsWith("2028年");
    assertThat(draftShows.get("decisionDeadlineNote"))
        .isEqualTo("该年度国务院放假通知尚未发布，期限按法定节假日计算，调休安排公布后可能调整。");

    Map<String, Object> submitted = new HashMap<>(Map.of("facts", "经实地核查无法联系", "legalBasis",
        properties.legalBasis("4", false)));
    // Tasklist sends the read-only note back as shown: it is never written
    submitted.put("decisionDeadlineNote", draftShows.get("decisionDeadlineNote"));
    listing.complete(listing.task(market), "zhangwei", submitted);
    Task review = listing.task(market);
    assertThat(review.getTaskDefinitionKey()).isEqualTo("LegalReview");
    assertThat(shown(review).get("decisionDeadlineNote")).asString().contains("国务院放假通知尚未发布");
    assertThat(listing.runtime.getVariable(market.getId(), "decisionDeadlineNote")).isNull();
  }

  @Test
  void theRemovalLetterStatesTheRemedyAndTheRemovalArticleAndTheDeciderSeesTheVerification() throws Exception {
    AbnormalListingProcessTest.clock(2026, 9, 1, 10, 0);
    String uscc = listing.entity("enterprise", "某某移出决定书有限公司");
    ProcessInstance instance = listing.listThroughTheProcess(uscc, "4");
    long id = listing.listingId(instance);

    AbnormalListingProcessTest.clock(2026, 9, 10, 10, 0);
    filings.applyForRemoval(id, LocalDate.of(2026, 9, 10), "4", "已办理住所变更登记", "zhangwei",
        AbnormalListingProcessTest.now());
    Task verifyRemedy = listing.task(instance);
    assertThat(shown(verifyRemedy)).containsEntry("removalRemedy", "已办理住所变更登记");
    listing.complete(verifyRemedy, "zhangwei", Map.of("verification", "新住所实地核查可以联系"));
    Task decide = listing.task(instance);
    assertThat(decide.getTaskDefinitionKey()).isEqualTo("DecideRemoval");
    assertThat(String.valueOf(shown(decide).get("remedyVerification"))).contains("2026年9月10日核实：新住所实地核查可以联系");
    listing.complete(decide, "chenjing", Map.of("decision", "remove"));
    listing.executeJob(instance, "RemoveListing");

    ListingDecided removed = events.stream(ListingDecided.class)
        .filter(e -> e.listingId() == id && e.kind() == ListingDecided.Kind.REMOVED).findFirst().orElseThrow();
    assertThat(removed.legalBasis()).contains("第十四条").doesNotContain("第九条");
    assertThat(removed.facts()).contains("已办理住所变更登记").contains("经核实，新住所实地核查可以联系")
        .doesNotContain("事实4");
    LetterFont font = new LetterFont();
    byte[] pdf = new LetterRenderer(font).render(LetterWording.compose(removed, new LetterProperties(null, null),
        font::covers), removed.at());
    String text;
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
    }
    assertThat(text).contains("经查，你单位于2026年9月10日申请移出经营异常名录，称已办理住所变更登记。")
        .contains("经核实，新住所实地核查可以联系").contains("第十四条").doesNotContain("第九条").doesNotContain("事实4");
  }

  @Test
  void onlyTheRegistrationAuthorityMayBeChosenToListInTheStartFormAndTheApi() throws Exception {
    JsonNode form = new ObjectMapper().readTree(new File("forms/listing-start.form"));
    JsonNode department = null;
    for (JsonNode c : form.get("components")) {
      if ("department".equals(c.path("key").asText())) {
        department = c;
      }
    }
    assertThat(department).isNotNull();
    assertThat(department.get("type").asText()).isEqualTo("select");
    assertThat(department.get("values")).singleElement()
        .satisfies(v -> assertThat(v.get("value").asText()).isEqualTo(properties.registrationAuthority()));

    AbnormalListingProcessTest.clock(2026, 9, 28, 10, 0);
    String uscc = listing.entity("enterprise", "某某文旅自行列入公司");
    var refused = new TestHttp(port).post("/api/v1/listings", "wuhao",
        "{\"uscc\":\"" + uscc + "\",\"ground\":\"2\",\"facts\":\"责令公示期满未公示\",\"department\":\"culture\"}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"department\"").contains("登记机关");
    assertThat(listings.history(uscc)).isEmpty();
  }
}
