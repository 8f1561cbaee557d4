package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.draw.DrawService;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public draw page over HTTP, anonymous, as a browser without JavaScript gets it. */
@OnedoorSpringTest
class DrawPageTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired PlanService plans;
  @Autowired DrawService draws;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;
  DrawPageFixture fixture;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    fixture = new DrawPageFixture(jdbc, catalog, plans, draws);
  }

  @Test
  void aDrawnRecordIsReadFromTheDisclosureProjectionOnly() {
    String id = fixture.drawn(null);
    String projected = jdbc.sql("SELECT record_json FROM public_draw WHERE draw_id = :id").param("id", id)
        .query(String.class).single();
    assertThat(projected).isEqualTo(draws.publicJson(id).orElseThrow());
    assertThat(embedded(http.get("/public/draws/" + id, null).body())).isEqualTo(DrawPageHtml.embedJson(projected));
    // the page shows the projection's copy, not the draw feature's table
    String marked = projected.replaceFirst("\\{", "{\"projected\":true,");
    jdbc.sql("UPDATE public_draw SET record_json = :j WHERE draw_id = :id").param("j", marked).param("id", id).update();
    try {
      assertThat(embedded(http.get("/public/draws/" + id, null).body())).isEqualTo(DrawPageHtml.embedJson(marked));
    } finally {
      jdbc.sql("UPDATE public_draw SET record_json = :j WHERE draw_id = :id").param("j", projected).param("id", id)
          .update();
    }
  }

  @Test
  void aDrawnRecordShowsEveryElementAndEmbedsThePublicRecord() throws Exception {
    String id = fixture.drawn("2026-12-01 福彩3D 第2026321期 开奖号码 5 8 2");
    HttpResponse<String> page = http.get("/public/draws/" + id, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").contains("UTF-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
    String html = page.body();
    JsonNode record = json.readTree(http.get("/public/api/draws/" + id, null).body());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"zh-CN\">")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<h1>", "<h2 id=\"record-h\">抽取要素</h2>", "<h2 id=\"verify-h\">核验本次抽取</h2>")
        .contains(record.get("planNumber").asText(), "第 1 批", "已抽取")
        .contains(record.get("commitment").asText(), record.get("nonce").asText(), record.get("seed").asText(),
            record.get("populationHash").asText(), "2026-12-01 福彩3D 第2026321期 开奖号码 5 8 2", "（北京时间）");
    int index = 0;
    for (JsonNode stratum : record.get("strata")) {
      index++;
      assertThat(html).contains("第 " + index + " 层 “" + stratum.get("name").asText() + "”")
          .contains(stratum.get("population").size() + " 个");
      for (JsonNode uscc : stratum.get("selected")) {
        assertThat(html).contains("<li>" + uscc.asText() + "</li>");
      }
    }
    assertThat(html).contains("0.55（55%）");
    // the embedded record is the public record, field for field
    assertThat(json.readTree(embedded(html))).isEqualTo(record);
    // without JavaScript: the record is there, the page says why the button is missing and how else to verify
    assertThat(html).contains("<button type=\"button\" id=\"verify\" hidden>核验本次抽取</button>")
        .contains("在浏览器中核验需要启用 JavaScript")
        .contains("href=\"/public/api/draws/" + id + "\"")
        .contains(DrawPageHtml.VERIFIER_COMMAND);
    // all inline: nothing is fetched from anywhere
    assertThat(html).doesNotContain("src=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest");
  }

  @Test
  void beforeTheDrawThePageShowsTheCommitmentAndNeverTheNonce() throws Exception {
    String id = fixture.committed();
    String plan = id.substring(0, id.lastIndexOf("-b"));
    String nonce = jdbc.sql("SELECT nonce_hex FROM draw_commitment WHERE plan_number = :p").param("p", plan)
        .query(String.class).single();
    String commitment = json.readTree(http.get("/public/api/draws/" + id, null).body()).get("commitment").asText();

    HttpResponse<String> page = http.get("/public/draws/" + id, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("尚未抽取", commitment, plan, "第 1 批")
        .doesNotContain(nonce).doesNotContain("随机数（nonce）").doesNotContain("种子")
        .doesNotContain("onedoorDrawV1").doesNotContain("id=\"verify\"");
  }

  @Test
  void valuesAreEscapedInThePageAndCannotCloseTheEmbeddedRecord() throws Exception {
    String beacon = "<script>alert(\"x\")</script>&amp;</script><!--";
    String id = fixture.drawn(beacon);
    String html = http.get("/public/draws/" + id, null).body();
    assertThat(html).contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;&amp;amp;&lt;/script&gt;&lt;!--")
        .doesNotContain("<script>alert").doesNotContain("<!--");
    // one script element for the record and one for the verifier: the beacon closed none of them
    assertThat(html.split("</script>", -1)).hasSize(3);
    String embedded = embedded(html);
    assertThat(embedded).contains("\\u003cscript\\u003e").doesNotContain("<");
    assertThat(json.readTree(embedded).get("beacon").asText()).isEqualTo(beacon);
  }

  @Test
  void anUnknownDrawIsAChinese404Page() {
    HttpResponse<String> missing = http.get("/public/draws/NOPE-2026-404-b1", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(missing.body()).contains("<html lang=\"zh-CN\">", "<h1>未找到抽取记录</h1>", "NOPE-2026-404-b1");

    HttpResponse<String> hostile = http.get("/public/draws/%3Cimg%20onerror=x%3E", null);
    assertThat(hostile.statusCode()).isEqualTo(404);
    assertThat(hostile.body()).contains("&lt;img onerror=x&gt;").doesNotContain("<img");
  }

  @Test
  void embeddingEscapesOnlyWhatCouldEndTheScriptElement() {
    assertThat(DrawPageHtml.embedJson("{\"a\":\"</script><b>&\"}"))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}");
  }

  static String embedded(String html) {
    String open = "<script type=\"application/json\" id=\"draw-record\">";
    int from = html.indexOf(open) + open.length();
    return html.substring(from, html.indexOf("</script>", from));
  }
}
