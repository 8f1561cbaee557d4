package org.onedoor.credit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.security.OrganisationProperties;
import org.onedoor.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Risk warnings (R13): a warning from monitoring data, a complaint or another department is
 * registered, checked by an inspector of the department concerned and, when the check finds that
 * a targeted inspection is needed, approved by the department's chief.
 */
@Service
public class RiskWarningService {

  public static final Set<String> SOURCES = Set.of("monitoring", "complaint", "department", "other");
  public static final Set<String> LEVELS = Set.of("high", "medium", "low");
  public static final Set<String> CONCLUSIONS = Set.of("unfounded", "handled", "targeted");
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_FINDINGS = 4000;

  /** Where a warning stands. */
  public enum Status {
    CHECKING,
    AWAITING_APPROVAL,
    CLOSED,
    TARGETED_INSPECTION
  }

  /** What was reported. */
  public record NewWarning(
      String uscc, String entityName, String department, String source, String level, String description) {}

  public record Warning(
      long id,
      String uscc,
      String entityName,
      String department,
      String source,
      String level,
      String description,
      Instant receivedAt,
      String status,
      String conclusion,
      String findings,
      String checkedBy,
      String decision,
      String decidedBy) {}

  private final JdbcClient jdbc;
  private final OrganisationProperties organisation;
  private final ApplicationEventPublisher events;

  public RiskWarningService(JdbcClient jdbc, OrganisationProperties organisation, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.events = events;
  }

  /** Where a warning came from, as people read it. */
  public static String sourceLabel(String source) {
    return switch (source == null ? "" : source) {
      case "monitoring" -> "监测数据";
      case "complaint" -> "投诉举报";
      case "department" -> "其他部门推送";
      default -> "其他";
    };
  }

  /** Validates and stores a new warning; every bad field is reported at once. */
  public long register(NewWarning warning, String receivedBy, String processInstanceId, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    String uscc = Uscc.normalise(warning.uscc());
    Uscc.problem(uscc).ifPresent(p -> errors.add(new FieldError("uscc", p)));
    requireText(errors, "entityName", warning.entityName(), 200);
    if (warning.department() == null || organisation.department(warning.department()).isEmpty()) {
      errors.add(new FieldError("department", "未知的部门：" + warning.department()));
    }
    requireOneOf(errors, "source", warning.source(), SOURCES);
    requireOneOf(errors, "level", warning.level(), LEVELS);
    requireText(errors, "description", warning.description(), MAX_DESCRIPTION);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO credit_risk_warning (uscc, entity_name, department, source, level, description,
                received_at, received_by, process_instance_id, status)
            VALUES (:uscc, :name, :department, :source, :level, :description, :at, :by, :pi, :status)
            """)
        .param("uscc", uscc)
        .param("name", warning.entityName().strip())
        .param("department", warning.department())
        .param("source", warning.source())
        .param("level", warning.level())
        .param("description", warning.description().strip())
        .param("at", Timestamp.from(now))
        .param("by", receivedBy)
        .param("pi", processInstanceId)
        .param("status", Status.CHECKING.name())
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    events.publishEvent(new RiskWarningRaised(id, warning.entityName().strip(), warning.department(),
        sourceLabel(warning.source()), receivedBy, now, Set.of(Role.CHIEF.workGroupId(warning.department()))));
    return id;
  }

  /**
   * Records the inspector's check. Returns whether a targeted inspection is proposed, which routes
   * the process to the chief.
   */
  public boolean recordCheck(long warningId, String conclusion, String findings, String inspector, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    requireOneOf(errors, "conclusion", conclusion, CONCLUSIONS);
    requireText(errors, "findings", findings, MAX_FINDINGS);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    boolean targeted = "targeted".equals(conclusion);
    int updated =
        jdbc.sql(
                """
                UPDATE credit_risk_warning SET conclusion = :conclusion, findings = :findings,
                    checked_by = :by, checked_at = :at, status = :status
                WHERE id = :id AND status = :checking
                """)
            .param("conclusion", conclusion)
            .param("findings", findings.strip())
            .param("by", inspector)
            .param("at", Timestamp.from(now))
            .param("status", (targeted ? Status.AWAITING_APPROVAL : Status.CLOSED).name())
            .param("id", warningId)
            .param("checking", Status.CHECKING.name())
            .update();
    requireOneRow(updated, warningId, Status.CHECKING);
    if (!targeted) {
      concluded(warningId, conclusion, now);
    }
    return targeted;
  }

  /** Records the chief's decision on a proposed targeted inspection. */
  public void recordDecision(long warningId, Boolean approved, String opinion, String chief, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (approved == null) {
      errors.add(new FieldError("decision", "请选择批准或不批准"));
    }
    if (Boolean.FALSE.equals(approved) && (opinion == null || opinion.isBlank())) {
      errors.add(new FieldError("opinion", "不批准时必须书面说明理由"));
    }
    if (opinion != null && opinion.length() > MAX_DESCRIPTION) {
      errors.add(new FieldError("opinion", "不能超过 " + MAX_DESCRIPTION + " 个字符"));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    int updated =
        jdbc.sql(
                """
                UPDATE credit_risk_warning SET decision = :decision, decision_opinion = :opinion,
                    decided_by = :by, decided_at = :at, status = :status
                WHERE id = :id AND status = :awaiting
                """)
            .param("decision", approved ? "approved" : "rejected")
            .param("opinion", opinion == null ? null : opinion.strip())
            .param("by", chief)
            .param("at", Timestamp.from(now))
            .param("status", (approved ? Status.TARGETED_INSPECTION : Status.CLOSED).name())
            .param("id", warningId)
            .param("awaiting", Status.AWAITING_APPROVAL.name())
            .update();
    requireOneRow(updated, warningId, Status.AWAITING_APPROVAL);
    concluded(warningId, approved ? "targeted" : RiskWarningConcluded.TARGETED_REJECTED, now);
  }

  /** The check came to its end: the credit feedback weighs it (issue 15), in this transaction. */
  private void concluded(long warningId, String outcome, Instant now) {
    String uscc = jdbc.sql("SELECT uscc FROM credit_risk_warning WHERE id = :id").param("id", warningId)
        .query(String.class).single();
    events.publishEvent(new RiskWarningConcluded(warningId, uscc, outcome, now));
  }

  public Optional<Warning> find(long id) {
    return jdbc.sql(
            """
            SELECT id, uscc, entity_name, department, source, level, description, received_at, status,
                   conclusion, findings, checked_by, decision, decided_by
            FROM credit_risk_warning WHERE id = :id
            """)
        .param("id", id)
        .query(
            (rs, n) ->
                new Warning(
                    rs.getLong("id"),
                    rs.getString("uscc"),
                    rs.getString("entity_name"),
                    rs.getString("department"),
                    rs.getString("source"),
                    rs.getString("level"),
                    rs.getString("description"),
                    rs.getTimestamp("received_at").toInstant(),
                    rs.getString("status"),
                    rs.getString("conclusion"),
                    rs.getString("findings"),
                    rs.getString("checked_by"),
                    rs.getString("decision"),
                    rs.getString("decided_by")))
        .optional();
  }

  /** Reads the warning fields from process or form variables. */
  public static NewWarning fromVariables(Map<String, Object> variables) {
    return new NewWarning(
        text(variables.get("uscc")),
        text(variables.get("entityName")),
        text(variables.get("department")),
        text(variables.get("source")),
        text(variables.get("level")),
        text(variables.get("description")));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static void requireText(List<FieldError> errors, String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "必填"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "不能超过 " + max + " 个字符"));
    }
  }

  private static void requireOneOf(List<FieldError> errors, String field, String value, Set<String> allowed) {
    if (value == null || !allowed.contains(value)) {
      errors.add(new FieldError(field, "应为 " + String.join("、", new java.util.TreeSet<>(allowed)) + " 之一"));
    }
  }

  private static void requireOneRow(int updated, long id, Status expected) {
    if (updated != 1) {
      throw new IllegalStateException(
          "risk warning " + id + " is not in status " + expected + " (or does not exist)");
    }
  }
}
