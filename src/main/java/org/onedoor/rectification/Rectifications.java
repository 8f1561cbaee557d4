package org.onedoor.rectification;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.inspection.InspectionFacts;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rectification (责令改正) of one department's findings: the written order with its deadline, what the
 * business reports back, the deadline passing, the re-check and its outcome — corrected (R7 code E) or
 * still pending (A) with the case clues transferred. Each step is one row update plus an {@link
 * InspectionAudit} entry in the deciding transaction. The {@code rectification} process drives it.
 */
@Service
public class Rectifications {

  public static final String PROCESS = "rectification";
  public static final String REPORTED_MESSAGE = "rectification-reported";

  public static final String AWAITING_ORDER = "AWAITING_ORDER";
  public static final String ORDERED = "ORDERED";
  public static final String REPORTED = "REPORTED";
  public static final String OVERDUE = "OVERDUE";
  public static final String CORRECTED = "CORRECTED";
  public static final String PENDING = "PENDING";

  /** Outcome codes (R7): corrected after the order, or still pending with a transfer. */
  public static final String CORRECTED_CODE = "E";
  public static final String PENDING_CODE = "A";

  static final int MAX_TEXT = 2000;
  static final int MAX_ORDER_NUMBER = 60;
  static final String SYSTEM = "system";

  private static final Map<String, String> STATUS_LABELS = Map.of(
      AWAITING_ORDER, "待下达责令改正通知书", ORDERED, "整改中", REPORTED, "已报告整改，待复查",
      OVERDUE, "期限届满未报告，待复查", CORRECTED, "已改正", PENDING, "逾期未改正，已移送");

  /** One rectification as stored. */
  public record Rectification(long id, String inspectionNumber, String department, String processInstanceId,
      String status, LocalDate proposedDeadline, String recheckCandidates, String orderNumber, String orderItems,
      DeadlineKind deadlineKind, Integer periodLength, LocalDate deadline, String orderedBy, Instant orderedAt,
      Instant overdueAt, LocalDate recheckedOn, String recheckFindings, String outcome, String recheckedBy,
      Instant recheckedAt, String transferReason, Instant transferredAt, List<Report> reports,
      List<Extension> extensions) {

    public String statusLabel() {
      return STATUS_LABELS.getOrDefault(status, status);
    }

    /** "10 日" / "5 个工作日", or null before the order. */
    public String period() {
      return deadlineKind == null || periodLength == null ? null : periodLength + " " + deadlineKind.unit();
    }
  }

  /** A report of the business, entered by staff. {@code late}: reported after the deadline. */
  public record Report(long id, LocalDate reportedOn, String text, boolean late, String enteredBy, Instant enteredAt) {}

  /**
   * An application to extend the period (延期整改) and its decision. {@code status}: REQUESTED, APPROVED,
   * REFUSED or LAPSED (the wait ended — the business reported — before anybody decided).
   */
  public record Extension(long id, String status, String reason, LocalDate originalDeadline,
      LocalDate requestedDeadline, String requestedBy, Instant requestedAt, String decisionReason, String decidedBy,
      Instant decidedAt) {

    public String statusLabel() {
      return switch (status) {
        case "REQUESTED" -> "待审批";
        case "APPROVED" -> "已批准";
        case "REFUSED" -> "不予延期";
        case "LAPSED" -> "未审批（企业已报告整改）";
        default -> status;
      };
    }
  }

  /** The order's deadline and the moment it has passed (the start of the next day, in the calendar's zone). */
  public record Order(long id, LocalDate deadline, java.util.Date passesAt, DeadlineKind kind, int periodLength) {}

  /** What the order form starts from: the period that leads to the deadline proposed on site. */
  public record Registered(long id, LocalDate proposedDeadline, String defaultKind, int defaultPeriod) {}

  private final JdbcClient jdbc;
  private final InspectionAccess access;
  private final InspectionAudit audit;
  private final WorkingDayCalendar calendar;
  private final ZoneId zone;
  private final RectificationProperties properties;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final InspectionFacts facts;
  private final ApplicationEventPublisher events;

  public Rectifications(JdbcClient jdbc, InspectionAccess access, InspectionAudit audit, WorkingDayCalendar calendar,
      CalendarProperties calendarProperties, RectificationProperties properties, RuntimeService runtime,
      IdentityService identity, InspectionFacts facts, ApplicationEventPublisher events) {
    this.facts = facts;
    this.events = events;
    this.jdbc = jdbc;
    this.access = access;
    this.audit = audit;
    this.calendar = calendar;
    this.zone = calendarProperties.zone();
    this.properties = properties;
    this.runtime = runtime;
    this.identity = identity;
  }

  public RectificationProperties properties() {
    return properties;
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalDate today(Instant now) {
    return now.atZone(zone).toLocalDate();
  }

  // ---------------------------------------------------------------- 登记整改

  /** The process started (called from the joint inspection): checks the call's input and records it. */
  @Transactional
  public Registered register(String processInstanceId, String inspectionNumber, String department,
      String rectificationDeadline, String recheckCandidates, String actor, Instant now) {
    var existing = jdbc.sql("SELECT id, proposed_deadline FROM rectification WHERE process_instance_id = :p")
        .param("p", processInstanceId)
        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getDate(2).toLocalDate()}).optional();
    if (inspectionNumber == null || !access.exists(inspectionNumber)) {
      throw new BadRequestException("inspectionNumber", "没有编号为 " + inspectionNumber + " 的检查");
    }
    if (department == null || !access.departments(inspectionNumber).contains(department)) {
      throw new BadRequestException("department", "部门 " + department + " 未参加检查 " + inspectionNumber);
    }
    LocalDate proposed = parseDate("rectificationDeadline", rectificationDeadline);
    LocalDate today = today(now);
    if (!proposed.isAfter(today)) {
      throw new BadRequestException("rectificationDeadline", "整改期限须晚于今天（" + today + "）");
    }
    List<String> candidates = candidates(recheckCandidates);
    if (candidates.isEmpty()) {
      throw new BadRequestException("recheckCandidates", "至少需要一名复查人员");
    }
    int days = (int) Math.min(properties.maxPeriod(), ChronoUnit.DAYS.between(today, proposed));
    if (existing.isPresent()) {
      return new Registered((Long) existing.get()[0], (LocalDate) existing.get()[1], DeadlineKind.DAYS.code(), days);
    }
    long id = insert(inspectionNumber, department, processInstanceId, proposed, String.join(",", candidates), now);
    audit.record(inspectionNumber, department, "rectification-opened", actor == null ? SYSTEM : actor, now,
        "启动责令改正程序，现场记录的整改期限为 " + proposed, null);
    return new Registered(id, proposed, DeadlineKind.DAYS.code(), days);
  }

  private long insert(String number, String department, String pid, LocalDate proposed, String candidates,
      Instant now) {
    jdbc.sql("INSERT INTO rectification (inspection_number, department, process_instance_id, status,"
            + " proposed_deadline, recheck_candidates, created_at) VALUES (:n, :d, :p, :s, :pd, :c, :at)")
        .param("n", number).param("d", department).param("p", pid).param("s", AWAITING_ORDER)
        .param("pd", Date.valueOf(proposed)).param("c", candidates).param("at", Timestamp.from(now)).update();
    return jdbc.sql("SELECT id FROM rectification WHERE process_instance_id = :p").param("p", pid)
        .query(Long.class).single();
  }

  static List<String> candidates(String text) {
    return text == null ? List.of()
        : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
  }

  // ---------------------------------------------------------------- 下达责令改正通知书

  /** The written order: its number, what to correct and the period in days or working days from today. */
  @Transactional
  public Order issueOrder(String processInstanceId, String orderNumber, String orderItems, String kindCode,
      Object periodLength, String user, Instant now) {
    Rectification r = byProcess(processInstanceId);
    if (!AWAITING_ORDER.equals(r.status())) {
      throw new ConflictException("责令改正通知书已经下达");
    }
    String number = required("orderNumber", orderNumber, MAX_ORDER_NUMBER, "请填写文书编号");
    String items = required("orderItems", orderItems, MAX_TEXT, "请写明责令改正的事项");
    DeadlineKind kind = DeadlineKind.fromCode(kindCode == null ? null : kindCode.strip());
    if (kind == null) {
      throw new BadRequestException("deadlineKind", "请选择期限的计算方式：days（自然日）或 workingDays（工作日）");
    }
    int length = period(periodLength);
    LocalDate today = today(now);
    LocalDate deadline = kind.deadline(calendar, today, length);
    jdbc.sql("UPDATE rectification SET status = :s, order_number = :no, order_items = :items, deadline_kind = :k,"
            + " period_length = :len, deadline = :dl, ordered_by = :by, ordered_at = :at WHERE id = :id")
        .param("s", ORDERED).param("no", number).param("items", items).param("k", kind.name()).param("len", length)
        .param("dl", Date.valueOf(deadline)).param("by", user).param("at", Timestamp.from(now)).param("id", r.id())
        .update();
    String differs = deadline.equals(r.proposedDeadline()) ? "" : "（现场记录的期限为 " + r.proposedDeadline() + "）";
    audit.record(r.inspectionNumber(), r.department(), "rectification-ordered", user, now,
        "下达责令改正通知书 " + number + "，限 " + length + " " + kind.unit() + "内改正，期限至 " + deadline + differs,
        items);
    return new Order(r.id(), deadline, passesAt(deadline), kind, length);
  }

  /** The moment a deadline has passed: the start of the following day. */
  public java.util.Date passesAt(LocalDate deadline) {
    return java.util.Date.from(deadline.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private int period(Object value) {
    long length;
    if (value instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new BadRequestException("periodLength", "期限须为整数");
      }
      length = n.longValue();
    } else if (value instanceof String s && !s.isBlank()) {
      try {
        length = Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new BadRequestException("periodLength", "期限须为整数");
      }
    } else {
      throw new BadRequestException("periodLength", "请填写整改期限（天数）");
    }
    if (length < 1 || length > properties.maxPeriod()) {
      throw new BadRequestException("periodLength", "期限须在 1 到 " + properties.maxPeriod() + " 之间");
    }
    return (int) length;
  }

  // ---------------------------------------------------------------- 企业报告整改情况

  /**
   * Staff enter what the business reported. Accepted until the re-check; the first report while the
   * process still waits ends the wait (message {@value #REPORTED_MESSAGE}); a later one is kept for the
   * re-checker, marked late when after the deadline.
   */
  @Transactional
  public Report report(String inspectionNumber, String department, String reportedOn, String text, String user,
      Instant now) {
    List<Rectification> all = list(inspectionNumber).stream().filter(r -> r.department().equals(department)).toList();
    if (all.isEmpty()) {
      throw new NotFoundException("department", "检查 " + inspectionNumber + " 没有 " + department + " 的责令改正");
    }
    Rectification r = all.get(all.size() - 1);
    if (AWAITING_ORDER.equals(r.status())) {
      throw new ConflictException("责令改正通知书尚未下达，不能登记整改报告");
    }
    if (CORRECTED.equals(r.status()) || PENDING.equals(r.status())) {
      throw new ConflictException("整改已复查办结（" + r.statusLabel() + "），不能再登记报告");
    }
    LocalDate on = parseDate("date", reportedOn);
    LocalDate today = today(now);
    if (on.isAfter(today)) {
      throw new BadRequestException("date", "报告日期不能晚于今天（" + today + "）");
    }
    LocalDate ordered = today(r.orderedAt());
    if (on.isBefore(ordered)) {
      throw new BadRequestException("date", "报告日期不能早于责令改正通知书下达之日（" + ordered + "）");
    }
    String account = required("text", text, MAX_TEXT, "请填写企业报告的整改情况");
    boolean late = on.isAfter(r.deadline());
    jdbc.sql("INSERT INTO rectification_report (rectification_id, reported_on, text, late, entered_by, entered_at)"
            + " VALUES (:r, :on, :t, :late, :by, :at)")
        .param("r", r.id()).param("on", Date.valueOf(on)).param("t", account).param("late", late).param("by", user)
        .param("at", Timestamp.from(now)).update();
    audit.record(r.inspectionNumber(), r.department(), "rectification-reported", user, now,
        "登记企业整改报告（报告日期 " + on + (late ? "，已超过期限 " + r.deadline() : "") + "）", account);
    String summary = on + " 企业报告" + (late ? "（逾期）" : "") + "：" + account;
    if (ORDERED.equals(r.status())) {
      setStatus(r.id(), REPORTED);
      correlate(r.processInstanceId(), Map.of("reportedOn", on.toString(), "reportSummary", summary));
    } else {
      runtime.setVariable(r.processInstanceId(), "reportSummary", summary);
    }
    return reports(r.id()).get(reports(r.id()).size() - 1);
  }

  /**
   * Correlates as the engine: the caller's right to report was checked above; inspectors hold no
   * process-instance permissions.
   */
  private void correlate(String processInstanceId, Map<String, Object> variables) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime.createMessageCorrelation(REPORTED_MESSAGE).processInstanceId(processInstanceId)
          .setVariables(variables).correlateWithResult();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  // ---------------------------------------------------------------- 整改期限届满

  /** The deadline passed without a report. */
  @Transactional
  public void markOverdue(String processInstanceId, Instant now) {
    Rectification r = byProcess(processInstanceId);
    if (!ORDERED.equals(r.status())) {
      return;
    }
    jdbc.sql("UPDATE rectification SET status = :s, overdue_at = :at WHERE id = :id")
        .param("s", OVERDUE).param("at", Timestamp.from(now)).param("id", r.id()).update();
    audit.record(r.inspectionNumber(), r.department(), "rectification-overdue", SYSTEM, now,
        "整改期限 " + r.deadline() + " 届满，企业未报告整改情况，转入复查", null);
  }

  // ---------------------------------------------------------------- 整改复查

  /** The re-check: corrected (E) or still pending (A, with the reason the case clues are transferred). */
  @Transactional
  public String recheck(String processInstanceId, String outcome, String findings, String transferReason, String user,
      Instant now) {
    Rectification r = byProcess(processInstanceId);
    if (!(ORDERED.equals(r.status()) || REPORTED.equals(r.status()) || OVERDUE.equals(r.status()))) {
      throw new ConflictException("当前状态（" + r.statusLabel() + "）不能复查");
    }
    String code = outcome == null ? "" : outcome.strip();
    if (!CORRECTED_CODE.equals(code) && !PENDING_CODE.equals(code)) {
      throw new BadRequestException("recheckOutcome", "请选择复查结论：E（已改正）或 A（未改正，移送）");
    }
    String what = required("recheckFindings", findings, MAX_TEXT, "请写明复查情况");
    String transfer = transferReason == null || transferReason.isBlank() ? null : transferReason.strip();
    if (PENDING_CODE.equals(code) && transfer == null) {
      throw new BadRequestException("transferReason", "未改正的，须写明移送的案件线索");
    }
    if (CORRECTED_CODE.equals(code)) {
      transfer = null;
    }
    if (transfer != null && transfer.length() > MAX_TEXT) {
      throw new BadRequestException("transferReason", "最长 " + MAX_TEXT + " 个字符");
    }
    jdbc.sql("UPDATE rectification SET status = :s, outcome = :o, rechecked_on = :on, recheck_findings = :f,"
            + " rechecked_by = :by, rechecked_at = :at, transfer_reason = :t WHERE id = :id")
        .param("s", CORRECTED_CODE.equals(code) ? CORRECTED : PENDING).param("o", code)
        .param("on", Date.valueOf(today(now))).param("f", what).param("by", user).param("at", Timestamp.from(now))
        .param("t", transfer).param("id", r.id()).update();
    audit.record(r.inspectionNumber(), r.department(), "rectification-rechecked", user, now,
        CORRECTED_CODE.equals(code) ? "整改复查：已改正（E）" : "整改复查：逾期未改正（A），移送案件线索",
        transfer == null ? what : what + "；移送线索：" + transfer);
    events.publishEvent(new RectificationConcluded(r.id(), r.inspectionNumber(), r.department(),
        facts.facts(r.inspectionNumber()).uscc(), code, now));
    return code;
  }

  // ---------------------------------------------------------------- 移送案件线索

  @Transactional
  public void transfer(String processInstanceId, Instant now) {
    Rectification r = byProcess(processInstanceId);
    if (!PENDING.equals(r.status())) {
      throw new ConflictException("只有复查未改正的才移送案件线索");
    }
    if (r.transferredAt() != null) {
      return;
    }
    jdbc.sql("UPDATE rectification SET transferred_at = :at WHERE id = :id")
        .param("at", Timestamp.from(now)).param("id", r.id()).update();
    audit.record(r.inspectionNumber(), r.department(), "case-clues-transferred", SYSTEM, now,
        "逾期未改正，案件线索移送案件办理机构", r.transferReason());
  }

  // ---------------------------------------------------------------- reading

  public Rectification byProcess(String processInstanceId) {
    return query("WHERE process_instance_id = :p", Map.of("p", processInstanceId)).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("processInstanceId", "没有流程实例 " + processInstanceId + " 的责令改正"));
  }

  /** Every rectification of an inspection, oldest first. */
  public List<Rectification> list(String inspectionNumber) {
    return query("WHERE inspection_number = :n", Map.of("n", inspectionNumber));
  }

  private List<Rectification> query(String where, Map<String, Object> params) {
    var spec = jdbc.sql("SELECT * FROM rectification " + where + " ORDER BY id");
    for (var e : params.entrySet()) {
      spec = spec.param(e.getKey(), e.getValue());
    }
    return spec.query((rs, i) -> new Rectification(rs.getLong("id"), rs.getString("inspection_number"),
            rs.getString("department"), rs.getString("process_instance_id"), rs.getString("status"),
            date(rs.getDate("proposed_deadline")), rs.getString("recheck_candidates"), rs.getString("order_number"),
            rs.getString("order_items"),
            rs.getString("deadline_kind") == null ? null : DeadlineKind.valueOf(rs.getString("deadline_kind")),
            (Integer) rs.getObject("period_length", Integer.class), date(rs.getDate("deadline")),
            rs.getString("ordered_by"), instant(rs.getTimestamp("ordered_at")), instant(rs.getTimestamp("overdue_at")),
            date(rs.getDate("rechecked_on")), rs.getString("recheck_findings"), rs.getString("outcome"),
            rs.getString("rechecked_by"), instant(rs.getTimestamp("rechecked_at")), rs.getString("transfer_reason"),
            instant(rs.getTimestamp("transferred_at")), List.of(), List.of()))
        .list().stream().map(r -> withReports(r)).toList();
  }

  private Rectification withReports(Rectification r) {
    return new Rectification(r.id(), r.inspectionNumber(), r.department(), r.processInstanceId(), r.status(),
        r.proposedDeadline(), r.recheckCandidates(), r.orderNumber(), r.orderItems(), r.deadlineKind(),
        r.periodLength(), r.deadline(), r.orderedBy(), r.orderedAt(), r.overdueAt(), r.recheckedOn(),
        r.recheckFindings(), r.outcome(), r.recheckedBy(), r.recheckedAt(), r.transferReason(), r.transferredAt(),
        reports(r.id()), extensions(r.id()));
  }

  /** The extension requests of one rectification, oldest first. */
  public List<Extension> extensions(long rectificationId) {
    return jdbc.sql("SELECT * FROM rectification_extension WHERE rectification_id = :r ORDER BY id")
        .param("r", rectificationId)
        .query((rs, i) -> new Extension(rs.getLong("id"), rs.getString("status"), rs.getString("reason"),
            date(rs.getDate("original_deadline")), date(rs.getDate("requested_deadline")),
            rs.getString("requested_by"), instant(rs.getTimestamp("requested_at")), rs.getString("decision_reason"),
            rs.getString("decided_by"), instant(rs.getTimestamp("decided_at"))))
        .list();
  }

  private List<Report> reports(long rectificationId) {
    return jdbc.sql("SELECT id, reported_on, text, late, entered_by, entered_at FROM rectification_report"
            + " WHERE rectification_id = :r ORDER BY id")
        .param("r", rectificationId)
        .query((rs, i) -> new Report(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getBoolean(4),
            rs.getString(5), rs.getTimestamp(6).toInstant()))
        .list();
  }

  private void setStatus(long id, String status) {
    jdbc.sql("UPDATE rectification SET status = :s WHERE id = :id").param("s", status).param("id", id).update();
  }

  private static LocalDate date(java.sql.Date d) {
    return d == null ? null : d.toLocalDate();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  static LocalDate parseDate(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new BadRequestException(field, "请填写日期（yyyy-MM-dd）");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "“" + text + "”不是 yyyy-MM-dd 格式的日期");
    }
  }

  static String required(String field, String value, int max, String missing) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(field, missing);
    }
    String v = value.strip();
    if (v.length() > max) {
      throw new BadRequestException(field, "最长 " + max + " 个字符");
    }
    return v;
  }
}
