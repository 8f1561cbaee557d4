package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.PlanService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The management API of publication deadlines: due soon, overdue, on-time rate per department and month. */
@OnedoorSpringTest
class DisclosureDeadlinesTest {

  @LocalServerPort int port;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired TransactionTemplate tx;
  @Autowired WorkingDayCalendar calendar;
  final ObjectMapper json = new ObjectMapper();
  PublicFixture fixture;
  TestHttp http;

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @BeforeEach
  void setUp() {
    fixture = new PublicFixture(plans, catalog, events, tx);
    http = new TestHttp(port);
  }

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  @Test
  void drawnEntitiesAreDueSoonThenOverdueUntilTheirResultIsApproved() throws Exception {
    Instant at = Instant.parse("2026-12-02T02:00:00Z");
    String plan = fixture.publishedPlan("期限测试计划", at);
    String a = PublicFixture.uscc("9133010031");
    String b = PublicFixture.uscc("9133010031");
    fixture.drawn(plan, at, a, b);
    LocalDate due = calendar.plusWorkingDays(LocalDate.of(2026, 12, 31), 20);

    setToday(calendar.minusWorkingDays(due, 2));
    JsonNode soon = json.readTree(http.get("/api/management/v1/disclosures/deadlines?withinWorkingDays=5", "admin").body());
    assertThat(ofPlan(soon.get("dueSoon"), plan)).hasSize(4).allSatisfy(r -> {
      assertThat(r.get("dueOn").asText()).isEqualTo(due.toString());
      assertThat(r.get("workingDaysLeft").asInt()).isEqualTo(2);
    });
    assertThat(ofPlan(soon.get("overdue"), plan)).isEmpty();
    JsonNode notYet = json.readTree(http.get("/api/management/v1/disclosures/deadlines?withinWorkingDays=1", "admin").body());
    assertThat(ofPlan(notYet.get("dueSoon"), plan)).as("due in 2 working days, not within 1").isEmpty();

    fixture.publish(fixture.result(plan, a, "期限测试商行", "market", "1", "未发现问题", null, false,
        LocalDate.of(2026, 12, 20), at));
    setToday(calendar.plusWorkingDays(due, 1));
    JsonNode late = json.readTree(http.get("/api/management/v1/disclosures/deadlines", "admin").body());
    assertThat(ofPlan(late.get("overdue"), plan)).hasSize(3)
        .noneMatch(r -> r.get("uscc").asText().equals(a) && r.get("department").asText().equals("market"))
        .allSatisfy(r -> assertThat(r.get("workingDaysLeft").asInt()).isEqualTo(-1));
    assertThat(late.get("overdueCount").asInt()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void theOnTimeRateIsCountedPerDepartmentAndMonthOfPublication() throws Exception {
    String uscc = PublicFixture.uscc("9133010032");
    fixture.publish(fixture.result("OT-PLAN", uscc, "按时测试有限公司", "market", "1", "未发现问题", null, false,
        LocalDate.of(2031, 3, 3), Instant.parse("2031-03-05T02:00:00Z")));
    fixture.publish(fixture.result("OT-PLAN", uscc, "按时测试有限公司", "market", "1", "未发现问题", null, false,
        LocalDate.of(2031, 1, 2), Instant.parse("2031-03-10T02:00:00Z")));
    fixture.publish(fixture.result("OT-PLAN", uscc, "按时测试有限公司", "fire", "1", "未发现问题", null, false,
        LocalDate.of(2031, 3, 20), Instant.parse("2031-03-21T02:00:00Z")));

    JsonNode body = json.readTree(http.get("/api/management/v1/disclosures/on-time?from=2031-03&to=2031-03", "admin").body());
    List<String> rows = new ArrayList<>();
    body.get("rates").forEach(r -> rows.add(r.get("department").asText() + " " + r.get("month").asText() + " "
        + r.get("published").asInt() + "/" + r.get("onTime").asInt() + " " + r.get("rate").asDouble()));
    assertThat(rows).containsExactly("fire 2031-03 1/1 1.0", "market 2031-03 2/1 0.5");

    assertThat(http.get("/api/management/v1/disclosures/on-time?from=2031-3", "admin").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/management/v1/disclosures/deadlines?withinWorkingDays=99", "admin").statusCode())
        .isEqualTo(400);
    assertThat(http.get("/api/management/v1/disclosures/deadlines", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/management/v1/disclosures/deadlines", "zhangwei").statusCode()).isEqualTo(403);
  }

  private void setToday(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant()));
  }

  private static List<JsonNode> ofPlan(JsonNode list, String plan) {
    List<JsonNode> out = new ArrayList<>();
    list.forEach(n -> {
      if (n.get("planNumber").asText().equals(plan)) {
        out.add(n);
      }
    });
    return out;
  }
}
