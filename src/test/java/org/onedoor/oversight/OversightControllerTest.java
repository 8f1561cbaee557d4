package org.onedoor.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.plan.PlanLifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who reaches the supervision figures (managers and admins) and how bad parameters are refused. */
@OnedoorSpringTest
class OversightControllerTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aManagerGetsTheFiguresOfAYearAndAnInspectorIsRefused() throws Exception {
    OversightFixture fixture = new OversightFixture(jdbc);
    String plan = fixture.plan(2048, PlanLifecycle.DRAWN, List.of("market", "culture"));
    fixture.inspection(plan, fixture.entity("接口测试商店"), Instant.parse("2048-05-01T02:00:00Z"), false,
        List.of("market", "culture"));
    TestHttp http = new TestHttp(port);

    HttpResponse<String> manager = http.get("/api/v1/oversight/figures?year=2048", "wangfang");
    assertThat(manager.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(manager.body());
    assertThat(body.get("year").asInt()).isEqualTo(2048);
    assertThat(body.get("jointShareTarget").asDouble()).isEqualTo(0.20);
    assertThat(body.at("/total/jointShare/numerator").asInt()).isEqualTo(1);
    assertThat(body.at("/total/jointShare/denominator").asInt()).isEqualTo(1);
    assertThat(body.at("/total/jointShareMet").asBoolean()).isTrue();
    assertThat(body.at("/total/followUpCompletion/rate").isNull()).as("no orders due: no rate").isTrue();
    assertThat(body.at("/total/followUpCompletion/display").asText()).isEqualTo("无数据");
    assertThat(body.get("departments")).hasSize(7);
    assertThat(body.get("months")).hasSize(12);

    HttpResponse<String> culture = http.get("/api/v1/oversight/figures?year=2048&department=culture", "admin");
    assertThat(culture.statusCode()).isEqualTo(200);
    assertThat(json.readTree(culture.body()).get("departments")).hasSize(1);
    assertThat(http.get("/api/v1/oversight/figures", "wangfang").statusCode()).as("the current year").isEqualTo(200);

    assertThat(http.get("/api/v1/oversight/figures?year=2048", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/oversight/figures?year=2048", "chenjing").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/oversight/figures?year=2048", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/staff/oversight?year=2048", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/oversight?year=2048", null).statusCode()).isEqualTo(401);
    HttpResponse<String> page = http.get("/staff/oversight?year=2048", "wangfang");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("监管工作指标", "联合检查占比", "达标", "各部门指标", "按月按时公示率", "无数据");
  }

  @Test
  void theDashboardLoadsItsChartScriptsFromTheApplicationOnlyAndRunsNoInlineScript() {
    TestHttp http = new TestHttp(port);
    HttpResponse<String> page = http.get("/staff/oversight?year=2048", "wangfang");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html")
        .containsIgnoringCase("charset=utf-8"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-eval")
        .doesNotContain("script-src 'self' 'unsafe-inline'"));
    assertThat(page.body()).contains("<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\" defer></script>",
        "<script src=\"/staff/oversight/charts.js\" defer></script>", "role=\"img\"", "id=\"months-table\"",
        "id=\"departments-table\"", "data-year=\"2048\"");
    assertThat(page.body().split("<script", -1)).as("two script elements, both with a src").hasSize(3);
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("onload=").doesNotContain("http://")
        .doesNotContain("https://");

    HttpResponse<String> echarts = http.get("/webjars/echarts/5.3.1/dist/echarts.min.js", "wangfang");
    assertThat(echarts.statusCode()).as("ECharts from the application's webjar").isEqualTo(200);
    assertThat(echarts.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(echarts.body()).contains("5.3.1");
    HttpResponse<String> charts = http.get("/staff/oversight/charts.js", "wangfang");
    assertThat(charts.statusCode()).isEqualTo(200);
    assertThat(charts.body()).contains("/api/v1/oversight/figures", "renderer: 'svg'");
    assertThat(http.get("/staff/oversight/charts.js", "zhangwei").statusCode()).as("like the page: managers").isEqualTo(403);
    assertThat(http.get("/staff/oversight/oversight.css", "wangfang").statusCode()).isEqualTo(200);
  }

  @Test
  void aBadYearOrDepartmentIsRefusedNamingTheField() throws Exception {
    TestHttp http = new TestHttp(port);
    HttpResponse<String> year = http.get("/api/v1/oversight/figures?year=abc", "wangfang");
    assertThat(year.statusCode()).isEqualTo(400);
    assertThat(json.readTree(year.body()).at("/errors/0/field").asText()).isEqualTo("year");
    assertThat(http.get("/api/v1/oversight/figures?year=1850", "wangfang").statusCode()).isEqualTo(400);
    HttpResponse<String> department = http.get("/api/v1/oversight/figures?department=nope", "wangfang");
    assertThat(department.statusCode()).isEqualTo(400);
    assertThat(json.readTree(department.body()).at("/errors/0/field").asText()).isEqualTo("department");
    assertThat(http.get("/staff/oversight?year=abc", "wangfang").statusCode()).isEqualTo(400);
  }
}
