package org.onedoor.notification;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the notification tests share. They run in the suite's one application context ({@code
 * @OnedoorSpringTest}) and its one database, whose e-mail goes to GreenMail and whose robots are
 * {@link WebhookReceiver}s ({@link NotificationTestServers}). So a test never assumes an empty
 * database: it asserts on the messages of the tasks, process instances and people it made itself,
 * cleans only those up, and starts with nothing left to send (other classes' messages are cancelled,
 * never sent). No background work: each test scans, prepares digests and sends itself, at moments it
 * fixes on the engine clock.
 */
@OnedoorSpringTest
abstract class NotificationTestContext {

  static final GreenMail MAIL = NotificationTestServers.mail();
  static final WebhookReceiver ROBOTS = NotificationTestServers.robots();
  static final String HEALTH_ROBOT = NotificationTestServers.HEALTH_ROBOT;
  static final String LINA_ROBOT = NotificationTestServers.LINA_ROBOT;
  static final String HEALTH_SECRET = NotificationTestServers.HEALTH_SECRET;
  static final String LINA_SECRET = NotificationTestServers.LINA_SECRET;

  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  private final List<String> startedInstances = new ArrayList<>();
  private final List<String> standaloneTasks = new ArrayList<>();
  private final List<String> people = new ArrayList<>();
  private final List<Runnable> undo = new ArrayList<>();

  @BeforeEach
  void quietOutbox() throws Exception {
    // messages left by other tests (tasks of every class, retries not yet due, digests) are not this test's
    jdbc.sql("UPDATE notification_delivery SET status = 'CANCELLED' WHERE status IN ('PENDING', 'HELD')").update();
    MAIL.purgeEmailFromAllMailboxes();
    ROBOTS.reset();
  }

  @AfterEach
  void endWhatThisTestStarted() {
    // an open task of this test would be overdue in a later scan: its instances and tasks go, nobody else's
    for (String id : startedInstances) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test over");
      }
    }
    for (String id : standaloneTasks) {
      if (taskService.createTaskQuery().taskId(id).count() > 0) {
        taskService.deleteTask(id, true);
      }
    }
    people.forEach(identityService::deleteUser);
    undo.forEach(Runnable::run);
    TestClock.reset();
  }

  /** Something a shared person's settings need put back after the test. */
  void afterwards(Runnable restore) {
    undo.add(restore);
  }

  /** Remembers a process instance this test started, to end it afterwards. */
  ProcessInstance started(ProcessInstance instance) {
    startedInstances.add(instance.getId());
    return instance;
  }

  /** A task outside any process (no task listener: only what the test writes is queued), removed afterwards. */
  Task standaloneTask(String name, Instant due) {
    Task task = taskService.newTask();
    task.setName(name);
    task.setDueDate(due == null ? null : Date.from(due));
    taskService.saveTask(task);
    standaloneTasks.add(task.getId());
    return task;
  }

  /**
   * A person of this test only (removed afterwards), who signs in with the demo password and has the
   * e-mail address {@code <id>@onedoor.local}; the id is {@code prefix} with a random tail.
   */
  String person(String prefix, String name, String... groups) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName(name);
    user.setLastName("");
    user.setEmail(id + "@onedoor.local");
    user.setPassword("demo");
    identityService.saveUser(user);
    people.add(id);
    for (String group : groups) {
      identityService.createMembership(id, group);
    }
    return id;
  }

  /** Fixes the engine clock at a moment in Beijing time. */
  static Instant at(LocalDateTime beijing) {
    Instant moment = beijing.atZone(TestClock.ZONE).toInstant();
    ClockUtil.setCurrentTime(java.util.Date.from(moment));
    return moment;
  }

  static Instant at(LocalDate day, int hour, int minute) {
    return at(day.atTime(hour, minute));
  }

  /** The e-mails GreenMail received for one address. */
  static List<MimeMessage> mailTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The e-mails to one address about one task (their link names it): a scan also reminds of other tests' tasks. */
  static List<MimeMessage> mailAbout(String taskId, String address) {
    return mailTo(address).stream().filter(m -> text(m).contains(taskId)).toList();
  }

  /** Every e-mail about one of these tasks. */
  static List<MimeMessage> mailAbout(Collection<String> taskIds) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> taskIds.stream().anyMatch(text(m)::contains)).toList();
  }

  /** The robots' posts about one task. */
  static List<WebhookReceiver.Received> postsAbout(String taskId) {
    return ROBOTS.received().stream().filter(r -> r.body().contains(taskId)).toList();
  }

  static String text(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
