package org.onedoor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@OnedoorSpringTest
class PlanValidationTest {

  static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  TestHttp http;

  /** The plans here are of December 2026: every test drafts them in May 2026, whatever today is. */
  static final Instant DRAFTING_DAY = Instant.parse("2026-05-04T02:00:00Z");

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    ClockUtil.setCurrentTime(Date.from(DRAFTING_DAY));
    publishItems();
  }

  /** A published catalogue with one item each for market, culture and fire. */
  void publishItems() {
    if (catalog.latestPublished().isPresent()
        && !catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("PL-M1", "PL-C1", "PL-F1")).isEmpty()) {
      return;
    }
    Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
        .orElseGet(() -> catalog.createDraft("admin", "plan test", TestClock.now()));
    item(draft.versionNo(), "PL-M1", "market", "食品经营许可检查");
    item(draft.versionNo(), "PL-C1", "culture", "娱乐场所许可检查");
    item(draft.versionNo(), "PL-F1", "fire", "消防设施检查");
    catalog.publish(draft.versionNo(), "admin", TestClock.now());
  }

  void item(int version, String code, String department, String name) {
    catalog.putItem(version, code, new ItemDraft("QD-" + department, name + "清单", name, department, "相关法规",
        "一般", List.of("现场检查"), List.of(new SubItemDraft(code + "-01", name, List.of(name + "是否合规")))));
  }

  static PlanRequest jointPlan(String number) {
    return new PlanRequest(2026, number, "2026 年餐饮娱乐场所联合抽查", "untargeted", "market",
        List.of(new DepartmentItems("market", List.of("PL-M1")), new DepartmentItems("culture", List.of("PL-C1")),
            new DepartmentItems("fire", List.of("PL-F1"))),
        new PopulationFilter(List.of("餐饮服务"), List.of(), List.of("enterprise"), List.of(), List.of(), List.of("active")),
        2, true, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), null, false, null, Map.of("D", "0.8"));
  }

  static String number() {
    return "T2026-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
  }

  @Test
  void aValidJointPlanIsStoredWithItsCatalogueVersion() {
    String number = number();
    Plan plan = plans.create(jointPlan(number), "chenjing", TestClock.now());

    assertThat(plan.status()).as("submitted for the chief's review").isEqualTo(PlanLifecycle.IN_REVIEW);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("sampling-plan")
        .processInstanceBusinessKey(number).count()).isEqualTo(1);
    assertThat(plan.departments()).extracting(DepartmentItems::department).containsExactly("market", "culture", "fire");
    assertThat(plan.catalogVersion()).isEqualTo(catalog.latestPublished().orElseThrow().versionNo());
    assertThat(plan.beaconRequired()).as("required unless the plan opts out").isTrue();
    assertThat(plan.ratioOverrides()).containsEntry("D", "0.8");
    assertThat(plans.get(number)).isEqualTo(plan);
    assertThatThrownBy(() -> plans.create(jointPlan(number), "chenjing", TestClock.now()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void everyInvalidFieldIsNamed() {
    PlanRequest bad = new PlanRequest(2026, number(), "坏计划", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("PL-M1", "NOT-IN-CATALOGUE", "PL-C1")),
            new DepartmentItems("tax", List.of("X"))),
        null, 1, false, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2027, 1, 15), null, false, null, Map.of("A", "1.5", "E", "0.1"));

    assertThatThrownBy(() -> plans.create(bad, "chenjing", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field)
            .contains("departments[0].items[1]", "departments[0].items[2]", "departments[1].department",
                "inspectorsPerDepartment", "drawDate", "ratioOverrides.A", "ratioOverrides.E", "populationFilter"));
  }

  @Test
  void publicInformationChecksKeepTheThreePercentFloor() {
    PlanRequest low = new PlanRequest(2026, number(), "企业公示信息抽查", "untargeted", "market",
        List.of(new DepartmentItems("market", List.of("PL-M1"))), null, 2, false,
        List.of(new BatchWindow(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30))), LocalDate.of(2026, 6, 1),
        false, true, null, Map.of("A", "0.02"));
    assertThatThrownBy(() -> plans.create(low, "chenjing", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class,
            e -> assertThat(e.errors().get(0).reason()).contains("3%"));
  }

  @Test
  void onlyALeadDepartmentChiefDraftsAPlanOverTheApi() throws Exception {
    String body = json.writeValueAsString(jointPlan(number()));
    assertThat(http.post("/api/v1/plans", "zhangwei", body).statusCode()).as("inspector").isEqualTo(403);
    assertThat(http.post("/api/v1/plans", "wuhao", body).statusCode()).as("chief of another department").isEqualTo(403);
    HttpResponse<String> created = http.post("/api/v1/plans", "chenjing", body);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode plan = json.readTree(created.body());
    assertThat(plan.get("createdBy").asText()).isEqualTo("chenjing");
    assertThat(http.get("/api/v1/plans/" + plan.get("number").asText(), "sunli").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/plans?year=2026", "sunli").body()).contains(plan.get("number").asText());

    HttpResponse<String> bad = http.post("/api/v1/plans", "chenjing",
        body.replace("\"inspectorsPerDepartment\":2", "\"inspectorsPerDepartment\":1").replace(plan.get("number").asText(), number()));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"inspectorsPerDepartment\"");
    assertThat(http.get("/api/v1/plans/NOPE", "sunli").statusCode()).isEqualTo(404);
  }

  static Instant shanghai(String dateTime) {
    return java.time.LocalDateTime.parse(dateTime).atZone(TestClock.ZONE).toInstant();
  }

  PlanRequest inDecember(String number, LocalDate drawDate, BatchWindow... batches) {
    return new PlanRequest(2026, number, "十二月联合抽查", "untargeted", "market",
        List.of(new DepartmentItems("market", List.of("PL-M1"))), PopulationFilter.any(), 2, false,
        List.of(batches), drawDate, false, false, null, Map.of());
  }

  @Test
  void aPlanWhoseDrawDateOrWindowsLieInThePastIsRefusedNamingEachField() throws Exception {
    ClockUtil.setCurrentTime(Date.from(shanghai("2026-12-10T10:00")));
    PlanRequest past = inDecember(number(), LocalDate.of(2026, 12, 1),
        new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 5)),
        new BatchWindow(LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 20)));

    assertThatThrownBy(() -> plans.create(past, "chenjing", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field)
            .containsExactlyInAnyOrder("drawDate", "batches[0].to", "batches[1].from"));

    HttpResponse<String> api = http.post("/api/v1/plans", "chenjing", json.writeValueAsString(past));
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.body()).contains("\"field\":\"drawDate\"").contains("不能早于今天 2026-12-10");
    assertThat(plans.find(past.number())).isEmpty();
  }

  @Test
  void aPlanDrawnTodayInsideAWindowThatBeganEarlierIsAccepted() {
    ClockUtil.setCurrentTime(Date.from(shanghai("2026-12-10T10:00")));
    Plan plan = plans.create(inDecember(number(), LocalDate.of(2026, 12, 10),
        new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))), "chenjing", TestClock.now());
    assertThat(plan.drawDate()).isEqualTo(LocalDate.of(2026, 12, 10));
  }

  @Test
  void aReturnedPlanIsRevisedOnTodaysDateNotOnTheDayItWasDrafted() {
    String number = number();
    PlanRequest request = inDecember(number, LocalDate.of(2026, 12, 1),
        new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    plans.create(request, "chenjing", TestClock.now());
    jdbc.sql("UPDATE plan_plan SET status = :s WHERE number = :n").param("s", PlanLifecycle.RETURNED)
        .param("n", number).update();

    ClockUtil.setCurrentTime(Date.from(shanghai("2026-12-03T10:00")));
    assertThatThrownBy(() -> plans.update(number, request, "chenjing", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field).containsExactly("drawDate"));
    Plan revised = plans.update(number, inDecember(number, LocalDate.of(2026, 12, 4),
        new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))), "chenjing", TestClock.now());
    assertThat(revised.drawDate()).isEqualTo(LocalDate.of(2026, 12, 4));
  }
}
