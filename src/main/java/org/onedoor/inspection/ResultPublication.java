package org.onedoor.inspection;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.onedoor.plan.Plans;
import org.onedoor.platform.ProcessExpressionBean;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "一公开": a department's approved result (its final code, after a rectification where one was ordered)
 * becomes public through {@link ResultApproved}, published inside the confirming transaction. The legal
 * deadline is {@code publication-working-days} (20) working days after the inspection's completion; the
 * manager is told {@code escalation-working-days} (5) working days before it while publication is pending.
 */
@Service("resultPublication")
@ProcessExpressionBean
public class ResultPublication {

  /** When an escalation falls due on its day. */
  static final LocalTime ESCALATION_TIME = LocalTime.of(9, 0);

  private final JdbcClient jdbc;
  private final InspectionFacts facts;
  private final InspectionRecords records;
  private final InspectionAudit audit;
  private final WorkingDayCalendar calendar;
  private final JointInspectionProperties properties;
  private final ApplicationEventPublisher events;
  private final ZoneId zone;

  public ResultPublication(JdbcClient jdbc, InspectionFacts facts, InspectionRecords records, InspectionAudit audit,
      WorkingDayCalendar calendar, JointInspectionProperties properties, ApplicationEventPublisher events,
      CalendarProperties calendarProperties) {
    this.jdbc = jdbc;
    this.facts = facts;
    this.records = records;
    this.audit = audit;
    this.calendar = calendar;
    this.properties = properties;
    this.events = events;
    this.zone = calendarProperties.zone();
  }

  /** The day the inspection was completed (every department's record approved). */
  public LocalDate completedOn(String inspectionNumber) {
    Timestamp done = jdbc.sql("SELECT done_at FROM inspection WHERE number = :n").param("n", inspectionNumber)
        .query(Timestamp.class).optional().orElse(null);
    if (done == null) {
      throw new ConflictException("检查 " + inspectionNumber + " 尚未完成");
    }
    return done.toInstant().atZone(zone).toLocalDate();
  }

  /** The last day to publish: completion + 20 working days. */
  public LocalDate deadlineDay(String inspectionNumber) {
    return calendar.plusWorkingDays(completedOn(inspectionNumber), properties.publicationWorkingDays());
  }

  /** The deadline as the task's due date: the end of its last day. */
  public Date deadline(String inspectionNumber) {
    return Date.from(deadlineDay(inspectionNumber).atTime(23, 59, 59).atZone(zone).toInstant());
  }

  /** 09:00 on the 5th working day before the deadline day: the boundary timer of 确认公示. */
  public Date escalationTime(String inspectionNumber) {
    LocalDate day = calendar.minusWorkingDays(deadlineDay(inspectionNumber), properties.escalationWorkingDays());
    return Date.from(day.atTime(ESCALATION_TIME).atZone(zone).toInstant());
  }

  /** {@code <lead department>-manager}: who is told when a publication is late. */
  public String managerGroup(String inspectionNumber) {
    return Role.MANAGER.workGroupId(facts.leadDepartment(inspectionNumber));
  }

  /** The department chief confirms publication (optionally confidential): the event goes out now. */
  @Transactional
  public ResultApproved publish(String inspectionNumber, String department, String entityName, boolean confidential,
      String chief, Instant now) {
    InspectionRecords.Record record = records.get(inspectionNumber, department);
    if (!InspectionRecords.APPROVED.equals(record.status())) {
      throw new ConflictException("检查结果尚未审核通过或已公示");
    }
    jdbc.sql("UPDATE inspection_record SET status = :s, confidential = :c, published_by = :by, published_at = :at"
            + " WHERE inspection_number = :n AND department = :d")
        .param("s", InspectionRecords.PUBLISHED).param("c", confidential).param("by", chief)
        .param("at", Timestamp.from(now)).param("n", inspectionNumber).param("d", department).update();
    InspectionFacts.Facts f = facts.facts(inspectionNumber);
    // a targeted inspection has no plan: no plan number or name, the task named by its title
    Optional<Plans.Plan> plan = facts.plan(inspectionNumber);
    String planNumber = plan.map(Plans.Plan::number).orElse("");
    String planName = plan.map(Plans.Plan::name).orElse("");
    String title = plan.map(Plans.Plan::name)
        .orElseGet(() -> facts.targeted(inspectionNumber).map(TargetedInspections.Targeted::title).orElse("定向检查"));
    String authority = facts.departmentName(department);
    if (entityName == null || entityName.isBlank()) {
      entityName = facts.business(f.uscc()).get("name");
    }
    ResultApproved event = new ResultApproved(planNumber, planName, inspectionNumber,
        title + "（" + authority + "）", facts.inspectionType(inspectionNumber), department, authority,
        entityName, f.uscc(), completedOn(inspectionNumber), record.code(), ResultCodes.label(record.code()),
        record.remarks(), confidential, now);
    events.publishEvent(event);
    audit.record(inspectionNumber, department, "result-published", chief, now,
        authority + "检查结果" + (confidential ? "经科长标记为不予公开" : "公示") + "：" + record.code() + " "
            + ResultCodes.label(record.code()), null);
    return event;
  }

  /** The boundary timer fired: the manager is told. */
  @Transactional
  public void escalated(String inspectionNumber, String department, Instant now) {
    audit.record(inspectionNumber, department, "publication-escalated", "system", now,
        facts.departmentName(department) + "检查结果尚未公示，公示期限 " + deadlineDay(inspectionNumber)
            + "，已提醒监管主管", null);
  }
}
