package org.onedoor.rectification;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Extension of a rectification period (延期整改). The business applies, through staff, before the
 * order's deadline has passed; the application reaches the re-check candidates as "审批延期申请"
 * (message {@value #REQUESTED_MESSAGE}); approved, the order's deadline moves and the process's wait,
 * looping back, sets its timer to the new deadline; refused, nothing changes. At most one open
 * application and one approved extension per order, and the extension adds at most {@code
 * onedoor.rectification.max-extension-days} calendar days to the order's deadline. Every step is an
 * {@link InspectionAudit} entry.
 */
@Service
public class RectificationExtensions {

  public static final String REQUESTED_MESSAGE = "rectification-extension-requested";

  public static final String REQUESTED = "REQUESTED";
  public static final String APPROVED = "APPROVED";
  public static final String REFUSED = "REFUSED";
  public static final String LAPSED = "LAPSED";

  static final String APPROVE = "approve";
  static final String REFUSE = "refuse";

  /** What the approver decided; for an approval the new deadline and the moment it passes. */
  public record Decision(boolean approved, LocalDate deadline, java.util.Date passesAt) {}

  private final JdbcClient jdbc;
  private final Rectifications rectifications;
  private final InspectionAudit audit;
  private final WorkingDayCalendar calendar;
  private final RuntimeService runtime;
  private final IdentityService identity;

  public RectificationExtensions(JdbcClient jdbc, Rectifications rectifications, InspectionAudit audit,
      WorkingDayCalendar calendar, RuntimeService runtime, IdentityService identity) {
    this.jdbc = jdbc;
    this.rectifications = rectifications;
    this.audit = audit;
    this.calendar = calendar;
    this.runtime = runtime;
    this.identity = identity;
  }

  // ---------------------------------------------------------------- 企业申请延期整改

  /** The business applies (entered by staff) for a later deadline, before the current one has passed. */
  @Transactional
  public Rectifications.Extension request(String inspectionNumber, String department, String reason,
      String requestedDeadline, String user, Instant now) {
    Rectifications.Rectification r = current(inspectionNumber, department);
    switch (r.status()) {
      case Rectifications.AWAITING_ORDER -> throw new ConflictException("责令改正通知书尚未下达，不能申请延期");
      case Rectifications.REPORTED -> throw new ConflictException("企业已报告整改情况，不能再申请延期");
      case Rectifications.CORRECTED, Rectifications.PENDING ->
          throw new ConflictException("整改已复查办结（" + r.statusLabel() + "），不能再申请延期");
      default -> { }
    }
    LocalDate today = rectifications.today(now);
    if (Rectifications.OVERDUE.equals(r.status()) || today.isAfter(r.deadline())) {
      throw new BadRequestException("requestedDeadline",
          "整改期限 " + r.deadline() + " 已届满，延期申请须在期限届满前提出");
    }
    if (r.extensions().stream().anyMatch(e -> REQUESTED.equals(e.status()))) {
      throw new ConflictException("已有一份延期申请正在审批，请等待审批结果");
    }
    if (r.extensions().stream().anyMatch(e -> APPROVED.equals(e.status()))) {
      throw new ConflictException("本责令改正通知书已批准延期一次，不能再次延期");
    }
    String why = Rectifications.required("reason", reason, Rectifications.MAX_TEXT, "请写明申请延期的理由");
    LocalDate wanted = Rectifications.parseDate("requestedDeadline", requestedDeadline);
    if (!wanted.isAfter(r.deadline())) {
      throw new BadRequestException("requestedDeadline", "申请的期限须晚于现在的整改期限（" + r.deadline() + "）");
    }
    int max = rectifications.properties().maxExtensionDays();
    LocalDate latest = r.deadline().plusDays(max);
    if (wanted.isAfter(latest)) {
      throw new BadRequestException("requestedDeadline",
          "延期最多 " + max + " 日，申请的期限不能晚于 " + latest);
    }
    if (!calendar.isWorkingDay(wanted)) {
      throw new BadRequestException("requestedDeadline",
          wanted + " 不是工作日，请选择工作日，例如 " + calendar.nextWorkingDayOnOrAfter(wanted));
    }
    try {
      jdbc.sql("INSERT INTO rectification_extension (rectification_id, status, reason, original_deadline,"
              + " requested_deadline, requested_by, requested_at, open_key)"
              + " VALUES (:r, :s, :why, :od, :rd, :by, :at, :r)")
          .param("r", r.id()).param("s", REQUESTED).param("why", why).param("od", Date.valueOf(r.deadline()))
          .param("rd", Date.valueOf(wanted)).param("by", user).param("at", Timestamp.from(now)).update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("已有一份延期申请正在审批，请等待审批结果");
    }
    Rectifications.Extension created = open(r.id()).orElseThrow();
    audit.record(r.inspectionNumber(), r.department(), "rectification-extension-requested", user, now,
        "企业申请延期整改：期限由 " + r.deadline() + " 延至 " + wanted, why);
    correlate(r.processInstanceId(), Map.of("extensionRequestId", created.id(), "extensionReason", why,
        "extensionOriginalDeadline", r.deadline().toString(), "extensionRequestedDeadline", wanted.toString(),
        "extensionRequestedBy", user));
    return created;
  }

  /** Every extension request of the department's latest rectification of the inspection, oldest first. */
  public List<Rectifications.Extension> requests(String inspectionNumber, String department) {
    return current(inspectionNumber, department).extensions();
  }

  // ---------------------------------------------------------------- 审批延期申请

  /** The approver's decision on the open request: approve (the deadline moves) or refuse, with the reason. */
  @Transactional
  public Decision decide(String processInstanceId, String decision, String reason, String user, Instant now) {
    Rectifications.Rectification r = rectifications.byProcess(processInstanceId);
    Rectifications.Extension request = open(r.id())
        .orElseThrow(() -> new ConflictException("没有待审批的延期申请"));
    String code = decision == null ? "" : decision.strip();
    if (!APPROVE.equals(code) && !REFUSE.equals(code)) {
      throw new BadRequestException("extensionDecision", "请选择审批结论：approve（批准延期）或 refuse（不予延期）");
    }
    String why = Rectifications.required("extensionDecisionReason", reason, Rectifications.MAX_TEXT,
        "请写明审批理由");
    boolean approved = APPROVE.equals(code);
    jdbc.sql("UPDATE rectification_extension SET status = :s, decision_reason = :why, decided_by = :by,"
            + " decided_at = :at, open_key = NULL, approved_key = :ak WHERE id = :id")
        .param("s", approved ? APPROVED : REFUSED).param("why", why).param("by", user)
        .param("at", Timestamp.from(now)).param("ak", approved ? r.id() : null).param("id", request.id()).update();
    if (!approved) {
      audit.record(r.inspectionNumber(), r.department(), "rectification-extension-refused", user, now,
          "不予延期整改，整改期限仍为 " + r.deadline() + "（申请延至 " + request.requestedDeadline() + "）", why);
      return new Decision(false, r.deadline(), rectifications.passesAt(r.deadline()));
    }
    LocalDate deadline = request.requestedDeadline();
    jdbc.sql("UPDATE rectification SET deadline = :dl WHERE id = :id")
        .param("dl", Date.valueOf(deadline)).param("id", r.id()).update();
    audit.record(r.inspectionNumber(), r.department(), "rectification-extended", user, now,
        "批准延期整改：整改期限由 " + request.originalDeadline() + " 延至 " + deadline, why);
    return new Decision(true, deadline, rectifications.passesAt(deadline));
  }

  /** The wait ended (the business reported) while a request was open: it is closed undecided. */
  @Transactional
  public void lapse(String processInstanceId, Instant now) {
    Rectifications.Rectification r = rectifications.byProcess(processInstanceId);
    Optional<Rectifications.Extension> request = open(r.id());
    if (request.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE rectification_extension SET status = :s, decided_at = :at, open_key = NULL WHERE id = :id")
        .param("s", LAPSED).param("at", Timestamp.from(now)).param("id", request.get().id()).update();
    audit.record(r.inspectionNumber(), r.department(), "rectification-extension-lapsed", Rectifications.SYSTEM, now,
        "延期申请未经审批即结束：整改等待已结束（" + r.statusLabel() + "）", null);
  }

  // ---------------------------------------------------------------- helpers

  private Rectifications.Rectification current(String inspectionNumber, String department) {
    List<Rectifications.Rectification> all = rectifications.list(inspectionNumber).stream()
        .filter(r -> r.department().equals(department)).toList();
    if (all.isEmpty()) {
      throw new NotFoundException("department", "检查 " + inspectionNumber + " 没有 " + department + " 的责令改正");
    }
    return all.get(all.size() - 1);
  }

  private Optional<Rectifications.Extension> open(long rectificationId) {
    return rectifications.extensions(rectificationId).stream().filter(e -> REQUESTED.equals(e.status())).findFirst();
  }

  /** Correlates as the engine: the caller's right to apply was checked by the controller. */
  private void correlate(String processInstanceId, Map<String, Object> variables) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      runtime.createMessageCorrelation(REQUESTED_MESSAGE).processInstanceId(processInstanceId)
          .setVariables(variables).correlateWithResult();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }
}
