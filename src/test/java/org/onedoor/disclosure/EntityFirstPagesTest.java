package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.disclosure.Disclosures.Correction;
import org.onedoor.disclosure.Disclosures.EntityRecords;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entity page's first page is stored with the entity: after every publication, correction and
 * withdrawal it equals the page read from the result and listing rows, and the public sees a withdrawn
 * record without its content on every page.
 */
@OnedoorSpringTest
class EntityFirstPagesTest {

  static final Instant AT = Instant.parse("2026-12-02T02:00:00Z");

  @LocalServerPort int port;
  @Autowired PublicRecords records;
  @Autowired EntityFirstPages firstPages;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  PublicFixture fixture;
  TestHttp http;

  @BeforeEach
  void setUp() {
    fixture = new PublicFixture(plans, catalog, events, tx);
    http = new TestHttp(port);
  }

  @Test
  void theStoredFirstPageIsThePageReadFromTheRowsAfterEveryChange() throws Exception {
    String uscc = PublicFixture.uscc("9133010021");
    String plan = PublicFixture.number("FP");
    fixture.publish(fixture.result(plan, uscc, "首页存储测试有限公司", "market", "A", "发现问题待后续处理",
        "消防通道堆放杂物", false, LocalDate.of(2026, 11, 2), AT));
    assertStoredIsTheLongWay(uscc);
    fixture.publish(fixture.result(plan, uscc, "首页存储测试有限公司", "fire", "1", "未发现问题", null, false,
        LocalDate.of(2026, 11, 3), AT.plusSeconds(60)));
    assertStoredIsTheLongWay(uscc);
    long listingId = PublicFixture.SEQUENCE.incrementAndGet();
    fixture.publish(fixture.listing(listingId, Kind.LISTED, uscc, "首页存储测试有限公司", "4", LocalDate.of(2026, 11, 20),
        AT.plusSeconds(120)));
    assertStoredIsTheLongWay(uscc);

    EntityRecords page = records.entity(uscc, 0, 20).orElseThrow();
    assertThat(page.entity().results()).isEqualTo(2);
    assertThat(page.entity().listings()).isEqualTo(1);
    long problem = page.results().items().stream().filter(r -> "A".equals(r.resultCode())).findFirst().orElseThrow().id();
    records.correct(PublicRecords.KIND_RESULT, problem, new Correction("备注录入有误", null, null, null, null, null,
        "安全出口被占用", null, null, null, null, null, null, null), AT.plusSeconds(180));
    assertStoredIsTheLongWay(uscc);
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("安全出口被占用", "备注录入有误")
        .doesNotContain("消防通道堆放杂物");

    records.withdraw(PublicRecords.KIND_RESULT, problem, "检查对象认定有误", AT.plusSeconds(240));
    assertStoredIsTheLongWay(uscc);
    JsonNode api = json.readTree(http.get("/public/api/entities/" + uscc, null).body());
    assertThat(api.at("/entity/results").asInt()).as("withdrawn ones are not counted").isEqualTo(1);
    assertThat(api.at("/results/items").findValuesAsText("changeKind")).contains("WITHDRAWAL");
    // the pages show that, when and why it was withdrawn, not what it said (the JSON API did already)
    for (String path : new String[] {"/public/entities/" + uscc, "/public/results?page=0",
        "/public/search?q=" + URLEncoder.encode(uscc, StandardCharsets.UTF_8)}) {
      String body = http.get(path, null).body();
      assertThat(body).as(path).doesNotContain("安全出口被占用");
    }
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("已撤回", "检查对象认定有误", "未发现问题")
        .doesNotContain("发现问题待后续处理");
  }

  @Test
  void anEntityWithMoreThanAPageCountsThemAllAndItsNextPagesAreReadFromTheRows() throws Exception {
    String uscc = PublicFixture.uscc("9133010022");
    String plan = PublicFixture.number("FQ");
    for (int i = 1; i <= 23; i++) {
      fixture.publish(fixture.result(plan, uscc, "多结果测试有限公司", i % 2 == 0 ? "market" : "fire", "1", "未发现问题",
          "第 " + i + " 次", false, LocalDate.of(2026, 1, 1).plusDays(i), AT.plusSeconds(i)));
    }
    assertStoredIsTheLongWay(uscc);
    JsonNode first = json.readTree(http.get("/public/api/entities/" + uscc, null).body());
    assertThat(first.at("/results/items").size()).isEqualTo(20);
    assertThat(first.at("/results/total").asInt()).isEqualTo(23);
    assertThat(first.at("/results/hasNext").asBoolean()).isTrue();
    assertThat(first.at("/results/items/0/remarks").asText()).as("newest first").isEqualTo("第 23 次");
    JsonNode second = json.readTree(http.get("/public/api/entities/" + uscc + "?page=1", null).body());
    assertThat(second.at("/results/items").size()).isEqualTo(3);
    assertThat(second.at("/results/hasNext").asBoolean()).isFalse();
    assertThat(http.get("/public/entities/" + uscc + "?page=1", null).body()).contains("第 1 次")
        .doesNotContain("第 23 次");
  }

  @Test
  void pagesStoredBeforeTheColumnExistedAreReadFromTheRowsUntilTheBackfillStoresThem() throws Exception {
    String uscc = PublicFixture.uscc("9133010023");
    fixture.publish(fixture.result(PublicFixture.number("FR"), uscc, "补录首页测试有限公司", "market", "1", "未发现问题",
        null, false, LocalDate.of(2026, 11, 5), AT));
    String before = http.get("/public/api/entities/" + uscc, null).body();
    jdbc.sql("UPDATE public_entity SET first_page = NULL, first_page_size = NULL WHERE uscc = :u").param("u", uscc)
        .update();
    assertThat(records.storedEntityJson(uscc, 0, 20)).isEmpty();
    var response = http.get("/public/api/entities/" + uscc, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body())).isEqualTo(json.readTree(before));
    assertThat(http.get("/public/entities/" + uscc, null).body()).contains("补录首页测试有限公司", "未发现问题");

    assertThat(firstPages.backfill()).isGreaterThanOrEqualTo(1);
    assertThat(records.storedEntityJson(uscc, 0, 20)).isPresent();
    assertStoredIsTheLongWay(uscc);
    assertThat(records.storedEntityJson(uscc, 0, 5)).as("another page size is read from the rows").isEmpty();
  }

  private void assertStoredIsTheLongWay(String uscc) throws Exception {
    JsonNode stored = json.readTree(records.storedEntityJson(uscc, 0, 20).orElseThrow());
    JsonNode longWay = json.readTree(json.writeValueAsString(records.entityReadTheLongWay(uscc, 0, 20).orElseThrow()));
    assertThat(stored).isEqualTo(longWay);
    var answer = http.get("/public/api/entities/" + uscc, null);
    assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
    assertThat(json.readTree(answer.body())).isEqualTo(stored);
  }
}
