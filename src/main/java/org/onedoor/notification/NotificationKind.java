package org.onedoor.notification;

/** The events worth a message (issue 17, phase 1: tasks and their deadlines). */
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
  DEADLINE_ESCALATED("本部门任务逾期督办", true);

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
