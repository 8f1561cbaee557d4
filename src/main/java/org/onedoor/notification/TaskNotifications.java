package org.onedoor.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.notification.NotificationPreferences.Preference;
import org.onedoor.platform.PersonNames;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns task events into notifications and queued messages, in the caller's transaction (the
 * engine's, for a task created, assigned or ended; the scan's, for a deadline).
 *
 * <ul>
 *   <li>A task created without an assignee: {@link NotificationKind#TASK_AVAILABLE} to its candidates
 *       who can sign in. One created with an assignee is told by its assignment event.
 *   <li>A task assigned: {@link NotificationKind#TASK_ASSIGNED} to the assignee, unless they claimed
 *       it themselves.
 *   <li>A task completed or deleted: its messages not yet sent are cancelled.
 *   <li>A deadline near or passed (from {@link DeadlineScan}): to the assignee or the candidates; a
 *       passed one also to the chiefs of the task's department ({@link NotificationKind#DEADLINE_ESCALATED}).
 * </ul>
 *
 * <p>Each notification is keyed by (kind, task, recipient, deadline day) and written once. Per
 * recipient's preferences it queues an e-mail (if e-mail is configured and the user has an address;
 * beyond {@code max-per-day} e-mails that day it is held for the day's digest) and a webhook message
 * (the user's robot, else their department's: one message per robot and event).
 */
@Service
public class TaskNotifications {

  private final NotificationOutbox outbox;
  private final NotificationPreferences preferences;
  private final Recipients recipients;
  private final NotificationMessages messages;
  private final NotificationProperties properties;
  private final EmailChannel email;
  private final PersonNames names;
  private final ZoneId zone;
  private final TransactionTemplate ownTransaction;

  public TaskNotifications(NotificationOutbox outbox, NotificationPreferences preferences, Recipients recipients,
      NotificationMessages messages, NotificationProperties properties, EmailChannel email, PersonNames names,
      CalendarProperties calendar, PlatformTransactionManager transactions) {
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.outbox = outbox;
    this.preferences = preferences;
    this.recipients = recipients;
    this.messages = messages;
    this.properties = properties;
    this.email = email;
    this.names = names;
    this.zone = calendar.zone();
  }

  /** How many notifications were written. */
  public int taskCreated(TaskFacts task, Instant now) {
    if (task.assignee() != null) {
      return 0;
    }
    return notify(NotificationKind.TASK_AVAILABLE, task, recipients.holders(task), null, now);
  }

  /** {@code actor}: who assigned it (null: the engine); nobody is told of a task they claimed themselves. */
  public int taskAssigned(TaskFacts task, String actor, Instant now) {
    if (task.assignee() == null || task.assignee().equals(actor)) {
      return 0;
    }
    return notify(NotificationKind.TASK_ASSIGNED, task, List.of(task.assignee()), null, now);
  }

  public int taskEnded(String taskId) {
    return outbox.cancelForTask(taskId);
  }

  /**
   * {@link #taskEnded} in a transaction of its own, for after the completion committed: a second
   * completion of the same task at the same moment must not wait on the first one's lock on the task's
   * messages (it would then find the task's candidates gone and refuse with 403 instead of losing the
   * race with 409), and a completion that rolls back cancels nothing.
   */
  public int taskEndedAfterCommit(String taskId) {
    Integer cancelled = ownTransaction.execute(s -> outbox.cancelForTask(taskId));
    return cancelled == null ? 0 : cancelled;
  }

  public int deadlineNear(TaskFacts task, Instant now) {
    return notify(NotificationKind.DEADLINE_NEAR, task, recipients.holders(task), null, now);
  }

  /** To the task's holders, and escalated to its department's chiefs (those not holding it already). */
  public int deadlinePassed(TaskFacts task, Instant now) {
    Set<String> holders = recipients.holders(task);
    int written = notify(NotificationKind.DEADLINE_PASSED, task, holders, null, now);
    Set<String> chiefs = new TreeSet<>(recipients.chiefs(task));
    chiefs.removeAll(holders);
    String holderName = task.assignee() == null ? null : names.name(task.assignee());
    return written + notify(NotificationKind.DEADLINE_ESCALATED, task, chiefs, holderName, now);
  }

  /** The day of a due date (onedoor.calendar.zone): part of every deadline notification's key. */
  public LocalDate deadlineDay(Instant dueAt) {
    return LocalDate.ofInstant(dueAt, zone);
  }

  /**
   * An event of a feature (not a task's): {@code about} names whom it concerns (its candidate users
   * and groups) and the business; those who can sign in are told, except {@code actor}, who caused it.
   * {@code eventKey} identifies the event: the same event reported twice is written once.
   */
  public int eventHappened(NotificationKind kind, String eventKey, TaskFacts about, NotificationMessages.Message message,
      String actor, Instant now) {
    Set<String> to = new TreeSet<>(recipients.holders(about));
    if (actor != null) {
      to.remove(actor);
    }
    return write(kind, kind.name() + "|" + eventKey + "|", about, message, to, now);
  }

  private int notify(NotificationKind kind, TaskFacts task, Collection<String> to, String holderName, Instant now) {
    if (to.isEmpty()) {
      return 0;
    }
    return write(kind, kind.name() + "|" + task.taskId() + "|", task, messages.render(kind, task, holderName), to, now);
  }

  private int write(NotificationKind kind, String event, TaskFacts task, NotificationMessages.Message message,
      Collection<String> to, Instant now) {
    if (to.isEmpty()) {
      return 0;
    }
    List<String> people = new ArrayList<>(new TreeSet<>(to));
    LocalDate deadlineDay = task.dueAt() == null ? null : deadlineDay(task.dueAt());
    LocalDate today = LocalDate.ofInstant(now, zone);
    Map<String, Preference> chosen = preferences.forKind(people, kind);
    Map<String, String> addresses = email.configured() ? recipients.emails(people) : Map.of();
    String day = deadlineDay == null ? "-" : deadlineDay.toString();
    int written = 0;
    for (String person : people) {
      Optional<Long> id = outbox.insert(new NotificationOutbox.NewNotification(
          event + person + "|" + day, person, kind, task, deadlineDay, message), now);
      if (id.isEmpty()) {
        continue;
      }
      written++;
      Preference preference = chosen.get(person);
      if (preference.email() && addresses.containsKey(person)) {
        LocalDate digestDay = outbox.emailsOn(person, today) >= properties.email().maxPerDay() ? digestSlot(now) : null;
        outbox.queue("EMAIL|" + id.get(), id.get(), Channel.EMAIL, person, now, today, digestDay);
      }
      if (preference.webhook()) {
        Optional<String> target = webhookTarget(person);
        if (target.isPresent()) {
          outbox.queue("WEBHOOK|" + target.get() + "|" + event + day, id.get(), Channel.WEBHOOK, target.get(), now,
              today, null);
        }
      }
    }
    return written;
  }

  /** The user's own robot ({@code user:<id>}), else their department's ({@code department:<code>}). */
  Optional<String> webhookTarget(String userId) {
    NotificationProperties.Webhooks hooks = properties.webhooks();
    if (hooks.users().containsKey(userId)) {
      return Optional.of("user:" + userId);
    }
    if (hooks.departments().isEmpty()) {
      return Optional.empty();
    }
    return recipients.departmentsOf(userId).stream().filter(hooks.departments()::containsKey).findFirst()
        .map(d -> "department:" + d);
  }

  /** The digest a held e-mail goes into: today's if today's digest time is still ahead, else tomorrow's. */
  LocalDate digestSlot(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    return local.toLocalTime().isBefore(properties.email().digestAt())
        ? local.toLocalDate() : local.toLocalDate().plusDays(1);
  }
}
