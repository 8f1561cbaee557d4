package org.onedoor.notification;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.onedoor.credit.RiskWarningRaised;
import org.onedoor.inspection.RecordEvent;
import org.onedoor.inspection.VisitEvent;
import org.onedoor.listing.letter.DecisionLetterIssued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The features' events as notifications (issue 17 item 1), written in the deciding transaction (the
 * events are published inside it), to the people each event says it concerns, never to who caused it:
 * the joint visit ({@link VisitEvent}), the on-site record ({@link RecordEvent}), a decision letter
 * ({@link DecisionLetterIssued}) and a risk warning ({@link RiskWarningRaised}). The owning features
 * know nothing of notifications; a failure here is logged and never undoes their decision.
 */
@Component
class EventNotifications {

  private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);

  private final TaskNotifications notifications;
  private final NotificationMessages messages;

  EventNotifications(TaskNotifications notifications, NotificationMessages messages) {
    this.notifications = notifications;
    this.messages = messages;
  }

  @EventListener
  void visit(VisitEvent e) {
    String when = messages.deadline(e.visitAt());
    String entity = NotificationMessages.clean(e.entityName(), 200, "市场主体");
    NotificationKind kind;
    NotificationMessages.Message message;
    switch (e.kind()) {
      case PROPOSED -> {
        kind = NotificationKind.VISIT_PROPOSED;
        message = messages.event("检查时间提议：" + entity,
            "牵头部门（" + e.departmentName() + "）提议联合检查时间为 " + when + "，请在 Tasklist 中确认或另提时间。",
            e.entityName(), List.of("检查编号：" + e.inspectionNumber()), inspectionPage(e.inspectionNumber()));
      }
      case COUNTERED -> {
        kind = NotificationKind.VISIT_PROPOSED;
        message = messages.event("另提检查时间：" + entity,
            e.departmentName() + "另提联合检查时间为 " + when + "，请在 Tasklist 中重新提议或决定。",
            e.entityName(), List.of("检查编号：" + e.inspectionNumber()), inspectionPage(e.inspectionNumber()));
      }
      case AGREED -> {
        kind = NotificationKind.VISIT_CONFIRMED;
        message = messages.event("检查时间已商定：" + entity, "各部门已一致同意，联合检查时间为 " + when + "。",
            e.entityName(), List.of("检查编号：" + e.inspectionNumber()), inspectionPage(e.inspectionNumber()));
      }
      case DECIDED -> {
        kind = NotificationKind.VISIT_DECIDED;
        message = messages.event("检查时间已决定：" + entity,
            "牵头部门（" + e.departmentName() + "）科长决定联合检查时间为 " + when + "。",
            e.entityName(), List.of("检查编号：" + e.inspectionNumber()), inspectionPage(e.inspectionNumber()));
      }
      default -> {
        return;
      }
    }
    tell(kind, "visit:" + e.inspectionNumber() + ":" + e.kind() + ":" + e.department() + ":" + e.at().toEpochMilli(),
        e.entityName(), e.department(), e.concernedUsers(), e.concernedGroups(), message, e.actor(), e.at());
  }

  @EventListener
  void record(RecordEvent e) {
    String entity = NotificationMessages.clean(e.entityName(), 200, "市场主体");
    List<String> lines = List.of("检查部门：" + e.departmentName(), "检查编号：" + e.inspectionNumber());
    NotificationKind kind;
    NotificationMessages.Message message;
    switch (e.kind()) {
      case CO_SIGN_REQUESTED -> {
        kind = NotificationKind.COSIGN_REQUESTED;
        message = messages.event("待签名：" + entity + "检查记录",
            e.departmentName() + "的现场检查记录已提交，请作为第二名执法人员在 Tasklist 中签名确认。", e.entityName(), lines,
            inspectionPage(e.inspectionNumber()));
      }
      case CO_SIGN_REFUSED -> {
        kind = NotificationKind.COSIGN_REFUSED;
        message = messages.event("拒绝签名：" + entity + "检查记录",
            "第二名执法人员不同意签名，" + e.departmentName() + "的检查记录已退回，请在 Tasklist 中查看理由并修改。",
            e.entityName(), lines, inspectionPage(e.inspectionNumber()));
      }
      case RETURNED -> {
        kind = NotificationKind.RECORD_RETURNED;
        message = messages.event("记录退回：" + entity + "检查记录",
            "科长退回了" + e.departmentName() + "的检查记录，请在 Tasklist 中查看理由，修改后重新提交。",
            e.entityName(), lines, inspectionPage(e.inspectionNumber()));
      }
      default -> {
        return;
      }
    }
    tell(kind, "record:" + e.inspectionNumber() + ":" + e.department() + ":" + e.kind() + ":" + e.at().toEpochMilli(),
        e.entityName(), e.department(), e.concernedUsers(), e.concernedGroups(), message, e.actor(), e.at());
  }

  @EventListener
  void letter(DecisionLetterIssued e) {
    NotificationMessages.Message message = messages.event("决定书已出具：" + NotificationMessages.clean(e.title(), 60, ""),
        "《" + NotificationMessages.clean(e.title(), 60, "决定书") + "》（" + e.decisionNumber() + "）已出具，可在案件页面查看和下载。",
        e.entityName(), List.of("决定日期：" + e.decidedOn()), "/staff/listings/" + e.listingId());
    tell(NotificationKind.DECISION_LETTER_ISSUED, "letter:" + e.letterId(), e.entityName(), e.department(), Set.of(),
        e.concernedGroups(), message, null, e.at());
  }

  @EventListener
  void riskWarning(RiskWarningRaised e) {
    NotificationMessages.Message message = messages.event(
        "风险预警：" + NotificationMessages.clean(e.entityName(), 200, "市场主体"),
        "本部门收到一条新的风险预警（来源：" + e.sourceLabel() + "），已交本部门检查人员核查。", e.entityName(), List.of(), null);
    tell(NotificationKind.RISK_WARNING_RAISED, "warning:" + e.warningId(), e.entityName(), e.department(), Set.of(),
        e.concernedGroups(), message, e.receivedBy(), e.at());
  }

  private void tell(NotificationKind kind, String eventKey, String entityName, String department, Set<String> users,
      Set<String> groups, NotificationMessages.Message message, String actor, Instant at) {
    TaskFacts about = new TaskFacts(null, null, null, null, null, null, users, groups, entityName, department);
    try {
      notifications.eventHappened(kind, eventKey, about, message, actor, at);
    } catch (RuntimeException e) {
      log.warn("could not write the notifications of {} {}: {}", kind, eventKey, e.toString());
    }
  }

  private static String inspectionPage(String number) {
    return "/staff/inspections/" + java.net.URLEncoder.encode(number, java.nio.charset.StandardCharsets.UTF_8);
  }
}
