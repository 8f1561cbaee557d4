package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OnedoorSpringTest
class EntityControllerTest {

  @LocalServerPort int port;
  @Autowired EntityDirectory directory;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  static final Instant T = Instant.parse("2026-04-01T02:00:00Z");

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  JsonNode getJson(String path, int expectedStatus) throws Exception {
    HttpResponse<String> response = http.get(path, "zhangwei");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  String add(String name, String region, String category, String status) {
    String uscc = TestEntities.fresh(2);
    Map<EntityColumn, String> cells = EntityDirectoryTest.cells(uscc, name);
    cells.put(EntityColumn.REGION, region);
    cells.put(EntityColumn.CATEGORY, category);
    cells.put(EntityColumn.STATUS, status);
    cells.put(EntityColumn.CREDIT_CLASS, "C");
    cells.put(EntityColumn.RISK_LEVEL, "高");
    directory.upsert(cells, "test", null, T);
    return uscc;
  }

  @Test
  void searchesPageByPageWithFilters() throws Exception {
    String region = "翻页区";
    List<String> usccs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      usccs.add(add("翻页测试商行" + i, region, "批发和零售业", i == 4 ? "abnormal" : "active"));
    }
    add("另一区商行", "别的区", "批发和零售业", "active");

    JsonNode first = getJson("/api/v1/entities?region=" + enc(region) + "&page=0&size=2", 200);
    assertThat(first.get("total").asLong()).isEqualTo(5);
    assertThat(first.get("page").asInt()).isZero();
    assertThat(first.get("size").asInt()).isEqualTo(2);
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("items").get(0).get("uscc").asText()).isEqualTo(usccs.get(0));
    assertThat(first.get("items").get(0).get("creditClass").asText()).isEqualTo("C");
    assertThat(first.get("items").get(0).get("riskLevel").asText()).isEqualTo("high");
    JsonNode last = getJson("/api/v1/entities?region=" + enc(region) + "&page=2&size=2", 200);
    assertThat(last.get("items")).hasSize(1);
    assertThat(last.get("items").get(0).get("uscc").asText()).isEqualTo(usccs.get(4));

    assertThat(getJson("/api/v1/entities?region=" + enc(region) + "&status=abnormal", 200).get("total").asLong())
        .isEqualTo(1);
    assertThat(getJson("/api/v1/entities?region=" + enc(region) + "&status=" + enc("存续"), 200).get("total").asLong())
        .isEqualTo(4);
    assertThat(getJson("/api/v1/entities?name=" + enc("翻页测试"), 200).get("total").asLong()).isEqualTo(5);
    assertThat(getJson("/api/v1/entities?name=" + enc("测试商行"), 200).get("total").asLong()).isZero();
    assertThat(getJson("/api/v1/entities?nameMatch=contains&name=" + enc("页测试商行3"), 200).get("total").asLong())
        .isEqualTo(1);
    assertThat(getJson("/api/v1/entities?name=" + enc("翻页%"), 200).get("total").asLong())
        .as("% is a character, not a wildcard").isZero();
    assertThat(getJson("/api/v1/entities?category=" + enc("批发和零售业") + "&region=" + enc("别的区"), 200)
        .get("total").asLong()).isEqualTo(1);
    JsonNode byUscc = getJson("/api/v1/entities?uscc=" + usccs.get(2).toLowerCase(), 200);
    assertThat(byUscc.get("total").asLong()).isEqualTo(1);
    assertThat(byUscc.get("items").get(0).get("name").asText()).isEqualTo("翻页测试商行2");
  }

  @Test
  void badParametersAnswer400NamingTheField() throws Exception {
    assertThat(field(getJson("/api/v1/entities?size=1000", 400))).isEqualTo("size");
    assertThat(field(getJson("/api/v1/entities?size=0", 400))).isEqualTo("size");
    assertThat(field(getJson("/api/v1/entities?page=-1", 400))).isEqualTo("page");
    assertThat(field(getJson("/api/v1/entities?page=abc", 400))).isEqualTo("page");
    assertThat(field(getJson("/api/v1/entities?status=foo", 400))).isEqualTo("status");
    assertThat(field(getJson("/api/v1/entities?nameMatch=regex", 400))).isEqualTo("nameMatch");
    JsonNode bad = getJson("/api/v1/entities?uscc=" + TestEntities.withBadCheck(TestEntities.uscc(7)), 400);
    assertThat(field(bad)).isEqualTo("uscc");
    assertThat(bad.get("status").asInt()).isEqualTo(400);
    assertThat(bad.get("path").asText()).isEqualTo("/api/v1/entities");
    assertThat(getJson("/api/v1/entities?size=200", 200).get("size").asInt()).isEqualTo(200);
  }

  @Test
  void oneEntityWithItsStatusHistory() throws Exception {
    String uscc = add("历史查询有限公司", "历史区", "制造业", "active");
    Map<EntityColumn, String> cells = EntityDirectoryTest.cells(uscc, "历史查询有限公司");
    cells.put(EntityColumn.STATUS, "吊销");
    directory.upsert(cells, "api", "吊销营业执照", T.plusSeconds(3600));

    JsonNode entity = getJson("/api/v1/entities/" + uscc, 200);
    assertThat(entity.get("uscc").asText()).isEqualTo(uscc);
    assertThat(entity.get("status").asText()).isEqualTo("revoked");
    assertThat(entity.get("statusHistory")).hasSize(1);
    assertThat(entity.get("statusHistory").get(0).get("oldStatus").asText()).isEqualTo("active");
    assertThat(entity.get("statusHistory").get(0).get("newStatus").asText()).isEqualTo("revoked");
    assertThat(entity.get("statusHistory").get(0).get("reason").asText()).isEqualTo("吊销营业执照");

    JsonNode unknown = getJson("/api/v1/entities/" + TestEntities.uscc(999_999_999L), 404);
    assertThat(unknown.get("status").asInt()).isEqualTo(404);
    assertThat(field(unknown)).isEqualTo("uscc");
    assertThat(field(getJson("/api/v1/entities/" + TestEntities.withBadCheck(uscc), 400))).isEqualTo("uscc");
  }

  @Test
  void anonymousCallsAreRefused() {
    assertThat(http.get("/api/v1/entities", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/entities/" + TestEntities.uscc(1), null).statusCode()).isEqualTo(401);
  }

  static String field(JsonNode error) {
    return error.get("errors").get(0).get("field").asText();
  }

  static String enc(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
