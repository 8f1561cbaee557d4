package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.OnPostgres;
import org.onedoor.TestClock;
import org.onedoor.platform.web.ConflictException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The listing SQL on a real PostgreSQL (zonky embedded): the sweep's freeze and chunks over the demo
 * slice, a listing's decision numbers, an objection and a removal application correlated to their
 * processes. Its own context, set up as {@code PostgresStartupTest} does.
 */
class ListingOnPostgresTest {

  private static EmbeddedPostgres postgres;
  private static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    context = OnPostgres.start(postgres, "onedoor.demo.load-slice=true", "onedoor.listing.sweep.cron=-");
  }

  @AfterAll
  static void stop() throws Exception {
    TestClock.reset();
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void sweepListingObjectionAndRemovalOnPostgres() {
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 7, 1).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
    Instant now = ClockUtil.now().toInstant();
    ListingSweep sweeps = context.getBean(ListingSweep.class);
    Listings listings = context.getBean(Listings.class);
    ListingFilings filings = context.getBean(ListingFilings.class);
    RuntimeService runtime = context.getBean(RuntimeService.class);
    JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());

    // the demo slice holds no annual reports: the freeze takes every active or abnormal entity
    String reported = jdbc.queryForObject(
        "SELECT MIN(uscc) FROM directory_entity WHERE status = 'active' AND established_on < DATE '2025-01-01'", String.class);
    context.getBean(AnnualReports.class).record(new AnnualReports.NewReport(reported, 2025, LocalDate.of(2026, 6, 1)), "test", now);
    ListingSweep.Sweep sweep = sweeps.start(2025, now);
    int candidates = sweeps.freeze(sweep.id());
    int expected = jdbc.queryForObject("""
        SELECT COUNT(*) FROM directory_entity
        WHERE status IN ('active', 'abnormal') AND (established_on IS NULL OR established_on <= DATE '2025-12-31')
        """, Integer.class) - 1;
    assertThat(candidates).isEqualTo(expected).isGreaterThan(100);
    assertThat(sweeps.freeze(sweep.id())).as("idempotent").isEqualTo(candidates);
    assertThat(sweeps.decide(sweep.id(), "approve", null, "chenjing", now)).isTrue();

    ListingSweep.Progress first = sweeps.listChunk(sweep.id(), 50, now);
    ListingSweep.Progress second = sweeps.listChunk(sweep.id(), 50, now);
    assertThat(first.done()).isEqualTo(50);
    assertThat(second.done()).isEqualTo(100);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT uscc) FROM listing WHERE source = 'SWEEP'", Integer.class))
        .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM listing WHERE source = 'SWEEP'", Integer.class))
        .isEqualTo(sweeps.get(sweep.id()).listed());
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT decision_number) FROM listing_decision", Integer.class))
        .isEqualTo(sweeps.get(sweep.id()).listed());

    Listings.Listing listed = listings.search("LISTED", "1", null, 0, 1).items().get(0);
    assertThat(listed.decisionNumber()).matches("市场监管局异〔2026〕\\d+号");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(listed.processInstanceId()).count()).isEqualTo(1);
    Listings.Objection objection = filings.fileObjection(listed.id(), LocalDate.of(2026, 7, 1), "已补报", null, "zhangwei", now);
    assertThat(objection.status()).isEqualTo("FILED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(listed.processInstanceId())
        .activityIdIn("AcceptObjection").count()).isEqualTo(1);
    Listings.Removal removal = filings.applyForRemoval(listed.id(), LocalDate.of(2026, 7, 1), "1", "已补报年度报告", "zhangwei", now);
    assertThat(removal.decisionDeadline()).isEqualTo(LocalDate.of(2026, 7, 8));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> filings.applyForRemoval(listed.id(), LocalDate.of(2026, 7, 1), "1", "再次", "zhangwei", now))
        .isInstanceOf(ConflictException.class);
    assertThat(listings.history(listed.uscc())).hasSize(1);
    assertThat(context.getBean(AnnualReports.class).of(reported)).hasSize(1);
    assertThat(sweeps.outcomes(sweep.id())).containsEntry("LISTED", sweeps.get(sweep.id()).listed());
  }
}
