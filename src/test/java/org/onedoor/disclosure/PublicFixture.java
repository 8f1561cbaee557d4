package org.onedoor.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.onedoor.TestClock;
import org.onedoor.catalog.Catalog.ItemDraft;
import org.onedoor.catalog.Catalog.SubItemDraft;
import org.onedoor.catalog.Catalog.Version;
import org.onedoor.catalog.CatalogService;
import org.onedoor.directory.Uscc;
import org.onedoor.draw.DrawPublished;
import org.onedoor.draw.DrawService;
import org.onedoor.inspection.ResultApproved;
import org.onedoor.listing.ListingDecided;
import org.onedoor.plan.PlanPublished;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test data for the public site: plans drafted through {@link PlanService}, and the domain events
 * the deciding features publish, each published inside a transaction as they publish them.
 */
final class PublicFixture {

  static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 100_000_000L);

  final PlanService plans;
  final CatalogService catalog;
  final ApplicationEventPublisher events;
  final TransactionTemplate tx;

  PublicFixture(PlanService plans, CatalogService catalog, ApplicationEventPublisher events, TransactionTemplate tx) {
    this.plans = plans;
    this.catalog = catalog;
    this.events = events;
    this.tx = tx;
  }

  static String uscc(String prefix) {
    int digits = 17 - prefix.length();
    String body = String.format("%s%0" + digits + "d", prefix, SEQUENCE.incrementAndGet() % (long) Math.pow(10, digits));
    return body + Uscc.checkCharacter(body);
  }

  static String number(String prefix) {
    return prefix + "-" + SEQUENCE.incrementAndGet();
  }

  void publish(Object event) {
    tx.executeWithoutResult(s -> events.publishEvent(event));
  }

  /** When the fixture's plans (windows in December 2026) are drafted: before their draw date, whatever today is. */
  static final Instant DRAFTED = Instant.parse("2026-11-02T02:00:00Z");

  /** A joint plan of market and fire, drafted and published (the projection reads it at publication). */
  String publishedPlan(String name, Instant at) {
    ensureCatalogue();
    String number = number("GK");
    plans.create(new PlanRequest(2026, number, name, "untargeted", "market",
        List.of(new DepartmentItems("market", List.of("GK-M1")), new DepartmentItems("fire", List.of("GK-F1"))),
        PopulationFilter.any(), 2, false,
        List.of(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 12, 1), false, false, null, Map.of()), "chenjing", at.isBefore(DRAFTED) ? at : DRAFTED);
    publish(new PlanPublished(number, at));
    return number;
  }

  /** A draw of batch 1 that selected the given entities. */
  String drawn(String plan, Instant at, String... selected) {
    String id = DrawService.drawId(plan, 1);
    StringBuilder sel = new StringBuilder();
    for (String u : selected) {
      sel.append(sel.isEmpty() ? "" : ",").append('"').append(u).append('"');
    }
    String json = "{\"algorithm\":\"onedoor-draw-v1\",\"planNumber\":\"" + plan + "\",\"batch\":1,"
        + "\"commitment\":\"" + "ab".repeat(32) + "\",\"nonce\":\"" + "cd".repeat(32) + "\",\"beacon\":null,"
        + "\"populationHash\":\"" + "ef".repeat(32) + "\",\"seed\":\"" + "01".repeat(32) + "\","
        + "\"strata\":[{\"name\":\"A\",\"ratio\":\"0.1\",\"population\":[" + sel + "],\"selected\":[" + sel + "]}],"
        + "\"drawnAt\":\"" + at + "\"}";
    publish(new DrawPublished(id, plan, 1, json, at));
    return id;
  }

  ResultApproved result(String plan, String uscc, String name, String department, String code, String label,
      String remarks, boolean confidential, LocalDate completedOn, Instant at) {
    return new ResultApproved(plan, "公开抽查测试计划", number("RW"), "2026年" + name + "联合抽查", "不定向抽查",
        department, "market".equals(department) ? "市场监管局" : "消防救援支队", name, uscc, completedOn, code, label,
        remarks, confidential, at);
  }

  ListingDecided listing(long listingId, ListingDecided.Kind kind, String uscc, String name, String ground,
      LocalDate decidedOn, Instant at) {
    return new ListingDecided(listingId, kind, "市监异〔2026〕" + SEQUENCE.incrementAndGet() + "号", uscc, name, false,
        ground, "4".equals(ground) ? "通过登记的住所或者经营场所无法联系" : "未按规定报送年度报告",
        kind == ListingDecided.Kind.REMOVED ? "4" : null, "market", "市场监管局", decidedOn, decidedOn,
        "经实地核查，该企业不在登记住所经营（联系人 " + "内部记录" + "）", "《企业经营异常名录管理暂行办法》第四条",
        "书面理由", at);
  }

  private void ensureCatalogue() {
    if (catalog.latestPublished().isPresent()
        && !catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("GK-M1", "GK-F1")).isEmpty()
        && catalog.departmentsOf(catalog.latestPublished().get().versionNo(), List.of("GK-M1", "GK-F1")).size() == 2) {
      return;
    }
    synchronized (PublicFixture.class) {
      Version draft = catalog.versions().stream().filter(v -> !v.isPublished()).findFirst()
          .orElseGet(() -> catalog.createDraft("admin", "public site test", TestClock.now()));
      catalog.putItem(draft.versionNo(), "GK-M1", new ItemDraft("QD-GK", "公示测试", "营业执照公示情况检查", "market",
          "《企业信息公示暂行条例》", "一般", List.of("现场检查"), List.of(new SubItemDraft("GK-M1-01", "子项", List.of("内容")))));
      catalog.putItem(draft.versionNo(), "GK-F1", new ItemDraft("QD-GK", "公示测试", "消防安全检查", "fire",
          "《消防法》", "一般", List.of("现场检查", "书面检查"), List.of(new SubItemDraft("GK-F1-01", "子项", List.of("内容")))));
      catalog.publish(draft.versionNo(), "admin", TestClock.now());
    }
  }
}
