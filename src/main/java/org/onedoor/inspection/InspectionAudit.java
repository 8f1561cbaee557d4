package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit trail of an inspection (R15): every decision — who, when, what and why — in the decision's
 * own transaction, append-only.
 */
@Service
public class InspectionAudit {

  /** One recorded decision. {@code kind} is a stable English code, {@code summary} the Chinese text shown. */
  public record Event(long id, String inspectionNumber, String department, String kind, String actor,
      Instant occurredAt, String summary, String reason) {}

  static final int MAX_TEXT = 2000;

  private final JdbcClient jdbc;

  public InspectionAudit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String inspectionNumber, String department, String kind, String actor, Instant at,
      String summary, String reason) {
    jdbc.sql("INSERT INTO inspection_event (inspection_number, department, kind, actor, occurred_at, summary, reason)"
            + " VALUES (:n, :d, :k, :a, :at, :s, :r)")
        .param("n", inspectionNumber).param("d", department).param("k", kind).param("a", actor)
        .param("at", Timestamp.from(at)).param("s", clip(summary)).param("r", clip(reason)).update();
  }

  /** The trail of one inspection, oldest first. */
  public List<Event> events(String inspectionNumber) {
    return jdbc.sql("SELECT id, inspection_number, department, kind, actor, occurred_at, summary, reason"
            + " FROM inspection_event WHERE inspection_number = :n ORDER BY id")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)))
        .list();
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
