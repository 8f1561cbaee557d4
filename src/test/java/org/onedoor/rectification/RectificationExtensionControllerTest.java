package org.onedoor.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST/GET /api/v1/inspections/{number}/rectifications/{department}/extension-requests}: the refusals. */
@OnedoorSpringTest
class RectificationExtensionControllerTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired Rectifications rectifications;
  @Autowired JdbcClient jdbc;

  TestHttp http;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    http = new TestHttp(port);
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-01T10:00:00+08:00").toInstant()));
  }

  @AfterEach
  void tearDown() {
    identity.clearAuthentication();
    TestClock.reset();
    BpmnAwareTests.reset();
  }

  ProcessInstance start(String number) {
    return runtime.startProcessInstanceByKey(Rectifications.PROCESS, withVariables("inspectionNumber", number,
        "department", "market", "uscc", InspectionFixtures.USCC, "entityName", "延期测试企业",
        "rectificationDeadline", "2026-06-11", "recheckCandidates", "zhangwei,lina"));
  }

  /** 10 calendar days from Monday 1 June 2026: the deadline is Thursday 11 June. */
  void order(ProcessInstance instance) {
    identity.setAuthentication("zhangwei", identity.createGroupQuery().groupMember("zhangwei").list().stream()
        .map(Group::getId).toList());
    try {
      forms.submitTaskForm(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
          withVariables("orderNumber", "市监责改〔2026〕9号", "orderItems", "灭火器过期", "deadlineKind", "days",
              "periodLength", 10L));
    } finally {
      identity.clearAuthentication();
    }
  }

  static String path(String number, String department) {
    return "/api/v1/inspections/" + number + "/rectifications/" + department + "/extension-requests";
  }

  static String body(String reason, String requestedDeadline) {
    StringBuilder json = new StringBuilder("{");
    if (reason != null) {
      json.append("\"reason\":\"").append(reason).append("\"");
    }
    if (requestedDeadline != null) {
      json.append(json.length() > 1 ? "," : "").append("\"requestedDeadline\":\"").append(requestedDeadline).append("\"");
    }
    return json.append("}").toString();
  }

  void assertBadRequest(HttpResponse<String> response, String field, String... words) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    for (String word : words) {
      assertThat(response.body()).contains(word);
    }
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndNothingIsRecorded() {
    String number = InspectionFixtures.open(jdbc, "RX");
    ProcessInstance instance = start(number);
    String url = path(number, "market");
    // nothing to extend before the order
    assertThat(http.post(url, "lina", body("供货延迟", "2026-06-20")).statusCode()).isEqualTo(409);
    order(instance);

    assertBadRequest(http.post(url, "lina", body(null, "2026-06-22")), "reason");
    assertBadRequest(http.post(url, "lina", body(" ", "2026-06-22")), "reason");
    assertBadRequest(http.post(url, "lina", body("长".repeat(2001), "2026-06-22")), "reason", "2000");
    assertBadRequest(http.post(url, "lina", body("供货延迟", null)), "requestedDeadline");
    assertBadRequest(http.post(url, "lina", body("供货延迟", "下个月")), "requestedDeadline", "yyyy-MM-dd");
    // not after the current deadline
    assertBadRequest(http.post(url, "lina", body("供货延迟", "2026-06-11")), "requestedDeadline", "2026-06-11");
    assertBadRequest(http.post(url, "lina", body("供货延迟", "2026-06-05")), "requestedDeadline");
    // more than 30 days (onedoor.rectification.max-extension-days) after the deadline
    assertBadRequest(http.post(url, "lina", body("供货延迟", "2026-07-13")), "requestedDeadline", "30",
        "2026-07-11");
    // a Saturday: the next working day is proposed
    assertBadRequest(http.post(url, "lina", body("供货延迟", "2026-06-20")), "requestedDeadline", "2026-06-22");

    // who may apply: staff of the ordering department or admins; anonymous 401; unknown 404
    assertThat(http.post(url, "sunli", body("供货延迟", "2026-06-22")).statusCode()).isEqualTo(403);
    assertThat(http.post(url, "linhai", body("供货延迟", "2026-06-22")).statusCode()).isEqualTo(403);
    assertThat(http.post(url, null, body("供货延迟", "2026-06-22")).statusCode()).isEqualTo(401);
    assertThat(http.get(url, null).statusCode()).isEqualTo(401);
    assertThat(http.get(url, "sunli").statusCode()).isEqualTo(403);
    assertThat(http.post(path("NO-SUCH", "market"), "lina", body("供货延迟", "2026-06-22")).statusCode())
        .isEqualTo(404);
    assertThat(http.post(path(number, "culture"), "sunli", body("供货延迟", "2026-06-22")).statusCode())
        .isEqualTo(404);

    BpmnAwareTests.assertThat(instance).isWaitingAt("WaitForReport");
    assertThat(rectifications.byProcess(instance.getId()).extensions()).isEmpty();
    assertThat(http.get(url, "lina").body()).isEqualTo("[]");

    // the last allowed day is accepted; an admin may enter it too
    HttpResponse<String> accepted = http.post(url, "admin", body("供货延迟", "2026-07-10"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(http.post(url, "lina", body("供货延迟", "2026-06-22")).statusCode()).isEqualTo(409);
    BpmnAwareTests.assertThat(instance).isWaitingAt("ApproveExtension");
  }

  @Test
  void afterTheReportOrTheDeadlineNobodyMayApply() {
    String number = InspectionFixtures.open(jdbc, "RX");
    ProcessInstance instance = start(number);
    order(instance);
    String url = path(number, "market");
    // reported on the deadline day: the wait is over, nothing left to extend
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-11T23:00:00+08:00").toInstant()));
    assertThat(http.post("/api/v1/inspections/" + number + "/rectifications/market/report", "lina",
        "{\"date\":\"2026-06-11\",\"text\":\"已整改\"}").statusCode()).isEqualTo(201);
    assertThat(http.post(url, "lina", body("供货延迟", "2026-06-22")).statusCode()).isEqualTo(409);

    // the deadline passed (the timer has not run yet): 400 naming requestedDeadline
    String late = InspectionFixtures.open(jdbc, "RX");
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-01T10:00:00+08:00").toInstant()));
    order(start(late));
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-06-12T08:00:00+08:00").toInstant()));
    assertBadRequest(http.post(path(late, "market"), "lina", body("供货延迟", "2026-06-22")), "requestedDeadline",
        "2026-06-11", "已届满");
  }

  @Test
  void theLimitIsConfigurationWithDefaults() {
    RectificationProperties defaults = new RectificationProperties(null, null, null);
    assertThat(defaults.maxExtensionDays()).isEqualTo(30);
    assertThat(rectifications.properties().maxExtensionDays()).isEqualTo(30);
    assertThat(new RectificationProperties(null, null, 15).maxExtensionDays()).isEqualTo(15);
    assertThatThrownBy(() -> new RectificationProperties(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
