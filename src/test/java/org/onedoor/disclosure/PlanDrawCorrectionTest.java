package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.draw.DrawService;
import org.onedoor.draw.VerifyDraw;
import org.onedoor.plan.PlanPublished;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Corrections and withdrawals of published plans and draw records through the management API: each
 * is a new version with its reason, visible on the pages, in the JSON API, the CSV downloads and the
 * Atom feed. A plan's public text can be corrected, never its number, year or commitment; a draw
 * record is never edited, only annotated (an erratum) or withdrawn, so it verifies as before.
 */
@OnedoorSpringTest
class PlanDrawCorrectionTest {

  static final String API = "/api/management/v1/disclosures/";
  static final Instant AT = Instant.parse("2026-12-02T02:00:00Z");

  @LocalServerPort int port;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired DrawService draws;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired PublicRecords records;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;
  PublicFixture fixture;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    fixture = new PublicFixture(plans, catalog, events, tx);
    // the changes are made after every publication in the shared database, so they head the feed
    Instant soon = new FeedProjectionRows(jdbc).latestPublication(TestClock.now()).plus(1, ChronoUnit.DAYS)
        .truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(soon));
  }

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  @Test
  void aPlanCorrectionIsANewVersionWithItsReasonOnThePagesTheApiTheCsvAndTheFeed() throws Exception {
    String plan = fixture.publishedPlan("更正前的计划名称", AT);
    HttpResponse<String> corrected = http.post(API + "plans/" + plan + "/corrections", "admin", """
        {"reason":"计划名称和抽查依据录入有误","name":"更正后的计划名称","remarks":"现场检查须出示执法证件",
         "items":[{"department":"market","itemCode":"GK-M1","itemName":"营业执照（登记证）公示情况检查",
                   "legalBasis":"《企业信息公示暂行条例》第十四条"}]}""");
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    JsonNode versions = json.readTree(corrected.body());
    assertThat(versions).hasSize(2);
    assertThat(versions.at("/0/changeKind").asText()).isEqualTo("ORIGINAL");
    assertThat(versions.at("/0/name").asText()).isEqualTo("更正前的计划名称");
    assertThat(versions.at("/1/changeKind").asText()).isEqualTo("CORRECTION");
    assertThat(versions.at("/1/changeReason").asText()).isEqualTo("计划名称和抽查依据录入有误");

    JsonNode api = json.readTree(http.get("/public/api/plans/" + plan, null).body());
    assertThat(api.at("/plan/name").asText()).isEqualTo("更正后的计划名称");
    assertThat(api.at("/plan/version").asInt()).isEqualTo(2);
    assertThat(api.at("/plan/changeKind").asText()).isEqualTo("CORRECTION");
    assertThat(api.at("/plan/remarks").asText()).isEqualTo("现场检查须出示执法证件");
    assertThat(api.at("/plan/planNumber").asText()).isEqualTo(plan);
    assertThat(api.at("/plan/publishedAt").asText()).as("the first publication stays").isEqualTo(AT.toString());
    assertThat(api.get("items").toString()).contains("营业执照（登记证）公示情况检查", "第十四条", "消防安全检查");
    assertThat(api.at("/versions/0/items").toString()).contains("营业执照公示情况检查").doesNotContain("第十四条");
    assertThat(api.at("/versions/1/items").toString()).contains("第十四条");

    String page = http.get("/public/plans/" + plan, null).body();
    assertThat(page).contains("更正后的计划名称", "已更正", "更正原因", "计划名称和抽查依据录入有误", "版本 1", "版本 2",
        "营业执照（登记证）公示情况检查", "现场检查须出示执法证件");
    assertThat(http.get("/public/plans?year=2026", null).body()).contains("更正后的计划名称");
    String csv = new String(http.getBytes("/public/api/plans.csv?year=2026", null).body(), StandardCharsets.UTF_8);
    assertThat(csv).contains(plan + ",2026,更正后的计划名称,").contains(",现场检查须出示执法证件,2,已更正,计划名称和抽查依据录入有误,");
    String feed = http.get("/public/feed.atom", null).body();
    assertThat(feed).contains("【更正】抽查计划公示：更正后的计划名称（" + plan + "）", "更正原因：计划名称和抽查依据录入有误");

    // a second correction is version 3; an unchanged repeat is refused
    assertThat(http.post(API + "plans/" + plan + "/corrections", "admin",
        "{\"reason\":\"备注补充\",\"remarks\":\"现场检查须出示执法证件，检查不收费\"}").statusCode()).isEqualTo(201);
    assertThat(records.findPlan(plan).orElseThrow().version()).isEqualTo(3);
    HttpResponse<String> same = http.post(API + "plans/" + plan + "/corrections", "admin",
        "{\"reason\":\"重复\",\"name\":\"更正后的计划名称\"}");
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.body()).contains("内容与现公示内容相同");
  }

  @Test
  void aPlanCorrectionRefusesTheNumberTheYearTheCommitmentAndBadInputByName() {
    String plan = fixture.publishedPlan("字段校验测试计划", AT);
    String url = API + "plans/" + plan + "/corrections";
    assertField(http.post(url, "admin", "{\"name\":\"新名称\"}"), 400, "reason");
    assertField(http.post(url, "admin", "{\"reason\":\" \",\"name\":\"新名称\"}"), 400, "reason");
    assertField(http.post(url, "admin", "{\"reason\":\"改编号\",\"planNumber\":\"X-1\"}"), 400, "planNumber");
    assertField(http.post(url, "admin", "{\"reason\":\"改年度\",\"year\":2027}"), 400, "year");
    assertField(http.post(url, "admin", "{\"reason\":\"改承诺值\",\"commitment\":\"" + "00".repeat(32) + "\"}"), 400,
        "commitment");
    assertField(http.post(url, "admin", "{\"reason\":\"没有内容\"}"), 400, "name");
    assertField(http.post(url, "admin", "{\"reason\":\"空名称\",\"name\":\"  \"}"), 400, "name");
    assertField(http.post(url, "admin", "{\"reason\":\"不适用\",\"entityName\":\"某公司\"}"), 400, "entityName");
    assertField(http.post(url, "admin",
        "{\"reason\":\"没有的事项\",\"items\":[{\"department\":\"market\",\"itemCode\":\"NO-SUCH\",\"itemName\":\"x\"}]}"),
        400, "items[0].itemCode");
    assertField(http.post(url, "admin",
        "{\"reason\":\"过长\",\"items\":[{\"department\":\"fire\",\"itemCode\":\"GK-F1\",\"methods\":\"" + "查".repeat(501)
            + "\"}]}"), 400, "items[0].methods");
    assertField(http.post(API + "plans/NO-SUCH-PLAN/corrections", "admin", "{\"reason\":\"x\",\"name\":\"y\"}"), 404,
        "id");
    assertField(http.post(API + "plans/NO-SUCH-PLAN/withdrawals", "admin", "{\"reason\":\"x\"}"), 404, "id");
    assertThat(records.findPlan(plan).orElseThrow().version()).as("nothing was changed").isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM public_plan_version WHERE plan_number = :n").param("n", plan)
        .query(Integer.class).single()).isZero();
  }

  @Test
  void aWithdrawnPlanStaysReadableMarkedWithItsReasonAndCannotChangeAgain() throws Exception {
    String plan = fixture.publishedPlan("撤回测试计划", AT);
    HttpResponse<String> withdrawn = http.post(API + "plans/" + plan + "/withdrawals", "admin",
        "{\"reason\":\"计划重复发布，以另一计划为准\"}");
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
    assertThat(json.readTree(withdrawn.body()).at("/1/changeKind").asText()).isEqualTo("WITHDRAWAL");

    String page = http.get("/public/plans/" + plan, null).body();
    assertThat(page).contains("已撤回", "计划重复发布，以另一计划为准", "撤回前公示的内容", "营业执照公示情况检查", "撤回原因");
    assertThat(http.get("/public/plans?year=2026", null).body()).contains("撤回测试计划", "已撤回");
    JsonNode api = json.readTree(http.get("/public/api/plans/" + plan, null).body());
    assertThat(api.at("/plan/changeKind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(api.at("/plan/changeReason").asText()).isEqualTo("计划重复发布，以另一计划为准");
    assertThat(api.at("/plan/name").asText()).as("still readable").isEqualTo("撤回测试计划");
    String csv = new String(http.getBytes("/public/api/plans.csv?year=2026", null).body(), StandardCharsets.UTF_8);
    assertThat(csv).contains(plan + ",2026,撤回测试计划,").contains(",2,已撤回,计划重复发布，以另一计划为准,");
    assertThat(http.get("/public/feed.atom", null).body()).contains("【撤回】抽查计划公示：撤回测试计划（" + plan + "）",
        "原因：计划重复发布，以另一计划为准");

    assertThat(http.post(API + "plans/" + plan + "/corrections", "admin", "{\"reason\":\"x\",\"name\":\"y\"}")
        .statusCode()).isEqualTo(409);
    assertThat(http.post(API + "plans/" + plan + "/withdrawals", "admin", "{\"reason\":\"again\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void aDrawErratumIsANewVersionAndTheRecordStaysByteForByteVerifiable() throws Exception {
    String id = drawnAndPublished();
    String before = http.get("/public/api/draws/" + id, null).body();
    assertThat(VerifyDraw.verify(before).match()).isTrue();

    HttpResponse<String> corrected = http.post(API + "draws/" + id + "/corrections", "admin",
        "{\"reason\":\"抽取日期应为 12 月 1 日（页面说明有误，记录本身无误）\"}");
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    assertThat(json.readTree(corrected.body()).at("/1/changeKind").asText()).isEqualTo("CORRECTION");

    String after = http.get("/public/api/draws/" + id, null).body();
    assertThat(after).as("the record byte for byte").isEqualTo(before);
    assertThat(VerifyDraw.verify(after).match()).isTrue();
    assertThat(DrawPageTest.embedded(http.get("/public/draws/" + id, null).body()))
        .isEqualTo(DrawPageHtml.embedJson(before));
    JsonNode versions = json.readTree(http.get("/public/api/draws/" + id + "/versions", null).body());
    assertThat(versions.at("/draw/version").asInt()).isEqualTo(2);
    assertThat(versions.at("/versions/1/changeReason").asText()).contains("页面说明有误");
    String page = http.get("/public/draws/" + id, null).body();
    assertThat(page).contains("更正说明（版本 2", "页面说明有误", "核验结果不受影响", "版本 1", "版本 2", "id=\"verify\"");
    String plan = id.substring(0, id.lastIndexOf("-b"));
    assertThat(http.get("/public/plans/" + plan, null).body()).contains("有更正说明", "页面说明有误");
    assertThat(new String(http.getBytes("/public/api/draws.csv?plan=" + plan, null).body(), StandardCharsets.UTF_8))
        .contains(id + "," + plan + ",1,已抽取,").contains(",2,已更正,");
    assertThat(http.get("/public/feed.atom", null).body()).contains("【更正】抽取记录公示：计划 " + plan + " 第 1 批",
        "更正说明：抽取日期应为 12 月 1 日");
  }

  @Test
  void aDrawRecordCannotBeEditedOnlyAnnotatedOrWithdrawn() {
    String id = drawnAndPublished();
    String url = API + "draws/" + id + "/corrections";
    assertField(http.post(url, "admin", "{}"), 400, "reason");
    assertField(http.post(url, "admin", "{\"reason\":\"改承诺值\",\"commitment\":\"" + "00".repeat(32) + "\"}"), 400,
        "commitment");
    assertField(http.post(url, "admin", "{\"reason\":\"改名称\",\"name\":\"x\"}"), 400, "name");
    assertField(http.post(url, "admin", "{\"reason\":\"改计划\",\"planNumber\":\"X\"}"), 400, "planNumber");
    assertField(http.post(API + "draws/NO-SUCH-b1/corrections", "admin", "{\"reason\":\"x\"}"), 404, "id");
    assertField(http.post(API + "draws/NO-SUCH-b1/withdrawals", "admin", "{\"reason\":\"x\"}"), 404, "id");
    assertField(http.post(API + "draws/" + id + "/withdrawals", "admin", "{}"), 400, "reason");
    assertField(http.post(API + "reports/" + id + "/withdrawals", "admin", "{\"reason\":\"x\"}"), 400, "kind");
    assertThat(records.findDraw(id).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void aWithdrawnDrawIsMarkedOnTheDrawPageThePlanPageTheJsonTheCsvAndTheFeed() throws Exception {
    String id = drawnAndPublished();
    String plan = id.substring(0, id.lastIndexOf("-b"));
    String record = http.get("/public/api/draws/" + id, null).body();
    HttpResponse<String> withdrawn = http.post(API + "draws/" + id + "/withdrawals", "admin",
        "{\"reason\":\"冻结名单时数据同步异常，本次抽取作废\"}");
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);

    String page = http.get("/public/draws/" + id, null).body();
    assertThat(page).contains("已撤回", "本抽取记录已于", "冻结名单时数据同步异常，本次抽取作废", "撤回原因");
    assertThat(DrawPageTest.embedded(page)).as("still verifiable as history").isEqualTo(DrawPageHtml.embedJson(record));
    assertThat(http.get("/public/api/draws/" + id, null).body()).isEqualTo(record);
    assertThat(http.get("/public/plans/" + plan, null).body()).contains("已撤回", "冻结名单时数据同步异常");
    JsonNode api = json.readTree(http.get("/public/api/plans/" + plan, null).body());
    assertThat(api.at("/draws/0/changeKind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(api.at("/draws/0/changeReason").asText()).isEqualTo("冻结名单时数据同步异常，本次抽取作废");
    assertThat(json.readTree(http.get("/public/api/draws/" + id + "/versions", null).body())
        .at("/versions/1/changeKind").asText()).isEqualTo("WITHDRAWAL");
    assertThat(new String(http.getBytes("/public/api/draws.csv?plan=" + plan, null).body(), StandardCharsets.UTF_8))
        .contains(",2,已撤回,冻结名单时数据同步异常，本次抽取作废,");
    assertThat(http.get("/public/feed.atom", null).body()).contains("【撤回】抽取记录公示：计划 " + plan + " 第 1 批",
        "原因：冻结名单时数据同步异常，本次抽取作废");

    assertThat(http.post(API + "draws/" + id + "/corrections", "admin", "{\"reason\":\"x\"}").statusCode())
        .isEqualTo(409);
    assertThat(http.post(API + "draws/" + id + "/withdrawals", "admin", "{\"reason\":\"x\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void onlyAdministratorsCorrectOrWithdrawPlansAndDraws() {
    String plan = fixture.publishedPlan("权限测试计划", AT);
    for (String path : new String[] {"plans/" + plan + "/corrections", "plans/" + plan + "/withdrawals",
        "draws/" + plan + "-b1/corrections", "draws/" + plan + "-b1/withdrawals"}) {
      assertThat(http.post(API + path, "zhangwei", "{\"reason\":\"x\",\"name\":\"y\"}").statusCode()).as(path)
          .isEqualTo(403);
      assertThat(http.post(API + path, null, "{\"reason\":\"x\",\"name\":\"y\"}").statusCode()).as(path)
          .isEqualTo(401);
    }
    assertThat(records.findPlan(plan).orElseThrow().version()).isEqualTo(1);
  }

  /** A real draw (DrawService) of a plan that is also on the public site. */
  private String drawnAndPublished() {
    String id = new DrawPageFixture(jdbc, catalog, plans, draws).drawn(null);
    fixture.publish(new PlanPublished(id.substring(0, id.lastIndexOf("-b")), TestClock.now()));
    return id;
  }

  private static void assertField(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("\"field\":\"" + field + "\"");
  }
}
