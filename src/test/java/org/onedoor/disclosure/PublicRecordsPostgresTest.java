package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnPostgres;
import org.onedoor.catalog.CatalogService;
import org.onedoor.listing.ListingDecided.Kind;
import org.onedoor.plan.PlanService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projection's SQL on a real PostgreSQL (zonky embedded): every read and write of
 * {@link PublicRecords} and {@link DisclosureDeadlines}, the generator's COPY path, and the query
 * plans of the searches (the indexes are used). Its own context, closed with the database.
 */
class PublicRecordsPostgresTest {

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext context;
  private static PublicRecords records;
  private static PublicFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    context = OnPostgres.start(postgres);
    records = context.getBean(PublicRecords.class);
    fixture = new PublicFixture(context.getBean(PlanService.class), context.getBean(CatalogService.class),
        context, context.getBean(TransactionTemplate.class));
  }

  @AfterAll
  static void stop() throws Exception {
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void everyReadAndWriteWorksOnPostgres() {
    Instant at = Instant.parse("2026-12-02T02:00:00Z");
    String plan = fixture.publishedPlan("PostgreSQL 测试计划", at);
    String uscc = PublicFixture.uscc("9133010051");
    fixture.drawn(plan, at, uscc);
    fixture.publish(fixture.result(plan, uscc, "库测试_100%有限公司", "market", "1", "未发现问题", null, false,
        LocalDate.of(2026, 12, 3), at));
    long listingId = PublicFixture.SEQUENCE.incrementAndGet();
    fixture.publish(fixture.listing(listingId, Kind.LISTED, uscc, "库测试_100%有限公司", "4", LocalDate.of(2026, 12, 4), at));

    assertThat(records.search("库测试_100%", 0, 20).items()).extracting(Disclosures.EntitySummary::uscc).containsExactly(uscc);
    assertThat(records.search("库测试_1000", 0, 20).items()).as("_ and % are literal").isEmpty();
    assertThat(records.search(uscc.substring(0, 12), 0, 20).items()).isNotEmpty();
    assertThat(records.search(uscc, 0, 20).items()).hasSize(1);
    var entity = records.entity(uscc, 0, 20).orElseThrow();
    assertThat(entity.results().items()).hasSize(1);
    assertThat(entity.listings()).hasSize(1);
    assertThat(records.plans(2026, 0, 20).items()).extracting(Disclosures.PublicPlan::planNumber).contains(plan);
    var planRecords = records.plan(plan, 0, 20).orElseThrow();
    assertThat(planRecords.items()).hasSize(2);
    assertThat(planRecords.draws()).hasSize(1);
    assertThat(records.results("market", plan, 0, 20).items()).hasSize(1);
    assertThat(records.abnormalList("LISTED", "4", "market", 2026, "库测试", 0, 20).items()).hasSize(1);
    long id = entity.results().items().get(0).id();
    records.correct(PublicRecords.KIND_RESULT, id, new Disclosures.Correction("更正", null, null, null, null, null,
        "补充备注", null, null, null, null, null, null, null), at.plusSeconds(60));
    records.withdraw(PublicRecords.KIND_LISTING, entity.listings().get(0).id(), "撤回", at.plusSeconds(120));
    assertThat(records.resultVersions(id)).hasSize(2);
    assertThat(records.abnormalList(null, null, null, null, uscc, 0, 20).items()).isEmpty();

    DisclosureDeadlines deadlines = context.getBean(DisclosureDeadlines.class);
    assertThat(deadlines.due(LocalDate.of(2027, 6, 1), 5).overdueCount()).as("fire still owes its result").isEqualTo(1);
    assertThat(deadlines.onTimeRates(YearMonth.of(2026, 12), YearMonth.of(2026, 12), "market")).hasSize(1);
  }

  @Test
  void commitmentsAndTheChangesOfPlansAndDrawsWorkOnPostgres() {
    Instant at = Instant.parse("2026-12-05T02:00:00Z");
    String plan = fixture.publishedPlan("PostgreSQL 更正测试计划", at);
    String id = plan + "-b1";
    String commitment = "ab".repeat(32);
    fixture.publish(new org.onedoor.draw.DrawCommitted(id, plan, 1, commitment,
        "{\"algorithm\":\"onedoor-draw-v1\",\"planNumber\":\"" + plan + "\",\"batch\":1,\"commitment\":\"" + commitment
            + "\"}", at));
    fixture.publish(new org.onedoor.draw.DrawFrozen(id, plan, 1, "ef".repeat(32),
        "{\"commitment\":\"" + commitment + "\",\"populationHash\":\"" + "ef".repeat(32) + "\"}", at.plusSeconds(60)));
    assertThat(records.findDraw(id).orElseThrow().state()).isEqualTo("FROZEN");
    fixture.drawn(plan, at.plusSeconds(120), PublicFixture.uscc("9133010052"));
    assertThat(records.findDraw(id).orElseThrow().commitmentMatches()).isTrue();

    records.correctPlan(plan, new Disclosures.Correction("更正名称", null, null, null, null, null, "备注", null, null,
        "PostgreSQL 更正后的计划", List.of(new Disclosures.ItemCorrection("fire", "GK-F1", null, null, "《消防法》第五十三条",
            null)), null, null, null), at.plusSeconds(180));
    records.withdrawPlan(plan, "撤回", at.plusSeconds(240));
    records.correctDraw(id, new Disclosures.Correction("更正说明", null, null, null, null, null, null, null, null, null,
        null, null, null, null), at.plusSeconds(300));
    records.withdrawDraw(id, "作废", at.plusSeconds(360));

    var planRecords = records.plan(plan, 0, 20).orElseThrow();
    assertThat(planRecords.versions()).extracting(Disclosures.PlanVersion::changeKind)
        .containsExactly(Disclosures.ChangeKind.ORIGINAL, Disclosures.ChangeKind.CORRECTION,
            Disclosures.ChangeKind.WITHDRAWAL);
    assertThat(planRecords.versions().get(1).items()).extracting(Disclosures.PlanItem::legalBasis)
        .contains("《消防法》第五十三条");
    assertThat(planRecords.plan().withdrawn()).isTrue();
    assertThat(planRecords.draws().get(0).withdrawn()).isTrue();
    assertThat(records.drawChanges(planRecords.draws().get(0))).hasSize(3);

    FeedReader feeds = context.getBean(FeedReader.class);
    assertThat(feeds.newest(FeedReader.FEED_ENTRIES)).extracting(FeedReader.FeedEntry::title)
        .contains("【撤回】抽取记录公示：计划 " + plan + " 第 1 批", "【更正】抽查计划公示：PostgreSQL 更正后的计划（" + plan + "）",
            "抽取承诺值公示：计划 " + plan + " 第 1 批");
    List<List<String>> rows = new java.util.ArrayList<>();
    feeds.draws(plan, rows::add);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).contains("已撤回", "作废", "一致");
    List<List<String>> planRows = new java.util.ArrayList<>();
    feeds.plans(2026, planRows::add);
    assertThat(planRows).anySatisfy(r -> assertThat(r).contains(plan, "已撤回"));
  }

  @Test
  void theGeneratorCopiesResultsAndTheSearchesUseTheirIndexes() throws Exception {
    DataSource dataSource = context.getBean(DataSource.class);
    try (Connection c = dataSource.getConnection()) {
      var generated = PublicResultGenerator.generate(c, 5_000, 1);
      assertThat(generated.entities()).isEqualTo(1_000);
    }
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM public_result WHERE uscc LIKE '91330100G%'", Long.class))
        .isEqualTo(5_000);
    String name = PublicResultGenerator.name(7);
    assertThat(records.search(name.substring(0, 9), 0, 20).items()).isNotEmpty();
    assertThat(records.entity(PublicResultGenerator.uscc(7), 0, 20).orElseThrow().results().total()).isEqualTo(5);
    // the copied rows' entity pages: stored by the backfill (window functions on PostgreSQL), equal to the rows
    assertThat(context.getBean(EntityFirstPages.class).backfill()).isGreaterThanOrEqualTo(1_000);
    var json = context.getBean(com.fasterxml.jackson.databind.ObjectMapper.class);
    for (int entity : new int[] {0, 7, 999}) {
      String uscc = PublicResultGenerator.uscc(entity);
      assertThat(json.readTree(records.storedEntityJson(uscc, 0, 20).orElseThrow()))
          .isEqualTo(json.readTree(json.writeValueAsString(records.entityReadTheLongWay(uscc, 0, 20).orElseThrow())));
    }

    String byName = plan(dataSource, "EXPLAIN SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE entity_name LIKE '临江市西湖区%' ESCAPE '\\'"
        + " ORDER BY entity_name, uscc LIMIT 21");
    assertThat(byName).contains("public_entity_name_covering").doesNotContain("Sort");
    // once vacuumed (autovacuum does it after bulk inserts), the hits come from the index alone
    jdbc.execute("VACUUM public_entity");
    assertThat(plan(dataSource, "EXPLAIN SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE entity_name >= '临江市西湖区'"
        + " AND entity_name < '临江市西湖卻' ORDER BY entity_name, uscc LIMIT 21"))
        .contains("Index Only Scan using public_entity_name_covering");
    String byUsccPrefix = plan(dataSource, "EXPLAIN SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE uscc LIKE '91330100G0%' ESCAPE '\\'"
        + " ORDER BY uscc LIMIT 21");
    assertThat(byUsccPrefix).contains("public_entity_pkey");
    String results = plan(dataSource, "EXPLAIN SELECT * FROM public_result WHERE uscc = 'X' AND current_version = TRUE"
        + " ORDER BY completed_on DESC, id DESC LIMIT 21");
    assertThat(results).contains("public_result_uscc");

    // the statement the search sends, as the cached generic plan PostgreSQL keeps for it: the range
    // bounds the index scan even when the pattern is a parameter
    String generic = genericPlan(dataSource, "SELECT " + PublicRows.ENTITY_COLUMNS + " FROM public_entity WHERE entity_name >= $1 AND entity_name < $2"
        + " AND entity_name LIKE $3 ESCAPE '\\' ORDER BY entity_name, uscc LIMIT $4 OFFSET $5",
        "'临江市西湖区', '临江市西湖区', '临江市西湖区%', 21, 0");
    assertThat(generic).containsPattern("Index (Only )?Scan (on|using) public_entity_name_covering")
        .containsPattern("Index Cond: .*entity_name.*>= \\$1.*< \\$2");
  }

  private static String genericPlan(DataSource dataSource, String sql, String arguments) throws Exception {
    StringBuilder lines = new StringBuilder();
    try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE probe AS " + sql);
      try (var rs = s.executeQuery("EXPLAIN EXECUTE probe(" + arguments + ")")) {
        while (rs.next()) {
          lines.append(rs.getString(1)).append('\n');
        }
      }
      s.execute("DEALLOCATE probe");
      s.execute("RESET plan_cache_mode");
    }
    return lines.toString();
  }

  /** The plan on one connection, sequential scans discouraged (the tables are small here). */
  private static String plan(DataSource dataSource, String sql) throws Exception {
    StringBuilder lines = new StringBuilder();
    try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
      s.execute("SET enable_seqscan = off");
      try (var rs = s.executeQuery(sql)) {
        while (rs.next()) {
          lines.append(rs.getString(1)).append('\n');
        }
      }
      s.execute("RESET enable_seqscan");
    }
    return lines.toString();
  }
}
