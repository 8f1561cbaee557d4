package org.onedoor.disclosure;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawService;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real published draws for the page tests, made as DrawServiceTest makes them: a catalogue item, 40
 * fresh entities in a category of their own (10 per credit class, so no earlier draw's yearly cap
 * shrinks them), a plan, and commit, freeze and draw through DrawService.
 */
final class DrawPageFixture {

  /** Ratios per class: A 5, B 6, C 5, D 4 of 10 drawn. */
  static final Map<String, String> RATIOS = Map.of("A", "0.5", "B", "0.55", "C", "0.45", "D", "0.35");

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final JdbcClient jdbc;
  private final CatalogService catalog;
  private final PlanService plans;
  private final DrawService draws;

  DrawPageFixture(JdbcClient jdbc, CatalogService catalog, PlanService plans, DrawService draws) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.plans = plans;
    this.draws = draws;
  }

  /** A plan whose batch 1 is committed only; returns the draw id. */
  String committed() {
    String plan = plan(category(), false);
    draws.commit(plan, 1, TestClock.now());
    return DrawService.drawId(plan, 1);
  }

  /** A drafted plan over 40 fresh entities, nothing committed yet; returns its number. */
  String drafted(boolean beaconRequired) {
    return plan(category(), beaconRequired);
  }

  /** A plan whose batch 1 is drawn with this beacon (null: the plan opted out); returns the draw id. */
  String drawn(String beacon) {
    String plan = plan(category(), beacon != null);
    Instant now = TestClock.now();
    draws.commit(plan, 1, now);
    draws.freeze(plan, 1, now);
    draws.draw(plan, 1, beacon, now);
    return DrawService.drawId(plan, 1);
  }

  private String category() {
    ensureCatalogueItem();
    int n = SEQUENCE.incrementAndGet();
    String category = "核验页测试门类" + n + "-" + System.nanoTime();
    Timestamp now = Timestamp.from(TestClock.now());
    String prefix = String.format("91330100W%03d", (int) (System.nanoTime() % 1000));
    for (int i = 0; i < 40; i++) {
      String body = prefix + String.format("%02d%03d", n % 100, i);
      String uscc = body + Uscc.checkCharacter(body);
      jdbc.sql("""
          INSERT INTO directory_entity (uscc, name, type, category, subcategory, unit, region, address,
              legal_representative, status, credit_class, risk_level, tags, commitment, created_at, updated_at)
          VALUES (:u, :n, 'enterprise', :c, '', '西湖区所', '西湖区', '', '', 'active', :cc, 'medium', '', FALSE, :t, :t)
          """)
          .param("u", uscc).param("n", "核验页测试企业" + i).param("c", category)
          .param("cc", String.valueOf("ABCD".charAt(i % 4))).param("t", now).update();
    }
    return category;
  }

  private String plan(String category, boolean beaconRequired) {
    String number = "VFY-" + System.nanoTime() % 1_000_000_000L;
    plans.create(new PlanRequest(2026, number, "核验页测试计划", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("DR-M1"))),
        new PopulationFilter(List.of(category), List.of(), List.of(), List.of(), List.of(), List.of()),
        2, false, List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), beaconRequired, false, null, RATIOS), "chenjing", PublicFixture.DRAFTED);
    return number;
  }

  /** The same item DrawServiceTest uses, created identically when that test has not run yet. */
  private synchronized void ensureCatalogueItem() {
    if (catalog.latestPublished().isEmpty()
        || catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("DR-M1")).isEmpty()) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "draw test", TestClock.now()));
      catalog.putItem(draft.versionNo(), "DR-M1", new ItemDraft("QD-DR", "抽取测试", "抽取测试事项", "market", "测试依据",
          "一般", List.of("现场检查"), List.of(new SubItemDraft("DR-M1-01", "子项", List.of("内容")))));
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
  }
}
