package org.onedoor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@OnedoorSpringTest
class CatalogVersioningTest {

  @LocalServerPort int port;
  @Autowired CatalogService catalog;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  static ItemDraft foodLicence(String lineText) {
    return new ItemDraft("QD-SJ-001", "食品经营监督检查", "食品经营许可情况检查", "market",
        "《中华人民共和国食品安全法》第三十五条", "一般", List.of("现场检查", "documents"),
        List.of(new SubItemDraft("SJ-001-01", "许可证公示", List.of(lineText, "许可事项与实际经营是否一致"))));
  }

  private Version openDraft() {
    return catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
        .orElseGet(() -> catalog.createDraft("admin", "测试", TestClock.now()));
  }

  @Test
  void aPublishedVersionNeverChangesWhenTheNextOneIsEdited() {
    int first = openDraft().versionNo();
    catalog.putItem(first, "SJ-001", foodLicence("食品经营许可证是否在有效期内"));
    catalog.publish(first, "admin", TestClock.now());

    Version second = catalog.createDraft("admin", "2027 年版", TestClock.now());
    assertThat(second.items()).as("a new draft starts as a copy").isEqualTo(catalog.version(first).items());
    catalog.putItem(second.versionNo(), "SJ-001", foodLicence("食品经营许可证是否在有效期内并在醒目位置公示"));
    catalog.putItem(second.versionNo(), "SJ-002", new ItemDraft("QD-SJ-001", "食品经营监督检查",
        "从业人员健康管理", "market", "《中华人民共和国食品安全法》第四十五条", "重点", List.of("现场检查"),
        List.of(new SubItemDraft("SJ-002-01", "健康证明", List.of("从业人员是否持有有效健康证明")))));
    catalog.publish(second.versionNo(), "admin", TestClock.now());

    assertThat(catalog.item(first, "SJ-001").subItems().get(0).contentLines())
        .containsExactly("食品经营许可证是否在有效期内", "许可事项与实际经营是否一致");
    assertThatThrownBy(() -> catalog.item(first, "SJ-002")).hasMessageContaining("SJ-002");
    assertThat(catalog.item(second.versionNo(), "SJ-001").subItems().get(0).contentLines().get(0))
        .isEqualTo("食品经营许可证是否在有效期内并在醒目位置公示");
    assertThat(catalog.item(second.versionNo(), "SJ-002").kind()).isEqualTo("key");
    assertThat(catalog.item(second.versionNo(), "SJ-001").methods()).containsExactly("on-site", "documents");
    assertThatThrownBy(() -> catalog.putItem(first, "SJ-003", foodLicence("x")))
        .isInstanceOf(ConflictException.class).hasMessageContaining("已发布");
    assertThatThrownBy(() -> catalog.deleteItem(first, "SJ-001")).isInstanceOf(ConflictException.class);
    assertThat(catalog.defaultVersionNo()).isGreaterThanOrEqualTo(second.versionNo());
  }

  @Test
  void anInvalidItemIsRefusedNamingEveryField() {
    int draft = openDraft().versionNo();
    ItemDraft bad = new ItemDraft("", "检查", "", "tax", " ", "maybe", List.of("看一看"),
        List.of(new SubItemDraft("A", "子项", List.of())));
    assertThatThrownBy(() -> catalog.putItem(draft, "bad code!", bad))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field)
            .contains("code", "checklistCode", "name", "department", "legalBasis", "kind", "methods",
                "subItems[0].contentLines"));
  }

  @Test
  void aSubItemCodeHeldByAnotherItemIsRefusedNotAServerError() {
    int draft = openDraft().versionNo();
    catalog.putItem(draft, "SUB-1", new ItemDraft("QD-SUB", "子项检查", "甲", "market", "依据", "一般",
        List.of("现场检查"), List.of(new SubItemDraft("SUB-SHARED", "子项", List.of("一")))));
    assertThatThrownBy(() -> catalog.putItem(draft, "SUB-2", new ItemDraft("QD-SUB", "子项检查", "乙", "market",
            "依据", "一般", List.of("现场检查"), List.of(new SubItemDraft("SUB-SHARED", "子项", List.of("二"))))))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field, BadRequestException.FieldError::reason)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("subItems[0].code", "子项编码已属于事项 SUB-1")));
    // the item that holds it may be replaced
    catalog.putItem(draft, "SUB-1", new ItemDraft("QD-SUB", "子项检查", "甲", "market", "依据", "一般",
        List.of("现场检查"), List.of(new SubItemDraft("SUB-SHARED", "子项", List.of("一", "二")))));
    catalog.deleteItem(draft, "SUB-1");
  }

  @Test
  void staffReadTheCatalogueByDepartmentAndOnlyAdminsEditIt() throws Exception {
    int draft = openDraft().versionNo();
    catalog.putItem(draft, "WH-101", new ItemDraft("QD-WH-01", "娱乐场所监督检查", "娱乐场所经营许可检查", "culture",
        "《娱乐场所管理条例》第九条", "一般", List.of("现场检查"),
        List.of(new SubItemDraft("WH-101-01", "许可", List.of("是否取得娱乐经营许可证")))));
    catalog.publish(draft, "admin", TestClock.now());

    HttpResponse<String> culture = http.get("/api/v1/catalog/items?department=culture", "zhangwei");
    assertThat(culture.statusCode()).isEqualTo(200);
    JsonNode page = json.readTree(culture.body());
    assertThat(page.get("items").findValuesAsText("code")).contains("WH-101").doesNotContain("SJ-001");
    // other tests publish culture items too: find ours, not the first
    JsonNode ours = java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
        .filter(item -> "WH-101".equals(item.get("code").asText())).findFirst().orElseThrow();
    assertThat(ours.get("subItems").get(0).get("contentLines").get(0).asText()).isEqualTo("是否取得娱乐经营许可证");

    assertThat(http.get("/api/v1/catalog/items?department=tax", "zhangwei").body()).contains("\"field\":\"department\"");
    assertThat(http.get("/api/v1/catalog/items?size=1000", "zhangwei").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/catalog/items/NOPE", "zhangwei").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/catalog/versions", null).statusCode()).isEqualTo(401);
    assertThat(http.post("/api/management/v1/catalog/versions", "chenjing", "{}").statusCode()).isEqualTo(403);

    HttpResponse<String> created = http.post("/api/management/v1/catalog/versions", "admin", "{\"note\":\"修订\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    int next = json.readTree(created.body()).get("versionNo").asInt();
    HttpResponse<String> malformed =
        http.send("PUT", "/api/management/v1/catalog/versions/" + next + "/items/X1", "admin", "{not json");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("\"field\":\"body\"");
    assertThat(http.post("/api/management/v1/catalog/versions", "admin", "{}").statusCode())
        .as("one draft at a time").isEqualTo(409);
    HttpResponse<String> published = http.post("/api/management/v1/catalog/versions/" + next + "/publish", "admin", null);
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(http.post("/api/management/v1/catalog/versions/" + next + "/publish", "admin", null).statusCode())
        .isEqualTo(409);
  }

  @Test
  void anEmptyDraftCannotBePublished() {
    Version draft = openDraft();
    // a draft starts as a copy of the published version: empty it first
    catalog.items(draft.versionNo(), null, 0, CatalogService.MAX_PAGE_SIZE).items()
        .forEach(item -> catalog.deleteItem(draft.versionNo(), item.code()));
    assertThat(catalog.version(draft.versionNo()).items()).isZero();

    assertThatThrownBy(() -> catalog.publish(draft.versionNo(), "admin", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("version"));
    assertThat(catalog.version(draft.versionNo()).isPublished()).isFalse();
  }
}
