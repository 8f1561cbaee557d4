package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.plan.Plans;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The joint visit (R6, 进一扇门、查多件事): the lead department's drawn inspectors propose a date and
 * time inside the batch window, every other participating department's drawn inspectors confirm or
 * propose another, round after round until all agree. When agreement would miss the window (the
 * window ends within {@code visit-decision-working-days}, or {@code max-visit-rounds} rounds passed)
 * the lead department's chief decides.
 */
@Service("visitCoordination")
@ProcessExpressionBean
public class VisitCoordination {

  public static final String PROPOSE = "PROPOSE";
  public static final String CONFIRM = "CONFIRM";
  public static final String COUNTER = "COUNTER";
  public static final String DECIDE = "DECIDE";
  static final String AGREED = "AGREED";
  static final String BY_CHIEF = "CHIEF";
  static final LocalTime EARLIEST = LocalTime.of(7, 0);
  static final LocalTime LATEST = LocalTime.of(19, 0);
  static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  public record Step(int round, String department, String kind, Instant visitAt, String reason, String actor,
      Instant actedAt) {}

  public record Visit(String inspectionNumber, int round, Instant proposedAt, Instant agreedAt, String decidedHow,
      String decidedBy, Integer visitsReplaced, List<Step> steps) {}

  /** An agreed visit as a person's calendar shows it: the case, the business's name, when. */
  public record AgreedVisit(String inspectionNumber, String entityName, Instant visitAt) {}

  private final JdbcClient jdbc;
  private final InspectionFacts facts;
  private final InspectionAssignments assignments;
  private final InspectionAudit audit;
  private final WorkingDayCalendar calendar;
  private final JointInspectionProperties properties;
  private final InspectionEvents events;
  private final ZoneId zone;

  public VisitCoordination(JdbcClient jdbc, InspectionFacts facts, InspectionAssignments assignments,
      InspectionAudit audit, WorkingDayCalendar calendar, JointInspectionProperties properties,
      CalendarProperties calendarProperties, InspectionEvents events) {
    this.jdbc = jdbc;
    this.events = events;
    this.facts = facts;
    this.assignments = assignments;
    this.audit = audit;
    this.calendar = calendar;
    this.properties = properties;
    this.zone = calendarProperties.zone();
  }

  // ---- who does what (BPMN expressions) ----

  /** The lead department's drawn inspectors (candidate users of 提议检查时间). */
  public List<String> proposers(String inspectionNumber) {
    return assignments.candidates(inspectionNumber, facts.leadDepartment(inspectionNumber));
  }

  /** The lead chiefs when the lead department is flagged (no drawn inspectors), otherwise none. */
  public List<String> proposerGroups(String inspectionNumber) {
    return assignments.chiefGroups(inspectionNumber, facts.leadDepartment(inspectionNumber));
  }

  /** {@code <lead>-chief}: decides when the departments cannot agree in time. */
  public String leadChiefGroup(String inspectionNumber) {
    return Role.CHIEF.workGroupId(facts.leadDepartment(inspectionNumber));
  }

  /** The participating departments other than the lead (one 确认检查时间 each; may be none). */
  public List<String> confirmingDepartments(String inspectionNumber) {
    String lead = facts.leadDepartment(inspectionNumber);
    return assignments.departments(inspectionNumber).stream().filter(d -> !d.equals(lead)).toList();
  }

  // ---- decisions ----

  /** The lead department proposes a visit time: a new round begins. */
  @Transactional
  public void propose(String inspectionNumber, Object date, Object time, String reason, String user, Instant now) {
    Instant at = validVisitTime(inspectionNumber, date, time, now);
    String lead = facts.leadDepartment(inspectionNumber);
    int round = current(inspectionNumber).map(v -> v.round() + 1).orElse(1);
    if (round == 1) {
      jdbc.sql("INSERT INTO inspection_visit (inspection_number, round, proposed_at) VALUES (:n, 1, :at)")
          .param("n", inspectionNumber).param("at", Timestamp.from(at)).update();
    } else {
      jdbc.sql("UPDATE inspection_visit SET round = :r, proposed_at = :at WHERE inspection_number = :n")
          .param("n", inspectionNumber).param("r", round).param("at", Timestamp.from(at)).update();
    }
    step(inspectionNumber, round, lead, PROPOSE, at, clean(reason, "visitReason"), user, now);
    audit.record(inspectionNumber, lead, "visit-proposed", user, now,
        "第 " + round + " 轮提议检查时间 " + show(at), clean(reason, "visitReason"));
    events.visit(VisitEvent.Kind.PROPOSED, inspectionNumber, lead, at, user, now, confirmingDepartments(inspectionNumber));
  }

  /** A participating department confirms the proposal or proposes another time (with a reason). */
  @Transactional
  public void answer(String inspectionNumber, String department, String answer, Object date, Object time,
      String reason, String user, Instant now) {
    Visit visit = current(inspectionNumber).orElseThrow(
        () -> new BadRequestException("visitAnswer", "牵头部门尚未提议检查时间"));
    String why = clean(reason, "visitReason");
    if ("confirm".equals(answer)) {
      step(inspectionNumber, visit.round(), department, CONFIRM, visit.proposedAt(), why, user, now);
      audit.record(inspectionNumber, department, "visit-confirmed", user, now,
          facts.departmentName(department) + "确认检查时间 " + show(visit.proposedAt()), why);
    } else if ("other".equals(answer)) {
      Instant at = validVisitTime(inspectionNumber, date, time, now);
      if (why == null) {
        throw new BadRequestException("visitReason", "另提时间须说明理由");
      }
      step(inspectionNumber, visit.round(), department, COUNTER, at, why, user, now);
      audit.record(inspectionNumber, department, "visit-countered", user, now,
          facts.departmentName(department) + "另提检查时间 " + show(at), why);
      events.visit(VisitEvent.Kind.COUNTERED, inspectionNumber, department, at, user, now,
          List.of(facts.leadDepartment(inspectionNumber)));
    } else {
      throw new BadRequestException("visitAnswer", "请选择“同意”或“另提时间”");
    }
  }

  /** Every other department confirmed the current round's proposal. */
  public boolean agreed(String inspectionNumber) {
    Visit visit = current(inspectionNumber).orElseThrow();
    List<String> others = confirmingDepartments(inspectionNumber);
    long confirmed = visit.steps().stream()
        .filter(s -> s.round() == visit.round() && CONFIRM.equals(s.kind())).map(Step::department).distinct().count();
    return confirmed >= others.size();
  }

  /**
   * Another round would miss the window: it ends within {@code visit-decision-working-days} working
   * days, or {@code max-visit-rounds} rounds were held. The lead chief decides then.
   */
  public boolean chiefMustDecide(String inspectionNumber, Instant now) {
    Visit visit = current(inspectionNumber).orElseThrow();
    if (visit.round() >= properties.maxVisitRounds()) {
      return true;
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    return calendar.plusWorkingDays(today, properties.visitDecisionWorkingDays())
        .isAfter(facts.window(inspectionNumber).to());
  }

  /** For BPMN: {@link #chiefMustDecide(String, Instant)} on the engine clock. */
  public boolean chiefMustDecide(String inspectionNumber) {
    return chiefMustDecide(inspectionNumber, org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant());
  }

  /** All agreed: the proposal is the visit time. */
  @Transactional
  public void fixAgreed(String inspectionNumber, Instant now) {
    Visit visit = current(inspectionNumber).orElseThrow();
    jdbc.sql("UPDATE inspection_visit SET agreed_at = proposed_at, decided_how = :h WHERE inspection_number = :n")
        .param("h", AGREED).param("n", inspectionNumber).update();
    audit.record(inspectionNumber, null, "visit-agreed", "system", now,
        "各部门一致同意检查时间 " + show(visit.proposedAt()), null);
    events.visit(VisitEvent.Kind.AGREED, inspectionNumber, facts.leadDepartment(inspectionNumber), visit.proposedAt(),
        "system", now, null);
  }

  /** The lead chief fixes the visit time (within the window), with a reason. */
  @Transactional
  public void decide(String inspectionNumber, Object date, Object time, String reason, String chief, Instant now) {
    Instant at = validVisitTime(inspectionNumber, date, time, now);
    String why = clean(reason, "visitReason");
    if (why == null) {
      throw new BadRequestException("visitReason", "请说明决定理由");
    }
    Visit visit = current(inspectionNumber).orElseThrow();
    String lead = facts.leadDepartment(inspectionNumber);
    step(inspectionNumber, visit.round(), lead, DECIDE, at, why, chief, now);
    jdbc.sql("UPDATE inspection_visit SET agreed_at = :at, decided_how = :h, decided_by = :by"
            + " WHERE inspection_number = :n")
        .param("at", Timestamp.from(at)).param("h", BY_CHIEF).param("by", chief).param("n", inspectionNumber).update();
    audit.record(inspectionNumber, lead, "visit-decided", chief, now, "牵头科长决定检查时间 " + show(at), why);
    events.visit(VisitEvent.Kind.DECIDED, inspectionNumber, lead, at, chief, now, null);
  }

  /** The burden figure: this joint visit replaced (departments − 1) separate visits. */
  @Transactional
  public int recordVisitsReplaced(String inspectionNumber) {
    int replaced = Math.max(assignments.departments(inspectionNumber).size() - 1, 0);
    int updated = jdbc.sql("UPDATE inspection_visit SET visits_replaced = :v WHERE inspection_number = :n")
        .param("v", replaced).param("n", inspectionNumber).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO inspection_visit (inspection_number, round, visits_replaced) VALUES (:n, 0, :v)")
          .param("n", inspectionNumber).param("v", replaced).update();
    }
    return replaced;
  }

  // ---- reading ----

  /**
   * The agreed visits of the inspections {@code userId} was drawn for, from {@code from} (inclusive)
   * to {@code to} (exclusive), earliest first, at most {@code limit}: what the person's calendar feed
   * shows (issue 17 item 5).
   */
  public List<AgreedVisit> agreedVisitsOf(String userId, Instant from, Instant to, int limit) {
    return jdbc.sql("""
            SELECT v.inspection_number, e.name, v.agreed_at FROM inspection_visit v
              JOIN inspection i ON i.number = v.inspection_number
              LEFT JOIN directory_entity e ON e.uscc = i.uscc
             WHERE v.agreed_at IS NOT NULL AND v.agreed_at >= :from AND v.agreed_at < :to
               AND v.inspection_number IN (SELECT inspection_number FROM inspection_assignment WHERE staff_number = :u)
             ORDER BY v.agreed_at, v.inspection_number LIMIT :limit""")
        .param("u", userId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit)
        .query((rs, i) -> new AgreedVisit(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))))
        .list();
  }

  public Optional<Visit> current(String inspectionNumber) {
    return jdbc.sql("SELECT round, proposed_at, agreed_at, decided_how, decided_by, visits_replaced"
            + " FROM inspection_visit WHERE inspection_number = :n")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Visit(inspectionNumber, rs.getInt(1), instant(rs.getTimestamp(2)),
            instant(rs.getTimestamp(3)), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), null))
        .optional()
        .map(v -> new Visit(v.inspectionNumber(), v.round(), v.proposedAt(), v.agreedAt(), v.decidedHow(),
            v.decidedBy(), v.visitsReplaced(), steps(inspectionNumber)));
  }

  public List<Step> steps(String inspectionNumber) {
    return jdbc.sql("SELECT round, department, kind, visit_at, reason, actor, acted_at FROM inspection_visit_step"
            + " WHERE inspection_number = :n ORDER BY id")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Step(rs.getInt(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
            rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))))
        .list();
  }

  /** What the visit forms show: the window, the round, the proposal and the other departments' answers. */
  public Map<String, Object> formVariables(String inspectionNumber) {
    Plans.BatchWindow window = facts.window(inspectionNumber);
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("visitWindow", window.from() + " 至 " + window.to());
    Optional<Visit> visit = current(inspectionNumber);
    // before the first proposal the lead is proposing round 1 (never "第 0 轮")
    shown.put("visitRound", visit.map(Visit::round).filter(r -> r > 0).orElse(1));
    shown.put("visitProposal", visit.map(Visit::proposedAt).map(this::show).orElse("（尚未提议）"));
    List<String> answers = new ArrayList<>();
    visit.ifPresent(v -> v.steps().stream().filter(s -> s.round() == v.round() && !PROPOSE.equals(s.kind()))
        .forEach(s -> answers.add(facts.departmentName(s.department()) + "："
            + (CONFIRM.equals(s.kind()) ? "同意" : "另提 " + show(s.visitAt()))
            + (s.reason() == null ? "" : "（" + s.reason() + "）"))));
    shown.put("visitAnswers", answers.isEmpty() ? "（暂无）" : String.join("\n", answers));
    // the lead department's note with this round's proposal (defect 5: 确认检查时间 shows it)
    shown.put("visitNote", visit.flatMap(v -> v.steps().stream()
            .filter(s -> s.round() == v.round() && PROPOSE.equals(s.kind()) && s.reason() != null && !s.reason().isBlank())
            .reduce((first, second) -> second))
        .map(s -> facts.departmentName(s.department()) + "：" + s.reason()).orElse("（无）"));
    return shown;
  }

  /**
   * R4 order of work: an on-site record is made on or after the agreed visit date. Earlier only with a
   * reason ({@code earlyRecordReason}, at most 500 characters), which goes into the audit trail; without
   * one 400 naming the field. No agreed visit: nothing to check.
   */
  public void checkRecordDate(String inspectionNumber, String department, String earlyReason, String user,
      Instant now) {
    Instant agreedAt = current(inspectionNumber).map(Visit::agreedAt).orElse(null);
    if (agreedAt == null) {
      return;
    }
    LocalDate agreed = agreedAt.atZone(zone).toLocalDate();
    LocalDate today = now.atZone(zone).toLocalDate();
    if (!today.isBefore(agreed)) {
      return;
    }
    String reason = earlyReason == null ? "" : earlyReason.strip();
    if (reason.isEmpty()) {
      throw new BadRequestException("earlyRecordReason", "约定检查日为 " + agreed + "，今天（" + today
          + "）还不能提交现场检查记录；确需提前提交的，请填写提前记录的理由");
    }
    if (reason.length() > 500) {
      throw new BadRequestException("earlyRecordReason", "提前记录的理由不能超过 500 字");
    }
    audit.record(inspectionNumber, department, "record-before-visit", user, now,
        "在约定检查日 " + agreed + " 之前提交检查记录", reason);
  }

  public String show(Instant at) {
    return at == null ? "" : SHOWN.format(at.atZone(zone));
  }

  // ---- validation ----

  /** A date (yyyy-MM-dd) and a time (HH:mm) inside the batch window, in the future, in office hours. */
  Instant validVisitTime(String inspectionNumber, Object date, Object time, Instant now) {
    LocalDate day = parseDate(date);
    LocalTime clock = parseTime(time);
    Plans.BatchWindow window = facts.window(inspectionNumber);
    if (day.isBefore(window.from()) || day.isAfter(window.to())) {
      throw new BadRequestException("visitDate", "检查日期须在批次时间 " + window.from() + " 至 " + window.to() + " 之内");
    }
    if (clock.isBefore(EARLIEST) || clock.isAfter(LATEST)) {
      throw new BadRequestException("visitTime", "检查时间须在 07:00 至 19:00 之间");
    }
    ZonedDateTime at = LocalDateTime.of(day, clock).atZone(zone);
    if (!at.toInstant().isAfter(now)) {
      throw new BadRequestException("visitDate", "检查时间须晚于当前时间");
    }
    return at.toInstant();
  }

  static LocalDate parseDate(Object value) {
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      throw new BadRequestException("visitDate", "请填写检查日期");
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("visitDate", "日期格式应为 yyyy-MM-dd");
    }
  }

  static LocalTime parseTime(Object value) {
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      throw new BadRequestException("visitTime", "请填写检查时间");
    }
    try {
      return LocalTime.parse(text.length() > 5 ? text.substring(0, 5) : text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException("visitTime", "时间格式应为 HH:mm");
    }
  }

  private static String clean(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.strip().length() > 1000) {
      throw new BadRequestException(field, "最长 1000 个字符");
    }
    return text.strip();
  }

  private void step(String n, int round, String department, String kind, Instant at, String reason, String actor,
      Instant now) {
    jdbc.sql("INSERT INTO inspection_visit_step (inspection_number, round, department, kind, visit_at, reason, actor,"
            + " acted_at) VALUES (:n, :r, :d, :k, :at, :why, :by, :now)")
        .param("n", n).param("r", round).param("d", department).param("k", kind).param("at", Timestamp.from(at))
        .param("why", reason).param("by", actor).param("now", Timestamp.from(now)).update();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
