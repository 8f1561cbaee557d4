package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.disclosure.Disclosures.ChangeKind;
import org.onedoor.disclosure.Disclosures.PublicResult;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.plan.PlanLifecycle;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The projection is written from the domain events, in their transaction, and versioned on change. */
@OnedoorSpringTest
class DisclosureProjectionTest {

  @LocalServerPort int port;
  @Autowired PublicRecords records;
  @Autowired PlanService plans;
  @Autowired PlanLifecycle lifecycle;
  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  PublicFixture fixture;
  TestHttp http;

  static final Instant AT = Instant.parse("2026-12-02T02:00:00Z");

  @BeforeEach
  void setUp() {
    fixture = new PublicFixture(plans, catalog, events, tx);
    http = new TestHttp(port);
  }

  @Test
  void aPublishedPlanIsCopiedWithItsCatalogueItemsAndItsDeadline() {
    String plan = fixture.publishedPlan("2026年公示测试联合抽查计划", AT);

    var published = records.plan(plan, 0, 20).orElseThrow();
    assertThat(published.plan().leadAuthority()).isEqualTo("市场监管局");
    assertThat(published.plan().authorities()).containsExactly("市场监管局", "消防救援支队");
    assertThat(published.plan().batches()).hasSize(1);
    assertThat(published.plan().arisenOn()).isEqualTo(LocalDate.of(2026, 12, 2));
    assertThat(published.plan().deadline()).as("20 working days").isEqualTo(LocalDate.of(2026, 12, 30));
    assertThat(published.plan().publishedAt()).isEqualTo(AT);
    assertThat(published.items()).extracting(Disclosures.PlanItem::itemName)
        .containsExactlyInAnyOrder("营业执照公示情况检查", "消防安全检查");

    fixture.publish(new org.onedoor.plan.PlanPublished(plan, AT.plusSeconds(60)));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM public_plan_item WHERE plan_number = :n").param("n", plan)
        .query(Integer.class).single()).as("published once").isEqualTo(2);
  }

  @Test
  void aDrawOwesAResultPerEntityAndDepartmentUntilItIsApprovedConfidentialOnesIncluded() {
    String plan = fixture.publishedPlan("义务测试计划", AT);
    String a = PublicFixture.uscc("9133010011");
    String b = PublicFixture.uscc("9133010011");
    String drawId = fixture.drawn(plan, AT, a, b);

    assertThat(records.findDraw(drawId)).get().extracting(Disclosures.PublicDraw::commitment).isEqualTo("ab".repeat(32));
    assertThat(records.drawRecordJson(drawId)).get().asString().contains(a);
    assertThat(owed(plan)).as("2 entities × market and fire").isEqualTo(4);

    fixture.publish(fixture.result(plan, a, "义务测试商行", "market", "1", "未发现问题", null, false,
        LocalDate.of(2026, 12, 10), AT));
    fixture.publish(fixture.result(plan, a, "义务测试商行", "fire", "1", "未发现问题", "机密备注ZX91", true,
        LocalDate.of(2026, 12, 10), AT));
    assertThat(owed(plan)).isEqualTo(2);
    assertThat(records.entity(a, 0, 20).orElseThrow().results().items()).as("the confidential one is not published")
        .extracting(PublicResult::department).containsExactly("market");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM public_result WHERE remarks LIKE '%ZX91%'").query(Integer.class).single())
        .isZero();
  }

  @Test
  void aResultNoticeCarriesTheR8FieldsItsDeadlineAndItsPublicationMoment() {
    String uscc = PublicFixture.uscc("9133010012");
    var event = fixture.result("RS-PLAN", uscc, "结果测试有限公司", "market", "E", "发现问题经责令已改正",
        "已当场整改", false, LocalDate.of(2026, 9, 28), AT);
    fixture.publish(event);

    PublicResult r = records.entity(uscc, 0, 20).orElseThrow().results().items().get(0);
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.changeKind()).isEqualTo(ChangeKind.ORIGINAL);
    assertThat(r.taskNumber()).isEqualTo(event.taskNumber());
    assertThat(r.deadline()).as("20 working days after 28 Sep 2026, over the National Day holiday")
        .isEqualTo(LocalDate.of(2026, 10, 30));
    assertThat(r.publishedAt()).isEqualTo(AT);

    fixture.publish(event);
    assertThat(records.resultVersions(r.id())).as("the same approval again changes nothing").hasSize(1);
    fixture.publish(new org.onedoor.inspection.ResultApproved(event.planNumber(), event.planName(), event.taskNumber(),
        event.taskName(), event.inspectionType(), event.department(), event.authority(), event.entityName(), uscc,
        event.completedOn(), "1", "未发现问题", null, false, AT.plusSeconds(3600)));
    assertThat(records.resultVersions(r.id())).as("approved again with other content: a correction")
        .extracting(PublicResult::changeKind).containsExactly(ChangeKind.ORIGINAL, ChangeKind.CORRECTION);
  }

  @Test
  void onlyPublicListingDecisionsArePublishedAndTheListFollowsTheNewestDecision() {
    String uscc = PublicFixture.uscc("9133010013");
    long listingId = PublicFixture.SEQUENCE.incrementAndGet();
    fixture.publish(fixture.listing(listingId, Kind.LISTED, uscc, "名录测试有限公司", "4", LocalDate.of(2026, 3, 2), AT));
    fixture.publish(fixture.listing(listingId, Kind.OBJECTION_REJECTED, uscc, "名录测试有限公司", "4",
        LocalDate.of(2026, 4, 1), AT));
    assertThat(records.listingHistory(listingId)).extracting(Disclosures.PublicListing::decisionKind)
        .containsExactly("LISTED");
    assertThat(records.abnormalList("LISTED", null, null, null, uscc, 0, 20).items())
        .extracting(Disclosures.AbnormalEntry::statusLabel).containsExactly("在列");

    fixture.publish(fixture.listing(listingId, Kind.REMOVED, uscc, "名录测试有限公司", "4", LocalDate.of(2026, 6, 1), AT));
    assertThat(records.abnormalList("LISTED", null, null, null, uscc, 0, 20).items()).isEmpty();
    var removed = records.abnormalList("REMOVED", "4", "market", 2026, uscc, 0, 20).items();
    assertThat(removed).hasSize(1);
    assertThat(removed.get(0).listedOn()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(records.findEntity(uscc)).get().extracting(Disclosures.EntitySummary::listings).isEqualTo(2);
  }

  @Test
  void correctionsAndWithdrawalsAreNewVersionsWithAReasonVisibleOnThePublicSide() throws Exception {
    String uscc = PublicFixture.uscc("9133010014");
    fixture.publish(fixture.result("CW-PLAN", uscc, "更正测试有限公司", "market", "A", "发现问题待后续处理",
        "待后续处理", false, LocalDate.of(2026, 11, 2), AT));
    long id = records.entity(uscc, 0, 20).orElseThrow().results().items().get(0).id();

    HttpResponse<String> noReason = http.post("/api/management/v1/disclosures/results/" + id + "/corrections", "admin",
        "{\"resultCode\":\"1\",\"resultLabel\":\"未发现问题\"}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    assertThat(http.post("/api/management/v1/disclosures/results/" + id + "/corrections", "zhangwei",
        "{\"reason\":\"x\"}").statusCode()).as("administrators only").isEqualTo(403);

    HttpResponse<String> corrected = http.post("/api/management/v1/disclosures/results/" + id + "/corrections", "admin",
        "{\"reason\":\"录入错误，更正检查结果\",\"resultCode\":\"1\",\"resultLabel\":\"未发现问题\"}");
    assertThat(corrected.statusCode()).isEqualTo(201);
    JsonNode api = json.readTree(http.get("/public/api/results/" + id, null).body());
    assertThat(api.at("/current/version").asInt()).isEqualTo(2);
    assertThat(api.at("/current/changeKind").asText()).isEqualTo("CORRECTION");
    assertThat(api.at("/current/changeReason").asText()).isEqualTo("录入错误，更正检查结果");
    assertThat(api.at("/versions/0/resultLabel").asText()).isEqualTo("发现问题待后续处理");
    String page = http.get("/public/results/" + id, null).body();
    assertThat(page).contains("已更正", "录入错误，更正检查结果", "未发现问题", "原始公示");

    HttpResponse<String> withdrawn = http.post("/api/management/v1/disclosures/results/" + id + "/withdrawals", "admin",
        "{\"reason\":\"检查对象认定有误\"}");
    assertThat(withdrawn.statusCode()).isEqualTo(201);
    JsonNode after = json.readTree(http.get("/public/api/entities/" + uscc, null).body());
    assertThat(after.at("/results/items/0/changeKind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(after.at("/results/items/0/resultLabel").isNull()).as("a withdrawn notice shows no result").isTrue();
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("已撤回", "检查对象认定有误")
        .doesNotContain("发现问题待后续处理");
    assertThat(http.post("/api/management/v1/disclosures/results/" + id + "/withdrawals", "admin",
        "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
    assertThat(http.post("/api/management/v1/disclosures/things/" + id + "/withdrawals", "admin",
        "{\"reason\":\"x\"}").statusCode()).isEqualTo(400);
    assertThat(http.post("/api/management/v1/disclosures/results/999999999/withdrawals", "admin",
        "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(records.findEntity(uscc)).get().extracting(Disclosures.EntitySummary::results).isEqualTo(0);
  }

  @Test
  void aFailingProjectionRollsThePublicationBackAndTheRetryPublishesItOnce() {
    fixture.publishedPlan("回滚测试占位计划", AT); // makes sure the catalogue items exist
    String plan = PublicFixture.number("RB");
    plans.create(new org.onedoor.plan.Plans.PlanRequest(2026, plan, "回滚测试计划", "untargeted", "market",
        List.of(new org.onedoor.plan.Plans.DepartmentItems("market", List.of("GK-M1"))),
        org.onedoor.plan.Plans.PopulationFilter.any(), 2, false,
        List.of(new org.onedoor.plan.Plans.BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), false, false, null, java.util.Map.of()), "chenjing", PublicFixture.DRAFTED);
    jdbc.sql("UPDATE plan_plan SET status = :s WHERE number = :n").param("s", PlanLifecycle.IN_SIGN_OFF)
        .param("n", plan).update();
    // a stale publication row makes the projection's write fail (unique key), as a database fault would
    jdbc.sql("INSERT INTO disclosure_publication (kind, record_key, department, arisen_on, deadline, published_at,"
            + " published_on, on_time) VALUES ('plan', :n, 'market', DATE '2026-12-01', DATE '2026-12-29', :at,"
            + " DATE '2026-12-01', TRUE)")
        .param("n", plan).param("at", java.sql.Timestamp.from(AT)).update();

    assertThatThrownBy(() -> lifecycle.publish(plan)).isInstanceOf(RuntimeException.class);
    assertThat(plans.get(plan).status()).as("the publication rolled back: the engine will retry it")
        .isEqualTo(PlanLifecycle.IN_SIGN_OFF);
    assertThat(records.findPlan(plan)).isEmpty();

    jdbc.sql("DELETE FROM disclosure_publication WHERE kind = 'plan' AND record_key = :n").param("n", plan).update();
    lifecycle.publish(plan); // the retry
    assertThat(plans.get(plan).status()).isEqualTo(PlanLifecycle.PUBLISHED);
    assertThat(records.findPlan(plan)).isPresent();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_publication WHERE kind = 'plan' AND record_key = :n")
        .param("n", plan).query(Integer.class).single()).isEqualTo(1);
  }

  private int owed(String plan) {
    return jdbc.sql("SELECT COUNT(*) FROM disclosure_obligation WHERE plan_number = :n AND fulfilled_at IS NULL")
        .param("n", plan).query(Integer.class).single();
  }
}
