package org.onedoor.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An install upgraded from before V61 has commitments the projection never saw (the draw page used to
 * read them from the draw feature): V61 backfills them, so they stay public. Runs our migrations alone
 * on a fresh H2 (and PostgreSQL) database up to V60, writes what the draw feature and the projection wrote then, and
 * migrates on.
 */
class CommitmentBackfillMigrationTest {

  static final Instant AT = Instant.parse("2026-11-02T02:00:00Z");

  @Test
  void commitmentsMadeBeforeTheProjectionHeldThemAreBackfilledAndDrawnRecordsLearnTheirCommitment() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:backfill-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
    db.setUser("sa");
    backfill(db, "h2");
  }

  @Test
  void theBackfillWorksOnPostgresToo() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      backfill(postgres.getPostgresDatabase(), "postgresql");
    }
  }

  private void backfill(DataSource db, String vendor) {
    flyway(db, vendor, "60").migrate();
    JdbcClient jdbc = JdbcClient.create(db);

    String committed = "{\"algorithm\":\"onedoor-draw-v1\",\"planNumber\":\"BF-1\",\"batch\":1,\"commitment\":\""
        + "c1".repeat(32) + "\"}";
    String frozen = "{\"commitment\":\"" + "c2".repeat(32) + "\",\"populationHash\":\"" + "f2".repeat(32)
        + "\",\"excluded\":{},\"frozenAt\":\"" + AT + "\"}";
    commitment(jdbc, "BF-1", 1, "c1".repeat(32), "COMMITTED", committed, false);
    commitment(jdbc, "BF-1", 2, "c2".repeat(32), "FROZEN", frozen, false);
    commitment(jdbc, "BF-2", 1, "c3".repeat(32), "DRAWN", "{\"commitment\":\"" + "c3".repeat(32) + "\"}", true);
    // a drawn record whose commitment is not the one published before the draw
    commitment(jdbc, "BF-2", 2, "c4".repeat(32), "DRAWN", "{\"commitment\":\"" + "d4".repeat(32) + "\"}", true);

    flyway(db, vendor, "latest").migrate();

    Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
    jdbc.sql("SELECT * FROM public_draw").query(rs -> {
      Map<String, Object> row = new java.util.HashMap<>();
      row.put("state", rs.getString("state"));
      row.put("commitment", rs.getString("commitment"));
      row.put("committed_at", rs.getTimestamp("committed_at") == null ? null : rs.getTimestamp("committed_at").toInstant());
      row.put("matches", rs.getObject("commitment_matches"));
      row.put("json", rs.getString("record_json"));
      row.put("drawn_at", rs.getTimestamp("drawn_at"));
      rows.put(rs.getString("draw_id"), row);
    });
    assertThat(rows).containsOnlyKeys("BF-1-b1", "BF-1-b2", "BF-2-b1", "BF-2-b2");
    assertThat(rows.get("BF-1-b1")).containsEntry("state", "COMMITTED").containsEntry("commitment", "c1".repeat(32))
        .containsEntry("committed_at", AT).containsEntry("json", committed).containsEntry("drawn_at", null)
        .containsEntry("matches", null);
    assertThat(rows.get("BF-1-b2")).containsEntry("state", "FROZEN").containsEntry("json", frozen);
    assertThat(rows.get("BF-2-b1")).containsEntry("state", "DRAWN").containsEntry("commitment", "c3".repeat(32))
        .containsEntry("committed_at", AT).containsEntry("matches", true);
    assertThat(rows.get("BF-2-b2")).as("the commitment published before the draw is kept, the mismatch shown")
        .containsEntry("commitment", "c4".repeat(32)).containsEntry("matches", false);
    assertThat(jdbc.sql("SELECT version FROM public_draw WHERE draw_id = 'BF-1-b1'").query(Integer.class).single())
        .isEqualTo(1);
  }

  private static Flyway flyway(DataSource db, String vendor, String target) {
    return Flyway.configure().dataSource(db).table("onedoor_schema_history")
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor).target(target).load();
  }

  /** What DrawService wrote, and for a drawn batch what the projection (V51) held of it. */
  private static void commitment(JdbcClient jdbc, String plan, int batch, String commitment, String state, String json,
      boolean projected) {
    Timestamp at = Timestamp.from(AT);
    String id = plan + "-b" + batch;
    jdbc.sql("INSERT INTO draw_commitment (plan_number, batch, nonce_hex, commitment, committed_at)"
            + " VALUES (:p, :b, :n, :c, :at)")
        .param("p", plan).param("b", batch).param("n", "00".repeat(32)).param("c", commitment).param("at", at).update();
    jdbc.sql("INSERT INTO draw_publication (id, plan_number, batch, state, public_json, published_at, drawn_at)"
            + " VALUES (:id, :p, :b, :s, :j, :at, :drawn)")
        .param("id", id).param("p", plan).param("b", batch).param("s", state).param("j", json).param("at", at)
        .param("drawn", projected ? at : null).update();
    if (projected) {
      jdbc.sql("""
              INSERT INTO public_draw (draw_id, plan_number, batch, commitment, record_json, drawn_at, arisen_on,
                  deadline, published_at) VALUES (:id, :p, :b, :c, :j, :at, DATE '2026-11-02', DATE '2026-11-30', :at)""")
          .param("id", id).param("p", plan).param("b", batch).param("c", json.substring(15, 79)).param("j", json)
          .param("at", at).update();
    }
  }
}
