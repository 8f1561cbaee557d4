package org.onedoor.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.ProcessSteps;
import org.onedoor.TestHttp;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.EntityDirectory;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawRecord;
import org.onedoor.draw.DrawService;
import org.onedoor.draw.VerifyDraw;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 15 done-when, the whole loop: the drug-production platform's readings raise a warning; its check
 * opens a targeted inspection; the inspection finds a problem left for further handling (code A); the result
 * proposes a worse credit class and a higher risk level, which take effect at the next monthly recalculation
 * (the job, on the engine clock); and the next year's draw puts the business in the stratum of its new rule
 * row, at the new ratio, where this year's draw had it at the old one. Years 2061–2062 are this test's own:
 * a month is recalculated once in the shared database.
 */
@OnedoorSpringTest
class CreditRiskLoopEndToEndTest {

  static final Instant MONDAY = at(2061, 6, 13, 9, 0);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CatalogService catalog;
  @Autowired RuntimeService runtime;
  @Autowired CreditFeedback feedback;
  @Autowired CreditRecalculationSchedule recalculation;
  @Autowired EntityDirectory directory;
  @Autowired PlanService plans;
  @Autowired DrawService draws;
  @Autowired ProcessEngine engine;
  TestHttp http;
  ProcessSteps steps;
  String category;
  String maker;
  String item;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(MONDAY));
    http = new TestHttp(port);
    steps = new ProcessSteps(engine);
    category = "信用闭环测试门类" + System.nanoTime();
    maker = drugMaker(category);
    item = TargetedInspectionFixture.items(catalog);
    TargetedInspectionFixture.marketInspectors(jdbc);
  }

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  @Test
  void aWarningsTargetedInspectionFindsAProblemAndNextYearsDrawUsesTheNewRatio() {
    // this year's draw: class B, medium risk, a key item -> the row B × medium × key
    DrawRecord.Stratum thisYear = stratumOfTheMaker(draw(2061, LocalDate.of(2061, 6, 13)).record());
    assertThat(thisYear.rule().id()).isEqualTo("Ratio_08");
    assertThat(thisYear.ratio()).isEqualTo("0.15");

    // 1. the platform's readings: the cold store above 8 ℃ -> one warning
    HttpResponse<String> sent = http.post("/api/v1/monitoring/records", "drug-platform", "["
        + reading("cold-storage-temperature", 5.1, "2061-06-12 06:00") + ","
        + reading("cold-storage-temperature", 12.4, "2061-06-12 18:00") + "]");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(sent.body()).contains("\"warningsRaised\":1");
    long warningId = jdbc.sql("SELECT id FROM credit_risk_warning WHERE uscc = :u").param("u", maker)
        .query(Long.class).single();
    String warningProcess = jdbc.sql("SELECT process_instance_id FROM credit_risk_warning WHERE id = :id")
        .param("id", warningId).query(String.class).single();

    // 2. checked, a targeted inspection approved: a lead, not a finding -> no change yet
    steps.runJobs(warningProcess);
    steps.complete(steps.task(warningProcess, "CheckWarning"), "zhangwei",
        Map.of("conclusion", "targeted", "findings", "冷库温控记录缺失，偏差未调查"));
    steps.complete(steps.task(warningProcess, "ApproveTargetedInspection"), "chenjing",
        Map.of("decision", "approve", "opinion", "立即开展定向检查", "itemCodes", item));
    steps.runJobs(warningProcess);
    assertThat(rating()).isEqualTo(new CreditFeedback.Rating("B", "medium"));
    assertThat(feedback.history(maker)).singleElement().satisfies(c -> {
      assertThat(c.causeKind()).isEqualTo(CreditFeedback.WARNING);
      assertThat(c.status()).isEqualTo(CreditFeedback.UNCHANGED);
    });
    String number = jdbc.sql("SELECT inspection_number FROM credit_risk_warning WHERE id = :id")
        .param("id", warningId).query(String.class).single();
    assertThat(number).startsWith("DX2061-");

    // 3. the targeted inspection: visited, a problem found and left for further handling (A), reviewed, published
    String inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult().getId();
    steps.runJobs(inspection);
    List<String> inspectors = jdbc.sql("SELECT staff_number FROM inspection_assignment WHERE inspection_number = :n"
        + " ORDER BY staff_number").param("n", number).query(String.class).list();
    steps.complete(steps.task(inspection, "ProposeVisit"), inspectors.get(0), Map.of("visitDate", "2061-06-15", "visitTime", "10:00"));
    ClockUtil.setCurrentTime(Date.from(at(2061, 6, 15, 15, 0)));
    Map<String, Object> record = new HashMap<>();
    record.put("checkLines", Spin.JSON("[{\"answer\":\"problem\",\"description\":\"2 号冷库 6 月 12 日 12.4 ℃，未调查偏差\"},"
        + "{\"answer\":\"problem\",\"description\":\"温度偏差无调查记录\"}]"));
    record.put("checkMethods", Spin.JSON("[\"on-site\"]"));
    record.put("resultCode", "A");
    record.put("remarks", "冷链偏差未调查，涉嫌违反药品生产质量管理规范，转后续处理");
    record.put("followUps", Spin.JSON("[\"routine\"]"));
    steps.complete(steps.task(inspection, "RecordInspection"), inspectors.get(0), record);
    steps.complete(steps.task(inspection, "CoSignRecord"), inspectors.get(1), Map.of("coSignDecision", "sign"));
    steps.complete(steps.task(inspection, "ReviewRecord"), "chenjing", Map.of("reviewDecision", "approve"));
    steps.complete(steps.task(inspection, "ConfirmPublication"), "chenjing", Map.of("confidential", false));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(inspection).count()).isZero();

    // 4. the result proposes class C, high risk, for the next monthly recalculation; nothing in force yet
    CreditFeedback.Change proposed = feedback.history(maker).get(0);
    assertThat(proposed.causeKind()).isEqualTo(CreditFeedback.RESULT);
    assertThat(proposed.causeRef()).isEqualTo(number + "/market");
    assertThat(proposed.outcome()).isEqualTo("A");
    assertThat(proposed.after()).isEqualTo(new CreditFeedback.Rating("C", "high"));
    assertThat(proposed.status()).isEqualTo(CreditFeedback.PENDING);
    assertThat(proposed.effectiveOn()).isEqualTo(LocalDate.of(2061, 7, 1));
    assertThat(rating()).isEqualTo(new CreditFeedback.Rating("B", "medium"));
    assertThat(http.get("/staff/entities/" + maker, "zhangwei").body())
        .contains("<dd id=\"pending\">C 类，高风险（待 2061-07-01 月度重算时生效）</dd>", "href=\"/staff/inspections/" + number + "\"");

    // 5. the recalculation job on the 1st of July, on the engine clock, puts it in force
    ClockUtil.setCurrentTime(Date.from(at(2061, 7, 1, 1, 0)));
    recalculation.run();
    assertThat(rating()).isEqualTo(new CreditFeedback.Rating("C", "high"));
    assertThat(feedback.history(maker).get(0)).satisfies(c -> {
      assertThat(c.status()).isEqualTo(CreditFeedback.EFFECTIVE);
      assertThat(c.effectiveBy()).isEqualTo("recalculation:2061-07");
    });
    String page = http.get("/staff/entities/" + maker, "zhangwei").body();
    assertThat(page).contains("<strong id=\"credit-class\">C 类</strong>", "<strong id=\"risk-level\">高风险</strong>",
        "检查发现问题待后续处理：信用等级降一类，风险等级升一级");

    // 6. next year's draw: the row C × high × key, at 0.6, and the record still verifies
    ClockUtil.setCurrentTime(Date.from(at(2062, 3, 1, 9, 0)));
    PlanDraw nextPlan = draw(2062, LocalDate.of(2062, 3, 1));
    DrawRecord.Stratum nextYear = stratumOfTheMaker(nextPlan.record());
    assertThat(nextYear.rule().id()).isEqualTo("Ratio_16");
    assertThat(nextYear.ratio()).isEqualTo("0.6");
    assertThat(nextYear.selected()).containsExactly(maker);
    String published = http.get("/public/api/draws/" + DrawService.drawId(nextPlan.number(), 1), null).body();
    assertThat(VerifyDraw.verify(published).match()).isTrue();
    assertThat(published).doesNotContain("creditClass", "riskLevel", "\"high\"");
  }

  record PlanDraw(String number, DrawRecord record) {}

  /** A one-batch plan of the market item over this test's category, drawn on {@code day}. */
  private PlanDraw draw(int year, LocalDate day) {
    String number = "LOOP-" + year + "-" + System.nanoTime() % 1_000_000L;
    plans.create(new PlanRequest(year, number, "信用闭环测试计划", "targeted", "market",
        List.of(new DepartmentItems("market", List.of(item))),
        new PopulationFilter(List.of(category), List.of(), List.of(), List.of(), List.of(), List.of()),
        2, false, List.of(new BatchWindow(day, day.plusMonths(1))), day, false, false, null, Map.of()),
        "chenjing", at(year, 1, 5, 9, 0));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    draws.commit(number, 1, now);
    draws.freeze(number, 1, now);
    return new PlanDraw(number, draws.draw(number, 1, null, now));
  }

  /** The one stratum of the draw that holds the business. */
  private DrawRecord.Stratum stratumOfTheMaker(DrawRecord record) {
    return record.strata().stream().filter(s -> s.population().contains(maker)).findFirst().orElseThrow();
  }

  static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(TestClock.ZONE).toInstant();
  }

  /** A drug maker, class B and medium risk, alone in a category of its own (the plans' population). */
  private String drugMaker(String category) {
    String body = String.format("91350100L%08d", System.nanoTime() % 100_000_000L);
    String uscc = body + Uscc.checkCharacter(body);
    jdbc.sql("""
        INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
            legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
        VALUES (:u, '临江闭环制药有限公司', 'enterprise', :c, '化学药品生产企业', '西湖区市场监管所', '西湖区',
            '临江市西湖区文一路1号', '法人甲', 'active', 'B', 'medium', '', FALSE, :t, :t)""")
        .param("u", uscc).param("c", category).param("t", Timestamp.from(MONDAY)).update();
    return uscc;
  }

  private String reading(String indicator, double value, String measuredAt) {
    return "{\"source\":\"drug-production\",\"uscc\":\"" + maker + "\",\"indicator\":\"" + indicator
        + "\",\"value\":" + value + ",\"measuredAt\":\"" + measuredAt + "\"}";
  }

  private CreditFeedback.Rating rating() {
    var entity = directory.find(maker).orElseThrow();
    return new CreditFeedback.Rating(entity.creditClass(), entity.riskLevel());
  }



}
