package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit trail of an inspection (R15): every decision — who, when, what and why — in the decision's
 * own transaction, append-only.
 */
@Service
public class InspectionAudit {

  /**
   * One recorded decision. {@code kind} is a stable English code, {@code summary} the Chinese text
   * shown. {@code department} is the department the entry concerns (the record's); {@code
   * actorDepartment} the department(s) of the actor, comma-separated codes, from their group
   * membership at the time (null for the system and for users in no department).
   */
  public record Event(long id, String inspectionNumber, String department, String kind, String actor,
      Instant occurredAt, String summary, String reason, String actorDepartment) {}

  static final int MAX_TEXT = 2000;
  /** The type IdentitySeeder gives department groups. */
  static final String DEPARTMENT_GROUP_TYPE = "DEPARTMENT";

  private final JdbcClient jdbc;
  private final Function<String, String> actorDepartments;

  /** Without an identity service: actors' departments are not recorded. */
  public InspectionAudit(JdbcClient jdbc) {
    this(jdbc, actor -> null);
  }

  @Autowired
  public InspectionAudit(JdbcClient jdbc, IdentityService identity) {
    this(jdbc, actor -> departmentsOf(identity, actor));
  }

  InspectionAudit(JdbcClient jdbc, Function<String, String> actorDepartments) {
    this.jdbc = jdbc;
    this.actorDepartments = actorDepartments;
  }

  public void record(String inspectionNumber, String department, String kind, String actor, Instant at,
      String summary, String reason) {
    jdbc.sql("INSERT INTO inspection_event (inspection_number, department, kind, actor, occurred_at, summary, reason,"
            + " actor_department) VALUES (:n, :d, :k, :a, :at, :s, :r, :ad)")
        .param("n", inspectionNumber).param("d", department).param("k", kind).param("a", actor)
        .param("at", Timestamp.from(at)).param("s", clip(summary)).param("r", clip(reason))
        .param("ad", actor == null ? null : actorDepartments.apply(actor)).update();
  }

  /**
   * The department groups {@code actor} is a member of, comma-separated, or null. Read without the
   * caller's authorizations (a chief may not read group memberships), and never from a variable.
   */
  static String departmentsOf(IdentityService identity, String actor) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      List<String> codes = identity.createGroupQuery().groupMember(actor).groupType(DEPARTMENT_GROUP_TYPE)
          .orderByGroupId().asc().list().stream().map(Group::getId).toList();
      return codes.isEmpty() ? null : String.join(",", codes);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /** The trail of one inspection, oldest first. */
  public List<Event> events(String inspectionNumber) {
    return jdbc.sql("SELECT id, inspection_number, department, kind, actor, occurred_at, summary, reason,"
            + " actor_department FROM inspection_event WHERE inspection_number = :n ORDER BY id")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getString(9)))
        .list();
  }

  private static String clip(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
  }
}
