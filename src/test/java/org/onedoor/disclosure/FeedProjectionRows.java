package org.onedoor.disclosure;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the disclosure projection (db/migration/common/V50, h2|postgresql/V51) for the feed tests,
 * written as the projection writes them.
 */
final class FeedProjectionRows {

  private final JdbcClient jdbc;

  FeedProjectionRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The newest publication time in the projection tables the feeds read (or {@code now} if later):
   * other test classes share the database and publish with moved engine clocks (years ahead), so a
   * test that wants its rows to head the feed publishes after this.
   */
  Instant latestPublication(Instant now) {
    Instant latest = now;
    for (String table : new String[] {"public_plan", "public_draw", "public_result", "public_listing"}) {
      Instant newest = jdbc.sql("SELECT published_at FROM " + table + " ORDER BY published_at DESC LIMIT 1")
          .query((rs, i) -> rs.getTimestamp(1).toInstant()).optional().orElse(latest);
      if (newest.isAfter(latest)) {
        latest = newest;
      }
    }
    return latest;
  }

  void plan(String number, String name, Instant publishedAt) {
    jdbc.sql("""
        INSERT INTO public_plan (plan_number, plan_year, name, mode, lead_department, lead_authority, authorities,
            draw_date, batches, catalog_version, arisen_on, deadline, published_at)
        VALUES (:n, 2026, :name, 'untargeted', 'market', '市场监管局', '市场监管局、消防救援支队', :d,
            '[{"batch":1,"from":"2026-12-01","to":"2026-12-31"}]', 1, :d, :d, :at)""")
        .param("n", number).param("name", name).param("d", Date.valueOf(LocalDate.of(2026, 11, 20)))
        .param("at", Timestamp.from(publishedAt)).update();
  }

  void draw(String planNumber, Instant publishedAt) {
    jdbc.sql("""
        INSERT INTO public_draw (draw_id, plan_number, batch, commitment, record_json, drawn_at, arisen_on, deadline,
            published_at) VALUES (:id, :n, 1, :c, '{}', :at, :d, :d, :at)""")
        .param("id", planNumber + "-b1").param("n", planNumber).param("c", "ab".repeat(32))
        .param("d", Date.valueOf(LocalDate.of(2026, 12, 1))).param("at", Timestamp.from(publishedAt)).update();
  }

  /** One version of a result notice; the previous version stops being current. */
  void result(long recordId, int version, String changeKind, String reason, String planNumber, String entityName,
      String uscc, String resultLabel, String remarks, Instant publishedAt) {
    jdbc.sql("UPDATE public_result SET current_version = FALSE WHERE record_id = :r").param("r", recordId).update();
    jdbc.sql("""
        INSERT INTO public_result (record_id, version, change_kind, change_reason, current_version, plan_number,
            plan_name, task_number, task_name, inspection_type, department, authority, entity_name, uscc,
            completed_on, result_code, result_label, remarks, arisen_on, deadline, published_at)
        VALUES (:r, :v, :k, :why, TRUE, :p, '订阅测试计划', :t, '订阅测试任务', '不定向抽查', 'market', '市场监管局', :name,
            :u, :d, '1', :label, :remarks, :d, :d, :at)""")
        .param("r", recordId).param("v", version).param("k", changeKind).param("why", reason).param("p", planNumber)
        .param("t", planNumber + "-0001").param("name", entityName).param("u", uscc)
        .param("d", Date.valueOf(LocalDate.of(2026, 12, 10))).param("label", resultLabel).param("remarks", remarks)
        .param("at", Timestamp.from(publishedAt)).update();
  }

  void listing(long recordId, long listingId, String kind, String decisionNumber, String uscc, String entityName,
      String groundLabel, LocalDate decidedOn, Instant publishedAt) {
    jdbc.sql("""
        INSERT INTO public_listing (record_id, version, change_kind, change_reason, current_version, listing_id,
            decision_kind, decision_number, uscc, entity_name, individual_business, ground, ground_label, reason_code,
            department, authority, decided_on, legal_basis, arisen_on, deadline, published_at)
        VALUES (:r, 1, 'ORIGINAL', NULL, TRUE, :l, :k, :no, :u, :name, FALSE, :g, :gl, NULL, 'market', '市场监管局',
            :d, '《企业经营异常名录管理暂行办法》', :d, :d, :at)""")
        .param("r", recordId).param("l", listingId).param("k", kind).param("no", decisionNumber).param("u", uscc)
        .param("name", entityName).param("g", groundLabel == null ? null : "4").param("gl", groundLabel)
        .param("d", Date.valueOf(decidedOn)).param("at", Timestamp.from(publishedAt)).update();
  }
}
