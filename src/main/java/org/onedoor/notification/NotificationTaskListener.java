package org.onedoor.notification;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * On every user task ({@link NotificationEnginePlugin}): created, assigned, completed, deleted. Thin:
 * takes the task's facts and hands them to {@link TaskNotifications}, in the engine's transaction, so a
 * notification is written exactly when its task event commits; a task's end cancels its unsent
 * messages once that end has committed. Recipients are looked up without the
 * caller's authorizations (the person completing a task may not read the next one's candidates). A
 * failure to notify is logged and never stops the process.
 */
class NotificationTaskListener implements TaskListener {

  private static final Logger log = LoggerFactory.getLogger(NotificationTaskListener.class);

  private final ObjectProvider<TaskNotifications> notifications;

  NotificationTaskListener(ObjectProvider<TaskNotifications> notifications) {
    this.notifications = notifications;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskNotifications service = notifications.getIfAvailable();
    if (service == null) {
      return;
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    CommandContext context = Context.getCommandContext();
    try {
      switch (task.getEventName()) {
        case EVENTNAME_CREATE -> context.runWithoutAuthorization(() -> service.taskCreated(facts(task), now));
        case EVENTNAME_ASSIGNMENT -> {
          String actor = context.getAuthenticatedUserId();
          context.runWithoutAuthorization(() -> service.taskAssigned(facts(task), actor, now));
        }
        case EVENTNAME_COMPLETE, EVENTNAME_DELETE -> {
          // after the commit, never inside it: see TaskNotifications.taskEndedAfterCommit
          String taskId = task.getId();
          context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> {
            try {
              service.taskEndedAfterCommit(taskId);
            } catch (RuntimeException e) {
              log.warn("could not cancel the messages of ended task {}: {}", taskId, e.toString());
            }
          });
        }
        default -> { }
      }
    } catch (RuntimeException e) {
      log.warn("could not write the notifications of task {} ({}, {}): {}", task.getId(), task.getTaskDefinitionKey(),
          task.getEventName(), e.toString());
    }
  }

  static TaskFacts facts(DelegateTask task) {
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getUserId() != null) {
        users.add(link.getUserId());
      } else if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return new TaskFacts(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
        task.getDueDate() == null ? null : task.getDueDate().toInstant(), task.getAssignee(), users, groups,
        text(task, "entityName"), text(task, "department"));
  }

  private static String text(DelegateTask task, String name) {
    try {
      return task.getVariable(name) instanceof String s ? s : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
