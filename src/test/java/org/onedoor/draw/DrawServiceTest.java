package org.onedoor.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Commit, freeze, beacon and draw over the directory, as the sampling-plan process will run them. */
@OnedoorSpringTest
class DrawServiceTest {

  @LocalServerPort int port;
  @Autowired DrawService draws;
  @Autowired PlanService plans;
  @Autowired CatalogService catalog;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.IdentityService identity;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;
  @TempDir Path dir;

  static final String CATEGORY = "抽取测试门类";

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    if (jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE category = :c").param("c", CATEGORY)
        .query(Integer.class).single() == 0) {
      seedEntities();
    }
    if (catalog.latestPublished().isEmpty()
        || catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("DR-M1")).isEmpty()) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "draw test", TestClock.now()));
      catalog.putItem(draft.versionNo(), "DR-M1", new ItemDraft("QD-DR", "抽取测试", "抽取测试事项", "market", "测试依据",
          "一般", List.of("现场检查"), List.of(new SubItemDraft("DR-M1-01", "子项", List.of("内容")))));
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
  }

  /** 40 entities in the test category: 10 per credit class; 2 deregistered, 1 moved out. */
  void seedEntities() {
    Instant now = TestClock.now();
    for (int i = 0; i < 40; i++) {
      String body = String.format("91330100DRAW%05d", i);
      String uscc = body + Uscc.checkCharacter(body);
      String status = i == 0 || i == 1 ? "deregistered" : i == 2 ? "moved_out" : "active";
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', :s, :cc, 'medium', '', FALSE, :t, :t)
          """)
          .param("u", uscc).param("n", "抽取测试企业" + i).param("c", CATEGORY).param("s", status)
          .param("cc", String.valueOf("ABCD".charAt(i % 4))).param("t", java.sql.Timestamp.from(now)).update();
    }
  }

  String newPlan(boolean beaconRequired) {
    String number = "DRAW-" + System.nanoTime() % 1_000_000_000L;
    plans.create(new PlanRequest(2026, number, "抽取测试计划", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("DR-M1"))),
        new PopulationFilter(List.of(CATEGORY), List.of(), List.of(), List.of(), List.of(), List.of()),
        2, false, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), beaconRequired, false, null, Map.of("D", "1")), "chenjing",
        java.time.Instant.parse("2026-11-02T02:00:00Z")); // drafted before its draw date, whatever today is
    return number;
  }

  @Test
  void onlyTheCommitmentIsPublicBeforeTheDrawAndTheRecordVerifiesAfterIt() throws Exception {
    String plan = newPlan(true);
    String id = DrawService.drawId(plan, 1);
    DrawRecord.Commitment commitment = draws.commit(plan, 1, TestClock.now());
    assertThat(draws.commit(plan, 1, TestClock.now())).as("no second nonce").isEqualTo(commitment);

    JsonNode before = json.readTree(http.get("/public/api/draws/" + id, null).body());
    assertThat(before.get("commitment").asText()).isEqualTo(commitment.commitment());
    assertThat(before.has("nonce")).isFalse();

    DrawService.Freeze freeze = draws.freeze(plan, 1, TestClock.now());
    assertThat(freeze.excluded()).containsEntry("deregistered", 2).containsEntry("moved_out", 1);
    // 40 matched: 3 never eligible; the others are in a stratum unless at their yearly cap already
    assertThat(freeze.strataSizes().values().stream().mapToInt(Integer::intValue).sum()
        + freeze.excluded().getOrDefault(DrawService.EXCLUDED_AT_YEARLY_CAP, 0)).isEqualTo(37);
    String afterFreeze = http.get("/public/api/draws/" + id, null).body();
    assertThat(afterFreeze).contains(freeze.populationHash()).doesNotContain("\"nonce\"");
    assertThatThrownBy(() -> draws.freeze(plan, 1, TestClock.now())).isInstanceOf(ConflictException.class);

    assertThatThrownBy(() -> draws.draw(plan, 1, " ", TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("beacon"));
    DrawRecord record = draws.draw(plan, 1, "2026-12-01 福彩3D 第2026321期 开奖号码 5 8 2", TestClock.now());

    HttpResponse<String> published = http.get("/public/api/draws/" + id, null);
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(VerifyDraw.verify(published.body()).match()).isTrue();
    assertThat(json.readTree(published.body()).get("nonce").asText()).hasSize(64);
    // class D at ratio 1 (the plan's own ratio for the class) draws the whole stratum
    assertThat(record.algorithm()).isEqualTo("onedoor-draw-v2");
    DrawRecord.Stratum d = record.strata().stream()
        .filter(s -> "plan".equals(s.ratioSource()) && !s.population().isEmpty()).findFirst().orElseThrow();
    assertThat(d.ratio()).isEqualTo("1");
    assertThat(d.selected()).containsExactlyInAnyOrderElementsOf(d.population());
    assertThat(draws.selected(plan, 1)).hasSize(record.strata().stream().mapToInt(s -> s.selected().size()).sum());
    assertThat(http.get("/public/api/draws", null).body()).contains(id);

    Path saved = Files.writeString(dir.resolve("draw.json"), published.body());
    String victim = d.selected().get(0);
    String swapped = victim.substring(0, 17) + (victim.endsWith("0") ? "1" : "0");
    VerifyDraw.Result tampered = VerifyDraw.verify(Files.readString(saved).replace(victim, swapped));
    assertThat(tampered.match()).isFalse();
    assertThat(tampered.difference()).isNotBlank();
  }

  static final String RISK_CATEGORY = "风险抽取测试门类";

  /** Issue 15: the ratio comes from credit class × risk level, strata are the rule rows, named neutrally. */
  @Test
  void riskLevelSetsTheRatioAndEachStratumNamesItsRuleRowButNoClassOrLevel() throws Exception {
    if (jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE category = :c").param("c", RISK_CATEGORY)
        .query(Integer.class).single() == 0) {
      String[][] cells = {{"A", "low"}, {"A", "medium"}, {"A", "high"}, {"B", "low"}, {"B", "high"}};
      int i = 0;
      for (String[] cell : cells) {
        for (int n = 0; n < 10; n++, i++) {
          String body = String.format("91330100RKLW%05d", i);
          jdbc.sql("""
              INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
                  legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
              VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', 'active', :cc, :rl, '', FALSE, :t, :t)
              """)
              .param("u", body + Uscc.checkCharacter(body)).param("n", "风险抽取测试企业" + i).param("c", RISK_CATEGORY)
              .param("cc", cell[0]).param("rl", cell[1]).param("t", java.sql.Timestamp.from(TestClock.now())).update();
        }
      }
    }
    String plan = "RISK-" + System.nanoTime() % 1_000_000_000L;
    plans.create(new PlanRequest(2026, plan, "风险抽取测试计划", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("DR-M1"))),
        new PopulationFilter(List.of(RISK_CATEGORY), List.of(), List.of(), List.of(), List.of(), List.of()),
        2, false, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), false, false, null, Map.of()), "chenjing", Instant.parse("2026-11-02T02:00:00Z"));
    draws.commit(plan, 1, TestClock.now());
    draws.freeze(plan, 1, TestClock.now());
    DrawRecord record = draws.draw(plan, 1, null, TestClock.now());

    // one stratum per rule row of sampling-ratio.dmn for general items, in row order
    assertThat(record.strata()).extracting(DrawRecord.Stratum::name)
        .containsExactly("r01", "r03", "r05", "r07", "r09", "r11", "r13", "r15", "r17", "r19", "r21");
    Map<String, DrawRecord.Stratum> byName = new java.util.HashMap<>();
    record.strata().forEach(st -> byName.put(st.name(), st));
    // class A low and medium share one row: not drawn without a trigger
    assertThat(byName.get("r01").population()).hasSize(20);
    assertThat(byName.get("r01").ratio()).isEqualTo("0");
    assertThat(byName.get("r01").selected()).isEmpty();
    assertThat(byName.get("r01").rule()).satisfies(r -> {
      assertThat(r.decision()).isEqualTo("sampling-ratio");
      assertThat(r.id()).isEqualTo("Ratio_01");
      assertThat(r.row()).isEqualTo(1);
      assertThat(r.version()).isPositive();
      assertThat(r.yearlyCap()).isEqualTo(1);
    });
    // high risk is the trigger: A high at 5 %, B high at 20 % against B low at 5 %
    assertThat(byName.get("r03").ratio()).isEqualTo("0.05");
    assertThat(byName.get("r03").selected()).hasSize(1);
    assertThat(byName.get("r09").ratio()).isEqualTo("0.2");
    assertThat(byName.get("r09").selected()).hasSize(2);
    assertThat(byName.get("r05").selected()).hasSize(1);
    assertThat(record.strata()).allSatisfy(st -> assertThat(st.ratioSource()).isEqualTo("rule"));
    assertThat(byName.get("r13").population()).isEmpty();

    String published = http.get("/public/api/draws/" + DrawService.drawId(plan, 1), null).body();
    assertThat(VerifyDraw.verify(published).line()).isEqualTo("MATCH");
    assertThat(published).contains("\"rule\":{\"decision\":\"sampling-ratio\"", "\"ratioSource\":\"rule\"")
        .doesNotContain("creditClass", "riskLevel", "\"low\"", "\"high\"", "\"medium\"", "信用", "风险");
    String page = http.get("/public/draws/" + DrawService.drawId(plan, 1), null).body();
    assertThat(page).contains("第 1 层 “r01”", "决策表 sampling-ratio", "第 1 行，规则 Ratio_01", "每户每年最多抽查 1 次",
        "决策表规则").doesNotContain("信用等级", "风险等级", "高风险", "低风险");
  }

  @Test
  void aBatchIsDrawnOnceAndDrawnEntitiesCountTowardsTheirYearlyCap() {
    String first = newPlan(false);
    draws.commit(first, 1, TestClock.now());
    draws.freeze(first, 1, TestClock.now());
    DrawRecord record = draws.draw(first, 1, null, TestClock.now());
    assertThat(record.beacon()).isNull();
    assertThatThrownBy(() -> draws.draw(first, 1, null, TestClock.now()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("只能抽取一次");

    // class D: yearly cap 4 in the DMN; drawn entities accumulate one selection per plan
    String second = newPlan(false);
    draws.commit(second, 1, TestClock.now());
    DrawService.Freeze freeze = draws.freeze(second, 1, TestClock.now());
    int capped = jdbc.sql("""
        SELECT COUNT(*) FROM (SELECT s.uscc FROM draw_selection s JOIN directory_entity e ON e.uscc = s.uscc
        WHERE s.plan_year = 2026 AND e.category = :c AND e.credit_class = 'B' GROUP BY s.uscc HAVING COUNT(*) >= 1) x
        """).param("c", CATEGORY).query(Integer.class).single();
    // class B, medium risk, general items: cap 1 a year, so every B drawn before is excluded now
    assertThat(freeze.excluded().getOrDefault(DrawService.EXCLUDED_AT_YEARLY_CAP, 0)).isGreaterThanOrEqualTo(capped);
    assertThat(capped).isPositive();
  }

  @Test
  void inspectorsAreMatchedOnceAvoidingConflictsAndAuditorsReplayIt() throws Exception {
    String plan = newPlan(false);
    draws.commit(plan, 1, TestClock.now());
    assertThatThrownBy(() -> draws.match(plan, 1, "chenjing", TestClock.now())).isInstanceOf(ConflictException.class);
    draws.freeze(plan, 1, TestClock.now());
    DrawRecord record = draws.draw(plan, 1, null, TestClock.now());
    String firstDrawn = record.strata().stream().flatMap(s -> s.selected().stream()).findFirst().orElseThrow();
    // the demo market inspectors: zhangwei has a registered conflict with the first drawn entity
    jdbc.sql("INSERT INTO directory_inspector (staff_number, name, department, unit, qualifications, expert, active,"
            + " certificate_expiry, created_at, updated_at) SELECT :s, :n, 'market', '上城区所', '', FALSE, TRUE, :exp, :t, :t"
            + " FROM (VALUES (1)) x WHERE NOT EXISTS (SELECT 1 FROM directory_inspector WHERE staff_number = :s)")
        .param("s", "zhangwei").param("n", "张伟").param("exp", java.sql.Date.valueOf("2030-12-31"))
        .param("t", java.sql.Timestamp.from(TestClock.now())).update();
    for (Map.Entry<String, String> staff : Map.of("lina", "李娜", "wangqiang", "王强", "liuyang", "刘洋").entrySet()) {
      jdbc.sql("INSERT INTO directory_inspector (staff_number, name, department, unit, qualifications, expert, active,"
              + " certificate_expiry, created_at, updated_at) SELECT :s, :n, 'market', '上城区所', '', FALSE, TRUE, :exp, :t, :t"
              + " FROM (VALUES (1)) x WHERE NOT EXISTS (SELECT 1 FROM directory_inspector WHERE staff_number = :s)")
          .param("s", staff.getKey()).param("n", staff.getValue()).param("exp", java.sql.Date.valueOf("2030-12-31"))
          .param("t", java.sql.Timestamp.from(TestClock.now())).update();
    }
    jdbc.sql("INSERT INTO directory_conflict (staff_number, uscc, reason, source, created_at) VALUES ('zhangwei', :u, '近亲属任职', '本人申报', :t)")
        .param("u", firstDrawn).param("t", java.sql.Timestamp.from(TestClock.now())).update();

    InspectorMatcherV1.MatchResult result = draws.match(plan, 1, "chenjing", TestClock.now());

    InspectorMatcherV1.Assignment first = result.assignments().stream()
        .filter(a -> a.uscc().equals(firstDrawn)).findFirst().orElseThrow();
    assertThat(first.staffNumbers()).hasSize(2).doesNotContain("zhangwei");
    assertThat(result.assignments()).allSatisfy(a -> assertThat(a.staffNumbers()).hasSize(2).doesNotHaveDuplicates());
    assertThatThrownBy(() -> draws.match(plan, 1, "chenjing", TestClock.now())).isInstanceOf(ConflictException.class);

    HttpResponse<String> audit = http.get("/api/management/v1/draws/" + plan + "/batches/1/matching", "admin");
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(json.readTree(audit.body()).get("replayMatches").asBoolean()).isTrue();
    assertThat(http.get("/api/management/v1/draws/" + plan + "/batches/1/matching", "chenjing").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/management/v1/draws/" + plan + "/batches/1/freeze", "admin").body()).contains("populationHash");
  }

  void insertMarketInspector(String staff) {
    jdbc.sql("INSERT INTO directory_inspector (staff_number, name, department, unit, qualifications, expert, active,"
            + " certificate_expiry, created_at, updated_at) SELECT :s, :s, 'market', '上城区所', '', FALSE, TRUE, :exp, :t, :t"
            + " FROM (VALUES (1)) x WHERE NOT EXISTS (SELECT 1 FROM directory_inspector WHERE staff_number = :s)")
        .param("s", staff).param("exp", java.sql.Date.valueOf("2030-12-31"))
        .param("t", java.sql.Timestamp.from(TestClock.now())).update();
  }

  @Test
  void inspectorsWithoutAnActiveUserAreNotMatchedAndTheDrawStillVerifies() throws Exception {
    String plan = newPlan(false);
    draws.commit(plan, 1, TestClock.now());
    draws.freeze(plan, 1, TestClock.now());
    draws.draw(plan, 1, null, TestClock.now());
    List<String> demoInspectors = List.of("zhangwei", "lina", "wangqiang", "liuyang");
    demoInspectors.forEach(this::insertMarketInspector);
    // production: a user created by the directory has a password nobody knows until an administrator sets one
    new org.onedoor.directory.InspectorAccounts(identity, jdbc, "").createWithoutPassword("drawtest-pending", "待设密码");
    insertMarketInspector("drawtest-pending");
    insertMarketInspector("drawtest-nouser"); // in the directory, no user at all
    try {
      InspectorMatcherV1.MatchResult result = draws.match(plan, 1, "chenjing", TestClock.now());

      assertThat(result.assignments()).isNotEmpty().allSatisfy(a ->
          assertThat(a.staffNumbers()).hasSize(2).doesNotContain("drawtest-pending", "drawtest-nouser"));
      // the frozen request says who could not sign in: the replay gives the same matching
      JsonNode request = json.readTree(jdbc.sql("SELECT request_json FROM draw_matching WHERE plan_number = :p")
          .param("p", plan).query(String.class).single());
      java.util.Map<String, Boolean> canSignIn = new java.util.HashMap<>();
      request.get("inspectors").forEach(i -> canSignIn.put(i.get("staffNumber").asText(), i.get("canSignIn").asBoolean()));
      assertThat(canSignIn).containsEntry("drawtest-pending", false).containsEntry("drawtest-nouser", false)
          .containsEntry("lina", true);
      DrawService.Matching audit = draws.matching(plan, 1).orElseThrow();
      assertThat(audit.replayMatches()).isTrue();
      assertThat(audit.cannotSignIn()).contains("drawtest-nouser", "drawtest-pending").doesNotContain("lina");
      HttpResponse<String> published = http.get("/public/api/draws/" + DrawService.drawId(plan, 1), null);
      assertThat(VerifyDraw.verify(published.body()).match()).isTrue();
    } finally {
      jdbc.sql("DELETE FROM directory_inspector WHERE staff_number IN ('drawtest-pending', 'drawtest-nouser')").update();
      identity.deleteUser("drawtest-pending");
    }
  }

  @Test
  void unknownDrawsAndBatchesAreNotFound() {
    assertThat(http.get("/public/api/draws/NOPE-b1", null).statusCode()).isEqualTo(404);
    String plan = newPlan(false);
    assertThatThrownBy(() -> draws.commit(plan, 2, TestClock.now())).hasMessageContaining("批次");
    assertThatThrownBy(() -> draws.freeze(plan, 1, TestClock.now())).isInstanceOf(ConflictException.class);
  }
}
