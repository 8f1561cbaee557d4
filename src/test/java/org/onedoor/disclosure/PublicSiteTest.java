package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.plan.PlanService;
import org.onedoor.security.OrganisationProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The public site over realistic data: pages, search, pagination, 404s, escaping, and (R8) a scan of
 * every public response for what must never be published.
 */
@OnedoorSpringTest
class PublicSiteTest {

  @LocalServerPort int port;
  @Autowired PublicRecords records;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired OrganisationProperties organisation;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  static final Instant AT = Instant.parse("2026-12-02T02:00:00Z");
  static final String CONFIDENTIAL = "保密备注QK7731";
  static final String SCRIPT_NAME = "<script>alert(\"x\")</script>脚本测试商行";

  /** Built once for the class: a plan, its draw, 25 results, listings, a confidential result. */
  static Data data;

  record Data(String plan, String drawId, List<String> usccs, String scriptUscc, long resultId, long listingRecord,
      String prefix) {}

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    if (data == null) {
      data = load();
    }
  }

  Data load() {
    PublicFixture f = new PublicFixture(plans, catalog, events, tx);
    seedDemoInspectors();
    String prefix = "公示站测试" + PublicFixture.SEQUENCE.incrementAndGet();
    String plan = f.publishedPlan("2026年公示站测试联合抽查计划", AT);
    List<String> usccs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      usccs.add(PublicFixture.uscc("9133010021"));
    }
    String script = PublicFixture.uscc("9133010022");
    // the commitment published with the plan, then the record carrying it (as DrawService publishes them)
    f.publish(new org.onedoor.draw.DrawCommitted(plan + "-b1", plan, 1, "ab".repeat(32),
        "{\"algorithm\":\"onedoor-draw-v1\",\"planNumber\":\"" + plan + "\",\"batch\":1,\"commitment\":\""
            + "ab".repeat(32) + "\"}", AT));
    String drawId = f.drawn(plan, AT, usccs.toArray(String[]::new));
    // a corrected plan and an annotated draw record: their versions are on the scanned pages too
    records.correctPlan(plan, new Disclosures.Correction("补充备注", null, null, null, null, null, "检查时出示执法证件",
        null, null, null, null, null, null, null), AT.plusSeconds(30));
    records.correctDraw(drawId, new Disclosures.Correction("抽取说明补充", null, null, null, null, null, null, null,
        null, null, null, null, null, null), AT.plusSeconds(40));
    for (int i = 0; i < 25; i++) {
      String uscc = usccs.get(i);
      seedDirectoryEntity(uscc, prefix + "餐饮有限公司" + i);
      f.publish(f.result(plan, uscc, prefix + "餐饮有限公司" + i, "market", i % 5 == 0 ? "A" : "1",
          i % 5 == 0 ? "发现问题待后续处理" : "未发现问题", i % 5 == 0 ? "责令限期改正" : null, false,
          LocalDate.of(2026, 12, 3), AT.plusSeconds(i)));
    }
    f.publish(f.result(plan, usccs.get(1), prefix + "餐饮有限公司1", "fire", "6", "通过登记的住所（经营场所）无法联系",
        CONFIDENTIAL, true, LocalDate.of(2026, 12, 3), AT));
    f.publish(f.result(plan, script, SCRIPT_NAME, "market", "1", "未发现问题", "<b>备注</b>", false,
        LocalDate.of(2026, 12, 3), AT));
    long listingId = PublicFixture.SEQUENCE.incrementAndGet();
    f.publish(f.listing(listingId, Kind.LISTED, usccs.get(2), prefix + "餐饮有限公司2", "4", LocalDate.of(2026, 12, 4), AT));
    long listingRecord = records.listingHistory(listingId).get(0).id();
    long resultId = records.entity(usccs.get(0), 0, 20).orElseThrow().results().items().get(0).id();
    return new Data(plan, drawId, usccs, script, resultId, listingRecord, prefix);
  }

  /**
   * The demo inspectors with (fictional) ID numbers and phones, as the demo slice loads them. Only those whose role
   * is inspector: a chief in the shared inspector directory would be matched to other tests' inspections.
   */
  void seedDemoInspectors() {
    int i = 0;
    for (OrganisationProperties.StaffMember m : organisation.demoUsers()) {
      i++;
      if (jdbc.sql("SELECT COUNT(*) FROM directory_inspector WHERE staff_number = :s").param("s", m.id())
          .query(Integer.class).single() > 0 || m.department() == null || !m.roles().contains("inspector")) {
        continue;
      }
      jdbc.sql("""
          INSERT INTO directory_inspector (staff_number, name, department, unit, region, certificate_number,
              certificate_expiry, qualifications, expert, active, id_number, phone, created_at, updated_at)
          VALUES (:s, :n, :d, '西湖区所', '西湖区', :c, DATE '2028-12-31', '', FALSE, TRUE, :id, :p, :t, :t)""")
          .param("s", m.id()).param("n", m.name()).param("d", m.department()).param("c", "ZF" + (330100 + i))
          .param("id", String.format("33010219800101%04d", 1000 + i)).param("p", String.format("1380571%04d", i))
          .param("t", Timestamp.from(TestClock.now())).update();
    }
  }

  void seedDirectoryEntity(String uscc, String name) {
    jdbc.sql("""
        INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
            legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
        VALUES (:u, :n, 'enterprise', '餐饮', '', '西湖区所', '西湖区', '临江市某路1号', '法人甲', 'active', 'D', 'high', '',
            FALSE, :t, :t)""")
        .param("u", uscc).param("n", name).param("t", Timestamp.from(TestClock.now())).update();
  }

  @Test
  void theHomePageSearchesByNameOrUsccAndLeadsToTheEntity() {
    HttpResponse<String> home = http.get("/public", null);
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
    assertThat(home.body()).contains("<html lang=\"zh-CN\">", "<label for=\"q\">", "name=\"viewport\"",
        "action=\"/public/search\"").doesNotContain("<script");

    String byName = http.get("/public/search?q=" + enc(data.prefix() + "餐饮有限公司1"), null).body();
    assertThat(byName).contains(data.prefix() + "餐饮有限公司1", data.usccs().get(1), data.prefix() + "餐饮有限公司10");
    String byUscc = http.get("/public/search?q=" + data.usccs().get(3).toLowerCase(), null).body();
    assertThat(byUscc).contains("/public/entities/" + data.usccs().get(3)).contains(data.prefix() + "餐饮有限公司3");
    String byPrefix = http.get("/public/search?q=" + data.usccs().get(3).substring(0, 16), null).body();
    assertThat(byPrefix).contains(data.usccs().get(3));

    String entity = http.get("/public/entities/" + data.usccs().get(2), null).body();
    assertThat(entity).contains("<h1>" + data.prefix() + "餐饮有限公司2</h1>", "双随机抽查检查结果", "经营异常名录信息",
        "列入经营异常名录", "通过登记的住所或者经营场所无法联系", "公开抽查测试计划", "应公示期限");
  }

  @Test
  void searchPagesAndTheApiArePaginated() throws Exception {
    JsonNode first = json.readTree(http.get("/public/api/search?q=" + enc(data.prefix()) + "&size=10", null).body());
    assertThat(first.get("items")).hasSize(10);
    assertThat(first.get("hasNext").asBoolean()).isTrue();
    JsonNode third = json.readTree(http.get("/public/api/search?q=" + enc(data.prefix()) + "&size=10&page=2", null).body());
    assertThat(third.get("items")).hasSize(5);
    assertThat(third.get("hasNext").asBoolean()).isFalse();

    String planPage = http.get("/public/plans/" + data.plan(), null).body();
    assertThat(planPage).contains("营业执照公示情况检查", "消防安全检查", "/public/draws/" + data.drawId(),
        "第 1 / 2 页", "rel=\"next\"", "共 26 条");
    // check methods by their Chinese names, not their codes
    assertThat(planPage).contains("现场检查、书面检查").doesNotContain("on-site", "documents");
    String second = http.get("/public/plans/" + data.plan() + "?page=1", null).body();
    assertThat(second).contains("第 2 / 2 页", "rel=\"prev\"");
    JsonNode api = json.readTree(http.get("/public/api/plans/" + data.plan() + "?size=5", null).body());
    assertThat(api.at("/results/total").asInt()).isEqualTo(26);
    assertThat(api.at("/items")).hasSize(2);
    assertThat(api.at("/draws/0/drawId").asText()).isEqualTo(data.drawId());

    assertThat(http.get("/public/api/search?q=x&size=101", null).statusCode()).isEqualTo(400);
    assertThat(http.get("/public/search?q=" + "长".repeat(51), null).statusCode()).isEqualTo(400);
    assertThat(http.get("/public/plans?page=-1", null).body()).contains("输入有误", "page");
  }

  /** The count of an entity's results is counted, or known from a page that ends the list: the same either way. */
  @Test
  void anEntitysResultCountIsTheSameOnEveryPage() throws Exception {
    String uscc = data.usccs().get(2);
    JsonNode whole = json.readTree(http.get("/public/api/entities/" + uscc, null).body());
    int n = whole.at("/results/items").size();
    assertThat(n).isPositive();
    assertThat(whole.at("/results/total").asInt()).isEqualTo(n);
    assertThat(whole.at("/results/hasNext").asBoolean()).isFalse();
    for (int page : new int[] {0, n - 1, n + 3}) {
      JsonNode one = json.readTree(http.get("/public/api/entities/" + uscc + "?size=1&page=" + page, null).body());
      assertThat(one.at("/results/total").asInt()).as("page %d of size 1", page).isEqualTo(n);
      assertThat(one.at("/results/hasNext").asBoolean()).as("page %d of size 1", page).isEqualTo(page < n - 1);
    }
  }

  @Test
  void theAbnormalListFiltersByStatusGroundDepartmentYearAndName() throws Exception {
    String page = http.get("/public/abnormal-list?status=LISTED&ground=4&department=market&year=2026&q="
        + enc(data.prefix()), null).body();
    assertThat(page).contains(data.prefix() + "餐饮有限公司2", "在列", "<label for=\"status\">", "<label for=\"ground\">");
    assertThat(http.get("/public/abnormal-list?status=REMOVED&q=" + enc(data.prefix()), null).body())
        .doesNotContain(data.prefix() + "餐饮有限公司2");
    JsonNode api = json.readTree(http.get("/public/api/abnormal-list?q=" + data.usccs().get(2), null).body());
    assertThat(api.at("/items/0/uscc").asText()).isEqualTo(data.usccs().get(2));
    assertThat(http.get("/public/api/abnormal-list?status=BOGUS", null).statusCode()).isEqualTo(400);
  }

  @Test
  void aMissingRecordIsAChinese404Page() {
    for (String path : List.of("/public/entities/91330100000000000X", "/public/plans/NO-SUCH-PLAN",
        "/public/results/999999999", "/public/results/abc", "/public/no-such-page")) {
      HttpResponse<String> r = http.get(path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("<h1>未找到（404）</h1>", "返回首页");
    }
    HttpResponse<String> api = http.get("/public/api/entities/91330100000000000X", null);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).contains("\"status\":404");
  }

  @Test
  void namesAndInputsAreEscaped() {
    String entity = http.get("/public/entities/" + data.scriptUscc(), null).body();
    assertThat(entity).contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;脚本测试商行", "&lt;b&gt;备注&lt;/b&gt;")
        .doesNotContain("<script", "<b>备注");
    String search = http.get("/public/search?q=" + enc("<script>alert(1)</script>"), null).body();
    assertThat(search).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
    String notFound = http.get("/public/entities/" + enc("<img src=x onerror=alert(1)>"), null).body();
    assertThat(notFound).doesNotContain("<img");
  }

  /** R8: nothing of an inspector, no credit class or risk level, no evidence, nothing confidential. */
  @Test
  void noPublicResponseCarriesWhatMustNeverBePublished() {
    Set<String> forbidden = new LinkedHashSet<>();
    jdbc.sql("SELECT staff_number, name, id_number, phone, certificate_number FROM directory_inspector").query(rs -> {
      forbidden.add(rs.getString("name"));
      forbidden.add(rs.getString("id_number"));
      forbidden.add(rs.getString("phone"));
      forbidden.add(rs.getString("certificate_number"));
      if (rs.getString("staff_number").length() >= 5) {
        forbidden.add(rs.getString("staff_number"));
      }
    });
    // short Latin values (a staff number "lina") would match ordinary words; Chinese names are kept
    forbidden.removeIf(v -> v == null || v.isBlank() || (v.length() < 5 && v.chars().allMatch(c -> c < 128)));
    // which test put a demo inspector in the shared directory first decides the row; some name is Chinese
    assertThat(forbidden).as("demo inspectors loaded").contains("zhangwei").anyMatch(v -> v.matches("\\p{IsHan}{2,4}"))
        .anyMatch(v -> v.matches("\\d{17}[\\dX]")).anyMatch(v -> v.matches("1\\d{10}"));
    forbidden.addAll(List.of(CONFIDENTIAL, "creditClass", "credit_class", "riskLevel", "risk_level", "信用等级",
        "风险等级", "信用分类", "高风险", "中风险", "低风险", "信用风险", "evidence", "证据", "法人甲", "临江市某路1号", "内部记录", "书面理由", "idNumber", "phone",
        "执法人员：", "检查人员"));

    List<String> urls = new ArrayList<>(List.of("/public", "/public/", "/public/search",
        "/public/search?q=" + enc(data.prefix()), "/public/search?q=" + data.usccs().get(1),
        "/public/plans", "/public/plans?year=2026", "/public/plans/" + data.plan(), "/public/plans/" + data.plan() + "?page=1",
        "/public/results", "/public/results?department=fire", "/public/results/" + data.resultId(),
        "/public/abnormal-list", "/public/abnormal-list?status=LISTED&ground=4", "/public/no-such-page",
        "/public/api/search?q=" + enc(data.prefix()), "/public/api/search?q=" + data.usccs().get(1),
        "/public/api/plans", "/public/api/plans/" + data.plan(), "/public/api/results",
        "/public/api/results?plan=" + data.plan() + "&size=100", "/public/api/results/" + data.resultId(),
        "/public/api/abnormal-list", "/public/api/listings/" + data.listingRecord(), "/public/api/draws",
        "/public/api/draws/" + data.drawId(), "/public/api/draws/" + data.drawId() + "/versions",
        "/public/api/draws.csv", "/public/api/draws.csv?plan=" + data.plan(), "/public/api/nothing", "/public/draws/" + data.drawId(),
        "/public/feed.atom", "/public/api/plans.csv", "/public/api/plans.csv?year=2026", "/public/api/results.csv",
        "/public/api/results.csv?plan=" + data.plan(), "/public/api/results.csv?department=fire",
        "/public/api/abnormal-list.csv", "/public/api/abnormal-list.csv?status=LISTED", "/public/api/openapi.json"));
    for (String uscc : data.usccs()) {
      urls.add("/public/entities/" + uscc);
      urls.add("/public/api/entities/" + uscc);
    }
    urls.add("/public/entities/" + data.scriptUscc());

    Map<String, String> leaks = new LinkedHashMap<>();
    for (String url : urls) {
      HttpResponse<String> r = http.get(url, null);
      if (url.contains("nothing") || url.contains("no-such")) {
        assertThat(r.statusCode()).as(url).isEqualTo(404);
      } else {
        assertThat(r.statusCode()).as(url).isEqualTo(200);
      }
      for (String value : forbidden) {
        if (r.body().contains(value)) {
          leaks.put(url, value);
        }
      }
    }
    assertThat(leaks).as("public responses carrying forbidden values").isEmpty();

    // every GET endpoint under /public (this feature's and the draw feature's) was visited above
    PathPatternParser parser = new PathPatternParser();
    List<String> unvisited = new ArrayList<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
      if (!verbs.isEmpty() && !verbs.contains(RequestMethod.GET)) {
        return;
      }
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/public")) {
          continue;
        }
        PathPattern p = parser.parse(pattern);
        boolean hit = urls.stream().anyMatch(u -> p.matches(org.springframework.http.server.PathContainer.parsePath(
            URI.create(u).getRawPath())));
        if (!hit) {
          unvisited.add(pattern);
        }
      }
    });
    assertThat(unvisited).as("public endpoints the scan did not visit").isEmpty();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
