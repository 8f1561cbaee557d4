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

  /** Issue 15: the credit and risk loop's figures the warning charts draw, per department and per month. */
  @Test
  void theFiguresCarryTheWarningLoopPerDepartmentAndPerMonth() throws Exception {
    OversightFixture fixture = new OversightFixture(jdbc);
    // 2048: two ecology warnings in May (one checked on time, confirmed, led to a targeted inspection in June; one
    // checked late, unfounded), one health warning in August checked late and unfounded; all checked, so the
    // figures do not depend on today's date
    fixture.warning("ecology", "2048-05-06T02:00:00Z", "2048-05-13T02:00:00Z", "2048-05-08T02:00:00Z", "targeted",
        "DX2048-0001");
    fixture.warning("ecology", "2048-05-20T02:00:00Z", "2048-05-27T02:00:00Z", "2048-05-30T02:00:00Z", "unfounded",
        null);
    fixture.warning("health", "2048-08-01T02:00:00Z", "2048-08-08T02:00:00Z", "2048-08-12T02:00:00Z", "unfounded", null);
    fixture.targetedInspection(fixture.entity("接口预警测试药厂"), Instant.parse("2048-06-03T02:00:00Z"), "ecology");
    TestHttp http = new TestHttp(port);

    JsonNode body = json.readTree(http.get("/api/v1/oversight/figures?year=2048", "wangfang").body());
    JsonNode ecology = department(body, "ecology").get("warnings");
    assertThat(ecology.get("raised").asLong()).isEqualTo(2);
    assertThat(ecology.get("targetedInspections").asLong()).isEqualTo(1);
    assertThat(ecology.at("/checkedOnTime/numerator").asLong()).isEqualTo(1);
    assertThat(ecology.at("/checkedOnTime/denominator").asLong()).isEqualTo(2);
    assertThat(ecology.at("/checkedOnTime/display").asText()).isEqualTo("50.0%");
    assertThat(ecology.at("/ledToInspection/rate").asDouble()).isEqualTo(0.5);
    assertThat(ecology.at("/confirmed/display").asText()).isEqualTo("50.0%");
    JsonNode health = department(body, "health").get("warnings");
    assertThat(health.at("/checkedOnTime/display").asText()).isEqualTo("0.0%");
    assertThat(health.at("/confirmed/rate").asDouble()).isZero();
    JsonNode police = department(body, "police").get("warnings");
    assertThat(police.get("raised").asLong()).isZero();
    assertThat(police.at("/confirmed/rate").isNull()).as("no warnings: no rate, not 0 %").isTrue();
    assertThat(police.at("/confirmed/display").asText()).isEqualTo("无数据");
    assertThat(body.at("/total/warnings/raised").asLong()).isEqualTo(3);

    JsonNode months = body.get("warningMonths");
    assertThat(months).hasSize(12);
    assertThat(months.get(0).get("month").asText()).isEqualTo("2048-01");
    assertThat(months.get(4).get("raised").asLong()).isEqualTo(2);
    assertThat(months.get(5).get("targetedInspections").asLong()).isEqualTo(1);
    assertThat(months.get(7).get("raised").asLong()).isEqualTo(1);
    assertThat(months.get(0).get("raised").asLong()).as("a month without warnings counts 0").isZero();

    JsonNode health2048 = json.readTree(http.get("/api/v1/oversight/figures?year=2048&department=health", "wangfang").body());
    assertThat(health2048.at("/warningMonths/4/raised").asLong()).as("the department's own months").isZero();
    assertThat(health2048.at("/warningMonths/7/raised").asLong()).isEqualTo(1);
  }

  private static JsonNode department(JsonNode body, String code) {
    for (JsonNode d : body.get("departments")) {
      if (code.equals(d.get("code").asText())) {
        return d;
      }
    }
    throw new AssertionError("no department " + code);
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
        "id=\"departments-table\"", "id=\"chart-warnings\"", "id=\"warnings-table\"", "id=\"chart-warning-months\"",
        "id=\"warning-months-table\"", "data-year=\"2048\"");
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
