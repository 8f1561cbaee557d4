package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorApplication;
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
    context = new SpringApplicationBuilder(OnedoorApplication.class).profiles("postgres", "demo")
        .run("--ONEDOOR_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"), "--ONEDOOR_DB_USER=postgres",
            "--ONEDOOR_DB_PASSWORD=postgres", "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
            "--onedoor.demo.load-slice=false", "--onedoor.demo.run-plan=false",
            "--camunda.bpm.generate-unique-process-engine-name=true", "--camunda.bpm.webapp.enabled=false");
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

    String byName = plan(dataSource, "EXPLAIN SELECT * FROM public_entity WHERE entity_name LIKE '临江市西湖区%' ESCAPE '\\'"
        + " ORDER BY entity_name, uscc LIMIT 21");
    assertThat(byName).contains("public_entity_name").doesNotContain("Sort");
    String byUsccPrefix = plan(dataSource, "EXPLAIN SELECT * FROM public_entity WHERE uscc LIKE '91330100G0%' ESCAPE '\\'"
        + " ORDER BY uscc LIMIT 21");
    assertThat(byUsccPrefix).contains("public_entity_pkey");
    String results = plan(dataSource, "EXPLAIN SELECT * FROM public_result WHERE uscc = 'X' AND current_version = TRUE"
        + " ORDER BY completed_on DESC, id DESC LIMIT 21");
    assertThat(results).contains("public_result_uscc");
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
