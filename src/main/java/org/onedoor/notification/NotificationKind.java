package org.onedoor.notification;

/**
 * The events worth a message (issue 17): tasks and their deadlines (from the engine), and the events
 * of the features (the joint visit, records, decision letters, risk warnings). The order is the
 * preferences page's. E-mail by default where the person must act or learns a final fact; a kind whose
 * person also gets a task for it (a proposed visit, a record to co-sign) stays in-app and webhook.
 */
public enum NotificationKind {
  /** A task I may claim (a candidate user, or a member of a candidate group who can sign in). */
  TASK_AVAILABLE("有新的待办任务可认领", false),
  /** A task assigned to me by somebody else (or by the model). */
  TASK_ASSIGNED("任务分配给我", true),
  /** My task's due day is within its lead time. */
  DEADLINE_NEAR("任务即将到期", true),
  /** My task is past its due date and still open. */
  DEADLINE_PASSED("任务已逾期", true),
  /** A task of my department is past its due date (to the department's chiefs). */
  DEADLINE_ESCALATED("本部门任务逾期督办", true),
  /** A time for a joint visit was proposed (by the lead department, or another time by a department). */
  VISIT_PROPOSED("联合检查时间提议", false),
  /** Every department agreed on the joint visit's time. */
  VISIT_CONFIRMED("联合检查时间已商定", true),
  /** The lead chief fixed the joint visit's time. */
  VISIT_DECIDED("联合检查时间已决定", true),
  /** A record waits for my signature as the second officer. */
  COSIGN_REQUESTED("检查记录待我签名", false),
  /** The second officer refused to sign my department's record. */
  COSIGN_REFUSED("检查记录被拒绝签名", true),
  /** The chief returned my department's record. */
  RECORD_RETURNED("检查记录被退回", true),
  /** A decision letter of my department's abnormal-list case was issued. */
  DECISION_LETTER_ISSUED("决定书已出具", true),
  /** A risk warning was raised for my department (to its chiefs; its inspectors get the check task). */
  RISK_WARNING_RAISED("本部门收到风险预警", false);

  private final String label;
  private final boolean emailByDefault;

  NotificationKind(String label, boolean emailByDefault) {
    this.label = label;
    this.emailByDefault = emailByDefault;
  }

  /** What the preferences page calls it. */
  public String label() {
    return label;
  }

  public boolean emailByDefault() {
    return emailByDefault;
  }
}
