package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff pages of risk warnings (issue 15 item 6): a department's list with filters by status, source,
 * rule and day of receipt, one warning's page, each for the department's staff only, in Chinese.
 */
@OnedoorSpringTest
class WarningPagesTest {

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @LocalServerPort int port;
  @Autowired RiskWarningService warnings;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.ManagementService management;
  TestHttp http;
  String rule;
  long monitored;
  long reported;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    Instant march = LocalDateTime.of(2026, 3, 2, 10, 0).atZone(ZONE).toInstant();
    ClockUtil.setCurrentTime(Date.from(march));
    rule = "PG-" + System.nanoTime() % 1_000_000_000L;
    warnings.raise(List.of(new RiskWarningService.RuleWarning("91330100799655058B", "临江页面测试制药有限公司",
        "market", "drug-production", rule, "页面测试规则", "high", "药品生产在线监测：冷库温度超过上限<b>8</b>")), march);
    monitored = jdbc.sql("SELECT id FROM credit_risk_warning WHERE rule_code = :r").param("r", rule).query(Long.class)
        .single();
    reported = warnings.register(new RiskWarningService.NewWarning("91330100799655058B", "临江页面测试制药有限公司",
        "market", "complaint", "medium", "群众投诉：药品包装破损"), "chenjing", null,
        LocalDateTime.of(2026, 3, 9, 10, 0).atZone(ZONE).toInstant());
  }

  private String list(String user, String query) {
    HttpResponse<String> page = http.get("/staff/warnings" + query, user);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return page.body();
  }

  @Test
  void theDepartmentsStaffListTheirWarningsAndFilterThem() {
    String all = list("zhangwei", "?rule=" + rule);
    assertThat(all).contains("<html lang=\"zh-CN\">", "风险预警 · 市场监管局", "id=\"warning-" + monitored + "\"",
        "临江页面测试制药有限公司", "监测数据 · 规则 " + rule + " 页面测试规则", "待核查", "高",
        "<option value=\"" + rule + "\" selected>" + rule + " 页面测试规则</option>")
        .doesNotContain("id=\"warning-" + reported + "\"");
    // by source and by day of receipt
    assertThat(list("zhangwei", "?source=complaint&from=2026-03-09&to=2026-03-09"))
        .contains("id=\"warning-" + reported + "\"").doesNotContain("id=\"warning-" + monitored + "\"");
    assertThat(list("zhangwei", "?source=monitoring&from=2026-03-02&to=2026-03-02"))
        .contains("id=\"warning-" + monitored + "\"").doesNotContain("id=\"warning-" + reported + "\"");
    // by status: the monitored one is being checked
    assertThat(list("chenjing", "?status=CHECKING&rule=" + rule)).contains("id=\"warning-" + monitored + "\"");
    assertThat(list("chenjing", "?status=CLOSED&rule=" + rule)).contains("共 0 条");
    // another department sees none of them; it cannot ask for market's
    assertThat(list("sunli", "?rule=" + rule)).contains("风险预警 · 文化和旅游局", "共 0 条");
    assertThat(http.get("/staff/warnings?department=market", "sunli").statusCode()).isEqualTo(403);
    // administrators see every department
    assertThat(list("admin", "?rule=" + rule)).contains("风险预警 · 全部部门", "id=\"warning-" + monitored + "\"");
  }

  /** 监测数据导入 (issue 15 item 3): the card is for the source's department and administrators only. */
  @Test
  void theUploadCardShowsOnlyToStaffWhoMayUploadMonitoringData() {
    HttpResponse<String> inspector = http.get("/staff/warnings", "zhangwei");
    assertThat(inspector.body()).contains("id=\"monitoring-upload\"", "<h2 id=\"upload-title\">监测数据导入</h2>",
        "<strong>药品生产在线监测</strong>", "<code>drug-production</code>", "市场监管局", "冷库温度（℃）",
        "href=\"/api/v1/monitoring/uploads/template\"", "data-upload=\"/api/v1/monitoring/uploads\"",
        "type=\"file\"", "最大 50 MB、200,000 行", "<option value=\"GBK\">", "<button type=\"submit\" id=\"upload-submit\">上传</button>",
        "role=\"status\"", "<script src=\"/staff/warnings/upload.js\"></script>", "href=\"#monitoring-upload\"");
    // scripts only from the site itself (the card's is a static file)
    assertThat(inspector.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'", "connect-src 'self'").doesNotContain("unsafe-inline"));
    // the chief of the department and administrators too
    assertThat(list("chenjing", "")).contains("id=\"monitoring-upload\"");
    assertThat(list("admin", "")).contains("id=\"monitoring-upload\"", "药品生产在线监测");
    // another department's staff see their warnings, and nothing of the upload
    String culture = list("sunli", "");
    assertThat(culture).contains("风险预警 · 文化和旅游局")
        .doesNotContain("monitoring-upload", "监测数据导入", "upload.js", "/api/v1/monitoring");
    assertThat(http.get("/staff/warnings/warnings.css", "zhangwei").statusCode()).isEqualTo(200);
    assertThat(http.get("/staff/warnings/upload.js", "zhangwei").statusCode()).isEqualTo(200);
  }

  @Test
  void aBadFilterIsNamedInChineseOnThePage() {
    HttpResponse<String> bad = http.get("/staff/warnings?status=LOST&from=" + URLEncoder.encode("3月", StandardCharsets.UTF_8),
        "zhangwei");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"error\"", "开始日期：应为 YYYY-MM-DD 格式的日期");
    HttpResponse<String> status = http.get("/staff/warnings?status=LOST", "zhangwei");
    assertThat(status.body()).contains("状态：可选：");
    assertThat(http.get("/staff/warnings?from=2026-03-09&to=2026-03-01", "zhangwei").body()).contains("结束日期早于开始日期");
  }

  @Test
  void aWarningsPageShowsItsContentCheckAndApprovalToTheDepartmentOnly() {
    // the process goes on to the check (asynchronously after its start), which sets the deadline
    String instance = warnings.find(monitored).orElseThrow().processInstanceId();
    management.createJobQuery().processInstanceId(instance).list().forEach(j -> management.executeJob(j.getId()));
    HttpResponse<String> page = http.get("/staff/warnings/" + monitored, "lina");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("风险预警 #" + monitored, "临江页面测试制药有限公司", "91330100799655058B",
        "药品生产在线监测：冷库温度超过上限&lt;b&gt;8&lt;/b&gt;", "尚未核查", "市场监管局", "系统", "<dt>核查期限</dt><dd>2026-03-09 10:00</dd>");
    assertThat(http.get("/staff/warnings/" + monitored, "sunli").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/warnings/987654321", "lina").statusCode()).isEqualTo(404);
    assertThat(http.get("/staff/warnings/" + monitored, null).statusCode()).isEqualTo(401);
    // the platform's account is no member of staff
    assertThat(http.get("/staff/warnings", "drug-platform").statusCode()).isEqualTo(403);
  }

  @Autowired org.onedoor.catalog.CatalogService catalog;

  @Test
  void aDepartmentAskedToJoinTheTargetedInspectionReadsTheWarningWithItsCountersign() {
    TargetedInspectionFixture.items(catalog);
    Instant monday = LocalDateTime.of(2026, 3, 9, 10, 0).atZone(ZONE).toInstant();
    warnings.recordCheck(reported, "targeted", "包装破损批次涉及演出场所储存", "lina", monday);
    warnings.recordDecision(reported, true, "请文化和旅游局一并检查", TargetedInspectionFixture.MARKET_ITEM + "、"
        + TargetedInspectionFixture.CULTURE_ITEM, "chenjing", monday);

    HttpResponse<String> page = http.get("/staff/warnings/" + reported, "sunli");
    assertThat(page.statusCode()).as("culture was asked: it may read the warning").isEqualTo(200);
    assertThat(page.body()).contains("部门会签（联合定向检查）", "<dt>文化和旅游局</dt><dd>待会签，会签期限 2026-03-12 10:00；检查事项 "
        + TargetedInspectionFixture.CULTURE_ITEM + "</dd>", "<dt>检查事项</dt><dd>市场监管局：" + TargetedInspectionFixture.MARKET_ITEM
        + "；文化和旅游局：" + TargetedInspectionFixture.CULTURE_ITEM + "</dd>");
    assertThat(http.get("/staff/warnings/" + reported, "zhangwei").body()).contains("部门会签（联合定向检查）");
    // a department nobody asked still may not
    assertThat(http.get("/staff/warnings/" + reported, "zhenglei").statusCode()).isEqualTo(403);
    // and the list stays the warning's department's
    assertThat(list("sunli", "?source=complaint&from=2026-03-09&to=2026-03-09"))
        .doesNotContain("id=\"warning-" + reported + "\"");
  }
}
