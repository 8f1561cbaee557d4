package org.onedoor.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** GET /api/v1/inspections (list, filters validated) and /api/v1/inspections/{number}, and the staff page. */
@OnedoorSpringTest
class InspectionDetailControllerTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired InspectionAudit audit;

  @Test
  void theListFiltersByPlanDepartmentStatusAndUsccAndRefusesBadFilters() {
    String uscc = InspectionFixtures.entity(jdbc, "列表测试餐饮有限公司");
    String number = InspectionFixtures.open(jdbc, "LS", uscc);
    String plan = number.substring(0, number.lastIndexOf('-'));
    TestHttp http = new TestHttp(port);

    HttpResponse<String> byPlan = http.get("/api/v1/inspections?plan=" + plan, "zhenglei");
    assertThat(byPlan.statusCode()).isEqualTo(200);
    assertThat(byPlan.body()).contains("\"number\":\"" + number + "\"", "\"total\":1", "列表测试餐饮有限公司",
        "\"status\":\"OPEN\"", "\"statusLabel\":\"检查中\"");
    assertThat(http.get("/api/v1/inspections?plan=" + plan + "&department=fire&status=open&uscc=" + uscc.toLowerCase(),
        "zhangwei").body()).contains("\"total\":1");
    assertThat(http.get("/api/v1/inspections?plan=" + plan + "&department=police", "zhangwei").body())
        .contains("\"total\":0", "\"items\":[]");
    assertThat(http.get("/api/v1/inspections?plan=" + plan + "&status=DONE", "zhangwei").body()).contains("\"total\":0");
    assertThat(http.get("/api/v1/inspections?page=0&size=1", "zhangwei").body()).contains("\"size\":1");

    for (var bad : Map.of("department=nowhere", "department", "status=CLOSED", "status",
        "uscc=91350200000000000X", "uscc", "plan=a%20b", "plan", "size=0", "size", "size=201", "size",
        "page=-1", "page", "page=x", "page").entrySet()) {
      HttpResponse<String> refused = http.get("/api/v1/inspections?" + bad.getKey(), "zhangwei");
      assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(refused.body()).as(bad.getKey()).contains("\"field\":\"" + bad.getValue() + "\"");
    }
    assertThat(http.get("/api/v1/inspections", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theDetailShowsDepartmentsInspectorsSectionsAndEveryDecisionToParticipantsOnly() {
    String uscc = InspectionFixtures.entity(jdbc, "详情测试超市有限公司");
    String number = InspectionFixtures.open(jdbc, "DT", uscc);
    audit.record(number, "market", "record-approved", "chenjing", Instant.parse("2026-06-01T02:00:00Z"),
        "科长审核通过检查记录", null);
    audit.record(number, "culture", "record-returned", "wuhao", Instant.parse("2026-06-01T03:00:00Z"),
        "退回检查记录", "检查内容第 3 项未填写说明");
    TestHttp http = new TestHttp(port);

    HttpResponse<String> detail = http.get("/api/v1/inspections/" + number, "sunli");
    assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
    assertThat(detail.body()).contains("\"number\":\"" + number + "\"", "详情测试超市有限公司",
        "{\"staffNumber\":\"zhangwei\",\"name\":\"张伟\"}", "{\"staffNumber\":\"sunli\",\"name\":\"孙丽\"}",
        "\"code\":\"fire\",\"name\":\"消防救援支队\",\"flagged\":true",
        "\"key\":\"evidence\"", "\"key\":\"rectifications\"",
        "\"kind\":\"record-returned\"", "检查内容第 3 项未填写说明", "\"actor\":\"wuhao\"");
    // the staff API never shows what the directory keeps internal
    assertThat(detail.body()).doesNotContain("idNumber", "id_number", "phone");

    assertThat(http.get("/api/v1/inspections/" + number, "zhenglei").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/inspections/" + number, "admin").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/inspections/" + number, null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/inspections/NO-SUCH-0001", "admin").statusCode()).isEqualTo(404);
  }

  @Test
  void theStaffPageRendersTheSameInChineseForParticipants() {
    String uscc = InspectionFixtures.entity(jdbc, "页面测试<b>书店</b>");
    String number = InspectionFixtures.open(jdbc, "PG", uscc);
    audit.record(number, "market", "record-returned", "chenjing", TestClock.now(), "退回检查记录", "缺少照片");
    audit.record(number, "market", "publication-escalated", "system", TestClock.now(), "公示即将逾期，已督办", null);
    TestHttp http = new TestHttp(port);
    HttpResponse<String> page = http.get("/staff/inspections/" + number, "zhangwei");
    // the audit names people (陈静) and the engine (系统), never their user ids
    assertThat(page.body()).contains("\"操作人\">陈静（市场监管局）</td>", "\"操作人\">系统</td>")
        .doesNotContain("\"操作人\">chenjing</td>", "\"操作人\">system</td>");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("lang=\"zh-CN\"", "基本情况", "检查中", "参加部门与检查人员", "市场监管局", "张伟 zhangwei",
        "由科长办理", "证据材料", "责令改正", "全过程记录", "退回检查记录", "缺少照片",
        "href=\"/staff/inspections/" + number + "/evidence\"", "页面测试&lt;b&gt;书店&lt;/b&gt;");
    assertThat(page.body()).doesNotContain("<b>书店");
    assertThat(http.get("/staff/inspections/" + number, "zhenglei").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/inspections/" + number, null).statusCode()).isEqualTo(401);
    HttpResponse<String> evidence = http.get("/staff/inspections/" + number + "/evidence", "lina");
    assertThat(evidence.statusCode()).isEqualTo(200);
    assertThat(evidence.body()).contains("证据材料", "capture=\"environment\"", "accept=\"image/*\"");
    assertThat(http.get("/staff/inspections/" + number + "/evidence", "zhenglei").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/inspection/evidence.js", null).statusCode()).isEqualTo(401);
  }
}
