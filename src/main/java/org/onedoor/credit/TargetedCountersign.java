package org.onedoor.credit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.Workdays;
import org.onedoor.inspection.TargetedInspections;
import org.onedoor.platform.PersonNames;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.platform.TextCheck;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 部门会签 of a joint targeted inspection (issue 15 item 4). The chief approving a warning's targeted inspection
 * may name other departments' catalogue items; before such a department is drawn in, one of its chiefs agrees
 * (it takes part) or declines with reasons (it is left out), as departments sign off a joint plan. The answers
 * are due {@code onedoor.credit.targeted-countersign-working-days} (3) working days after the approval; a
 * department that has not answered by then is left out (LAPSED) and the lead goes on with those that agreed.
 * The warning's own department leads and is never asked. Rows in {@code credit_warning_countersign}; the
 * {@code risk-warning} model reads the departments still to answer and the deadline from here
 * ({@code ${targetedCountersign.departments(warningId)}}).
 */
@Service("targetedCountersign")
@ProcessExpressionBean
public class TargetedCountersign {

  public static final String PENDING = "PENDING";
  public static final String AGREED = "AGREED";
  public static final String DECLINED = "DECLINED";
  public static final String LAPSED = "LAPSED";
  public static final Map<String, String> STATUS_LABELS = Map.of(PENDING, "待会签", AGREED, "同意参加",
      DECLINED, "不同意参加", LAPSED, "逾期未答复，未参加");
  static final Set<String> DECISIONS = Set.of("agree", "decline");
  static final int MAX_REASON = 2000;

  /** One department's countersign of one warning's targeted inspection. */
  public record Countersign(long warningId, String department, List<String> items, String status,
      Instant requestedAt, Instant dueAt, String answeredBy, Instant answeredAt, String reason) {}

  private final JdbcClient jdbc;
  private final Workdays workdays;
  private final OrganisationProperties organisation;
  private final TargetedInspections targeted;
  private final PersonNames names;
  private final DateTimeFormatter time;
  private final int workingDays;

  public TargetedCountersign(JdbcClient jdbc, Workdays workdays, OrganisationProperties organisation,
      TargetedInspections targeted, PersonNames names, CalendarProperties calendar,
      @Value("${onedoor.credit.targeted-countersign-working-days:3}") int workingDays) {
    if (workingDays < 1) {
      throw new IllegalArgumentException("onedoor.credit.targeted-countersign-working-days must be at least 1");
    }
    this.jdbc = jdbc;
    this.workdays = workdays;
    this.organisation = organisation;
    this.targeted = targeted;
    this.names = names;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
    this.workingDays = workingDays;
  }

  /**
   * The approval named other departments' items ({@code items}: department → codes, the lead's among them):
   * asks each of those departments, due {@code targeted-countersign-working-days} working days from now. In
   * the approval's transaction.
   */
  void request(long warningId, String leadDepartment, Map<String, List<String>> items, Instant now) {
    Instant due = workdays.plusWorkingDays(Date.from(now), workingDays).toInstant();
    for (Map.Entry<String, List<String>> e : items.entrySet()) {
      if (e.getKey().equals(leadDepartment)) {
        continue;
      }
      jdbc.sql("""
              INSERT INTO credit_warning_countersign (warning_id, department, items, status, requested_at, due_at)
              VALUES (:w, :d, :items, :s, :at, :due)""")
          .param("w", warningId).param("d", e.getKey()).param("items", String.join(",", e.getValue()))
          .param("s", PENDING).param("at", Timestamp.from(now)).param("due", Timestamp.from(due)).update();
    }
  }

  /** Every department asked about the warning's targeted inspection, in the configuration's order. */
  public List<Countersign> of(long warningId) {
    List<Countersign> all = new ArrayList<>(jdbc.sql("""
            SELECT warning_id, department, items, status, requested_at, due_at, answered_by, answered_at, reason
            FROM credit_warning_countersign WHERE warning_id = :w""")
        .param("w", warningId)
        .query((rs, n) -> new Countersign(rs.getLong(1), rs.getString(2), Arrays.asList(rs.getString(3).split(",")),
            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7),
            rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getString(9)))
        .list());
    List<String> order = organisation.departments().stream().map(OrganisationProperties.Department::code).toList();
    all.sort(Comparator.comparingInt(c -> order.indexOf(c.department()) < 0 ? order.size() : order.indexOf(c.department())));
    return all;
  }

  /** The departments still to answer: one 部门会签定向检查 task each (the model's collection). */
  public List<String> departments(long warningId) {
    return of(warningId).stream().filter(c -> PENDING.equals(c.status())).map(Countersign::department).toList();
  }

  /** Whether other departments are to be asked (the model's gateway). */
  public boolean required(long warningId) {
    return !departments(warningId).isEmpty();
  }

  /**
   * When the answers are due (the tasks' due date and the timer of the model): the deadline set at the approval,
   * or — for a warning with nobody asked — {@code targeted-countersign-working-days} working days from now.
   */
  public Date deadline(long warningId) {
    return of(warningId).stream().map(Countersign::dueAt).max(Comparator.naturalOrder()).map(Date::from)
        .orElseGet(() -> workdays.plusWorkingDays(workingDays));
  }

  /** Whether any of {@code departments} was asked about the warning's targeted inspection (it may read the warning). */
  public boolean asked(long warningId, Collection<String> departments) {
    return !departments.isEmpty() && jdbc.sql("SELECT COUNT(*) FROM credit_warning_countersign WHERE warning_id = :w"
            + " AND department IN (:d)").param("w", warningId).param("d", departments).query(Integer.class).single() > 0;
  }

  /**
   * What 部门会签定向检查 shows (task-local, read-only): the business and the warning, the check, the lead
   * chief's approval, this department's items with their names, the deadline (with its note when counted by law
   * only), both departments in words.
   */
  public Map<String, Object> shown(RiskWarningService.Warning warning, String department) {
    Countersign asked = of(warning.id()).stream().filter(c -> c.department().equals(department)).findFirst()
        .orElseThrow(() -> new IllegalStateException("warning " + warning.id() + " did not ask " + department));
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("uscc", warning.uscc());
    shown.put("entityName", warning.entityName());
    shown.put("description", warning.description());
    shown.put("findings", Objects.toString(warning.findings(), ""));
    shown.put("leadDepartmentName", departmentName(warning.department()));
    shown.put("countersignDepartmentName", departmentName(department));
    shown.put("leadApproval", names.name(warning.decidedBy()) + "（" + departmentName(warning.department()) + "科长）批准开展定向检查"
        + (warning.decisionOpinion() == null || warning.decisionOpinion().isBlank() ? "" : "：" + warning.decisionOpinion()));
    shown.put("countersignItems", itemLines(asked.items()));
    shown.put("countersignDue", time.format(asked.dueAt()));
    // a deadline counted by law only (no State Council notice for its year yet) says so
    shown.put("countersignDeadlineNote", workdays.deadlineNote(Date.from(asked.dueAt())));
    // the answer belongs to this task alone: another department's task never sees it
    shown.put("countersignDecision", null);
    shown.put("countersignReason", null);
    return shown;
  }

  /** "RW-C1 演出场所", one per line, from the newest published catalogue (the code alone when it is gone). */
  private String itemLines(List<String> codes) {
    Map<String, String> names = targeted.itemNames(codes);
    return String.join("\n", codes.stream().map(c -> names.containsKey(c) ? c + " " + names.get(c) : c).toList());
  }

  /**
   * A department's chief answers: {@code agree}, or {@code decline} with reasons (required, at most 2,000
   * characters). 400 naming the field otherwise; 409 when the department was not asked or has answered (or
   * lapsed) already.
   */
  public void answer(long warningId, String department, String decision, String reason, String chief, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    if (decision == null || !DECISIONS.contains(decision)) {
      errors.add(new FieldError("countersignDecision", "请选择同意参加或不同意参加"));
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if ("decline".equals(decision) && why == null) {
      errors.add(new FieldError("countersignReason", "不同意参加时必须书面说明理由"));
    }
    if (why != null && why.length() > MAX_REASON) {
      errors.add(new FieldError("countersignReason", "不能超过 " + MAX_REASON + " 个字符"));
    }
    if (why != null) {
      TextCheck.multiLine(why).ifPresent(p -> errors.add(new FieldError("countersignReason", p)));
    }
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    int updated = jdbc.sql("""
            UPDATE credit_warning_countersign SET status = :s, answered_by = :by, answered_at = :at, reason = :r
            WHERE warning_id = :w AND department = :d AND status = :pending""")
        .param("s", "agree".equals(decision) ? AGREED : DECLINED).param("by", chief).param("at", Timestamp.from(now))
        .param("r", why).param("w", warningId).param("d", department).param("pending", PENDING).update();
    if (updated != 1) {
      throw new ConflictException(departmentName(department) + "未被请求会签，或已答复");
    }
  }

  /** The deadline passed: every department that has not answered is left out. Returns how many. */
  public int lapse(long warningId, Instant now) {
    return jdbc.sql("""
            UPDATE credit_warning_countersign SET status = :s, answered_by = 'system', answered_at = :at
            WHERE warning_id = :w AND status = :pending""")
        .param("s", LAPSED).param("at", Timestamp.from(now)).param("w", warningId).param("pending", PENDING).update();
  }

  /** When the answers are due, in working days after the approval (configuration). */
  public int workingDays() {
    return workingDays;
  }

  String departmentName(String code) {
    return organisation.department(code).map(OrganisationProperties.Department::name).orElse(code);
  }
}
