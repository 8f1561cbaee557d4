package org.onedoor.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.onedoor.monitoring.MonitoringFixture.array;
import static org.onedoor.monitoring.MonitoringFixture.at;
import static org.onedoor.monitoring.MonitoringFixture.count;
import static org.onedoor.monitoring.MonitoringFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.directory.TestWorkbooks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The monitoring intake (issue 15, item 3): REST for platforms, CSV/XLSX for people, each reading stored once. */
@OnedoorSpringTest
class MonitoringIntakeTest {

  static final Instant NOW = at(2026, 6, 15, 12, 0);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  TestHttp http;
  String maker;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(java.util.Date.from(NOW));
    http = new TestHttp(port);
    maker = MonitoringFixture.drugMaker(jdbc, "临江某某制药有限公司" + System.nanoTime());
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void thePlatformSendsReadingsAndEachIsStoredOnce() throws Exception {
    String readings = array(List.of(
        json(maker, "cleanroom-temperature", 22.5, "2026-06-14T08:00:00+08:00"),
        json(maker, "cleanroom-humidity", 55, "2026-06-14 08:00"),
        json(maker, "洁净区压差", "15.2", "2026-06-14T00:00:00Z")));

    HttpResponse<String> first = http.post("/api/v1/monitoring/records", "drug-platform", readings);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(body(first).get("stored").asInt()).isEqualTo(3);
    assertThat(body(first).get("duplicates").asInt()).isZero();
    assertThat(count(jdbc, maker)).isEqualTo(3);

    // the same readings again, one written with its time in another form: nothing new
    String again = array(List.of(
        json(maker, "cleanroom-temperature", 22.5, "2026-06-14 08:00:00"),
        json(maker, "cleanroom-humidity", 55, "2026-06-14T00:00:00Z"),
        json(maker, "pressure-difference", 15.2, "2026-06-14T08:00+08:00")));
    HttpResponse<String> second = http.post("/api/v1/monitoring/records", "drug-platform", again);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(body(second).get("received").asInt()).isEqualTo(3);
    assertThat(body(second).get("stored").asInt()).isZero();
    assertThat(body(second).get("duplicates").asInt()).isEqualTo(3);
    assertThat(count(jdbc, maker)).isEqualTo(3);
    assertThat(jdbc.sql("SELECT measured_value FROM monitoring_record WHERE uscc = :u AND indicator = 'pressure-difference'")
        .param("u", maker).query(Double.class).single()).isEqualTo(15.2);
  }

  @Test
  void badReadingsAreNamedByIndexAndFieldAndTheGoodOnesAreKept() throws Exception {
    String stranger = MonitoringFixture.freshUscc();
    String readings = array(List.of(
        json(maker, "cleanroom-temperature", 21.0, "2026-06-14 09:00"),
        json(maker, "cleanroom-temperature", "很热", "2026-06-14 10:00"),
        "{\"source\":\"drug-production\",\"uscc\":\"" + MonitoringFixture.badCheck(MonitoringFixture.freshUscc())
            + "\",\"indicator\":\"noise\",\"value\":1,"
            + "\"measuredAt\":\"2026-06-14 10:00\",\"colour\":\"red\"}",
        json(stranger, "cleanroom-temperature", 21.0, "2026-06-14 11:00"),
        json(maker, "cold-storage-temperature", 999, "2026-06-14 11:00"),
        json(maker, "cold-storage-temperature", 5.0, "2026-06-16 12:00"),
        json(maker, "cold-storage-temperature", 5.0, "2026-06-14")));

    HttpResponse<String> response = http.post("/api/v1/monitoring/records", "drug-platform", readings);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode body = body(response);
    List<String> fields = new ArrayList<>();
    body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactly("records[1].value", "records[2].colour", "records[2].uscc",
        "records[2].indicator", "records[3].uscc", "records[4].value", "records[5].measuredAt",
        "records[6].measuredAt");
    assertThat(response.body()).contains("“很热”不是数值", "未知字段", "校验位", "不是药品生产在线监测的指标",
        "检查对象名录中没有统一社会信用代码 " + stranger, "超出冷库温度的合理范围", "测量时间晚于当前时间", "应含日期和时分");
    assertThat(body.get("received").asInt()).isEqualTo(7);
    assertThat(body.get("stored").asInt()).isEqualTo(1);
    assertThat(body.get("rejected").asInt()).isEqualTo(6);
    assertThat(count(jdbc, maker)).isEqualTo(1);
  }

  @Test
  void onlyPlatformAccountsAndAdministratorsUseTheSystemEndpoint() {
    String one = array(List.of(json(maker, "cleanroom-temperature", 22, "2026-06-14 12:00")));
    assertThat(http.post("/api/v1/monitoring/records", null, one).statusCode()).isEqualTo(401);
    assertThat(http.post("/api/v1/monitoring/records", "zhangwei", one).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/v1/monitoring/records", "chenjing", one).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/v1/monitoring/records", "admin", one).statusCode()).isEqualTo(200);
    assertThat(count(jdbc, maker)).isEqualTo(1);
  }

  @Test
  void aRequestIsAnArrayOfAtMostTheLimit() throws Exception {
    assertThat(http.post("/api/v1/monitoring/records", "drug-platform", "{}").body()).contains("\"field\":\"records\"");
    assertThat(http.post("/api/v1/monitoring/records", "drug-platform", "[]").statusCode()).isEqualTo(400);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5001; i++) {
      many.add(json(maker, "particles", i, "2026-06-14 12:00"));
    }
    HttpResponse<String> tooMany = http.post("/api/v1/monitoring/records", "drug-platform", array(many));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("一次最多提交 5000 条");
    assertThat(count(jdbc, maker)).isZero();
  }

  @Test
  void peopleOfTheDepartmentUploadAFileAndSeeEveryRejectedRow() throws Exception {
    String csv = "来源,统一社会信用代码,指标,数值,测量时间\r\n"
        + "药品生产在线监测," + maker + ",洁净区温度,22.1,2026-06-13 08:00\r\n"
        + "drug-production," + maker.toLowerCase() + ",cleanroom-humidity,48,2026-06-13 08:00\r\n"
        + "drug-production," + maker + ",洁净区温度,abc,2026-06-13 09:00\r\n"
        + "drug-production," + MonitoringFixture.freshUscc() + ",洁净区温度,20,2026-06-13 09:00\r\n";
    long id = upload("zhangwei", csv.getBytes(Charset.forName("GB18030")));
    JsonNode report = finished(id, "zhangwei");
    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("charset").asText()).isEqualTo("GB18030");
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(2);
    assertThat(report.get("rowsRejected").asInt()).isEqualTo(2);
    assertThat(report.get("rejections")).hasSize(2);
    assertThat(report.get("rejections").get(0).get("row").asInt()).isEqualTo(4);
    assertThat(report.get("rejections").get(0).get("column").asText()).isEqualTo("数值");
    assertThat(report.get("rejections").get(1).get("row").asInt()).isEqualTo(5);
    assertThat(report.get("rejections").get(1).get("column").asText()).isEqualTo("统一社会信用代码");
    assertThat(report.get("warningsRaised").asInt()).isZero();
    assertThat(count(jdbc, maker)).isEqualTo(2);

    // the same file again: every good row is unchanged
    JsonNode again = finished(upload("zhangwei", csv.getBytes(Charset.forName("GB18030"))), "zhangwei");
    assertThat(again.get("rowsCreated").asInt()).isZero();
    assertThat(again.get("rowsUnchanged").asInt()).isEqualTo(2);
    assertThat(count(jdbc, maker)).isEqualTo(2);

    // the report is the uploader's (and the administrators')
    assertThat(http.get("/api/v1/monitoring/uploads/" + id, "lina").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/monitoring/uploads/" + id, "admin").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/monitoring/uploads/987654321", "zhangwei").statusCode()).isEqualTo(404);
  }

  /** The report says how many warnings the file's readings raised (the warnings page shows it). */
  @Test
  void theReportCountsTheWarningsTheUploadRaised() throws Exception {
    String csv = "来源,统一社会信用代码,指标,数值,测量时间\r\n"
        + "drug-production," + maker + ",冷库温度,5.1,2026-06-14 08:00\r\n"
        + "drug-production," + maker + ",冷库温度,9.6,2026-06-14 20:00\r\n";
    JsonNode report = finished(upload("chenjing", csv.getBytes(StandardCharsets.UTF_8)), "chenjing");
    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(2);
    assertThat(report.get("warningsRaised").asInt()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM credit_risk_warning WHERE uscc = :u AND rule_code = 'DP-08'")
        .param("u", maker).query(Long.class).single()).isEqualTo(1);
    // the same file again raises nothing new
    JsonNode again = finished(upload("chenjing", csv.getBytes(StandardCharsets.UTF_8)), "chenjing");
    assertThat(again.get("rowsUnchanged").asInt()).isEqualTo(2);
    assertThat(again.get("warningsRaised").asInt()).isZero();
  }

  @Test
  void anotherDepartmentsStaffCannotSendTheSourcesReadings() throws Exception {
    String csv = "source,uscc,indicator,value,measuredAt\n"
        + "drug-production," + maker + ",cleanroom-temperature,22.1,2026-06-13 08:00\n";
    // staff of a department with no monitoring source are refused before the file is taken (no import made)
    long importsBefore = jdbc.sql("SELECT COUNT(*) FROM directory_import").query(Long.class).single();
    HttpResponse<String> culture = http.multipart("/api/v1/monitoring/uploads", "sunli", "readings.csv",
        csv.getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(culture.statusCode()).as(culture.body()).isEqualTo(403);
    assertThat(culture.body()).contains("只有监测数据来源所属部门的人员或系统管理员可以导入监测数据");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_import").query(Long.class).single()).isEqualTo(importsBefore);
    assertThat(count(jdbc, maker)).isZero();
  }

  @Test
  void anXlsxWithDateTimeCellsKeepsTheTime() throws Exception {
    // 2026-06-13 08:30 as an Excel serial in a date-time format (built-in format 22)
    double serial = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(1899, 12, 30),
        java.time.LocalDate.of(2026, 6, 13)) + 8.5 / 24;
    byte[] xlsx = TestWorkbooks.xlsx(List.of(
        List.of("来源", "统一社会信用代码", "指标", "数值", "测量时间"),
        List.of("drug-production", maker, "cleanroom-temperature", 23.4, new TestWorkbooks.DateTime(serial))));
    JsonNode report = finished(upload("lina", xlsx), "lina");
    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT measured_at FROM monitoring_record WHERE uscc = :u").param("u", maker)
        .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(at(2026, 6, 13, 8, 30));
  }

  @Test
  void theTemplateAndTheSourcesTellTheFormat() {
    HttpResponse<byte[]> template = http.getBytes("/api/v1/monitoring/uploads/template", "zhangwei");
    assertThat(template.statusCode()).isEqualTo(200);
    assertThat(new String(template.body(), StandardCharsets.UTF_8)).contains("来源,统一社会信用代码,指标,数值,测量时间");
    assertThat(template.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
        assertThat(v).contains("filename*=UTF-8''" + java.net.URLEncoder.encode("监测数据导入模板.csv", StandardCharsets.UTF_8)));
    HttpResponse<String> sources = http.get("/api/v1/monitoring/sources", "zhangwei");
    assertThat(sources.body()).contains("\"code\":\"drug-production\"", "洁净区温度", "\"department\":\"market\"");
  }

  private long upload(String user, byte[] content) throws Exception {
    HttpResponse<String> response = http.multipart("/api/v1/monitoring/uploads", user, "readings.csv", content, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return body(response).get("id").asLong();
  }

  private JsonNode finished(long id, String user) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode report = body(http.get("/api/v1/monitoring/uploads/" + id, user));
      String status = report.get("status").asText();
      if (status.equals("DONE") || status.equals("FAILED") || System.nanoTime() > until) {
        return report;
      }
      Thread.sleep(50);
    }
  }
}
