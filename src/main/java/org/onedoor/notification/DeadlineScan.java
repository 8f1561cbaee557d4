package org.onedoor.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.calendar.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds open tasks whose deadline is near or has passed, every {@code scan-every} (5 min). Near: today
 * (Beijing) is on or after the working day {@code lead} working days before the due day, the lead
 * time being that of the task's group ({@code onedoor.notifications.deadlines.groups}: publication,
 * legal review, rectification, objection, removal) or the default. Passed: the due moment is behind
 * us. Each task's notifications are written in one transaction, keyed by (kind, task, recipient, due
 * day): scanning again, or on two nodes at once, writes nothing twice; a task whose due date moves
 * (an extension) is reminded again for its new day.
 */
@Component
public class DeadlineScan {

  private static final Logger log = LoggerFactory.getLogger(DeadlineScan.class);
  private static final int PAGE = 500;

  private final TaskService tasks;
  private final TaskNotifications notifications;
  private final NotificationOutbox outbox;
  private final NotificationProperties properties;
  private final WorkingDayCalendar calendar;
  private final TransactionTemplate transactions;
  private final ZoneId zone;

  DeadlineScan(TaskService tasks, TaskNotifications notifications, NotificationOutbox outbox,
      NotificationProperties properties, WorkingDayCalendar calendar, TransactionTemplate transactions,
      CalendarProperties calendarProperties) {
    this.tasks = tasks;
    this.notifications = notifications;
    this.outbox = outbox;
    this.properties = properties;
    this.calendar = calendar;
    this.transactions = transactions;
    this.zone = calendarProperties.zone();
  }

  /** One scan at {@code now}; returns how many notifications it wrote. */
  public int scan(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    // every due day that can be near today lies before this (a due day on a day off included)
    LocalDate horizon = calendar.plusWorkingDays(today, properties.deadlines().longestLead() + 1);
    Date dueBefore = Date.from(horizon.atStartOfDay(zone).toInstant());
    int written = 0;
    for (int first = 0; ; first += PAGE) {
      List<Task> page = tasks.createTaskQuery().active().dueBefore(dueBefore)
          .orderByDueDate().asc().orderByTaskId().asc().listPage(first, PAGE);
      for (Task task : page) {
        try {
          written += remind(task, now, today);
        } catch (RuntimeException e) {
          log.warn("deadline reminders of task {} ({}): {}", task.getId(), task.getTaskDefinitionKey(), e.toString());
        }
      }
      if (page.size() < PAGE) {
        return written;
      }
    }
  }

  private int remind(Task task, Instant now, LocalDate today) {
    Instant due = task.getDueDate().toInstant();
    LocalDate dueDay = notifications.deadlineDay(due);
    NotificationKind kind;
    if (!due.isAfter(now)) {
      kind = NotificationKind.DEADLINE_PASSED;
    } else {
      LocalDate remindFrom = calendar.minusWorkingDays(dueDay, properties.deadlines().leadFor(task.getTaskDefinitionKey()));
      if (today.isBefore(remindFrom)) {
        return 0;
      }
      kind = NotificationKind.DEADLINE_NEAR;
    }
    if (outbox.notified(kind, task.getId(), dueDay)) {
      return 0;
    }
    TaskFacts facts = facts(task);
    try {
      return write(kind, facts, now);
    } catch (DataIntegrityViolationException | ConcurrencyFailureException anotherNode) {
      // another node wrote some of these a moment ago (a duplicate key, or a lock on it): write what is missing
      return write(kind, facts, now);
    }
  }

  private int write(NotificationKind kind, TaskFacts facts, Instant now) {
    Integer n = transactions.execute(s -> kind == NotificationKind.DEADLINE_PASSED
        ? notifications.deadlinePassed(facts, now) : notifications.deadlineNear(facts, now));
    return n == null ? 0 : n;
  }

  private TaskFacts facts(Task task) {
    Set<String> users = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
        continue;
      }
      if (link.getUserId() != null) {
        users.add(link.getUserId());
      } else if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return new TaskFacts(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getProcessInstanceId(),
        task.getDueDate().toInstant(), task.getAssignee(), users, groups, text(task, "entityName"),
        text(task, "department"));
  }

  private String text(Task task, String variable) {
    try {
      return tasks.getVariable(task.getId(), variable) instanceof String s ? s : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
