package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.platform.cluster.ClusterNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery: a channel that is down delays a message and loses none; two senders on one database send
 * each message once; the daily digest. The messages are assignments of tasks created through the
 * task service (no model, so only what the test writes is queued).
 */
@OnedoorSpringTest
class NotificationDeliveryTest extends NotificationTestContext {

  @Autowired TaskService tasks;
  @Autowired TaskNotifications notifications;
  @Autowired NotificationSender sender;
  @Autowired NotificationOutbox outbox;
  @Autowired DailyDigest digest;
  @Autowired EmailChannel email;
  @Autowired WebhookChannel webhook;
  @Autowired NotificationProperties properties;
  @Autowired MeterRegistry meters;
  @Autowired TransactionTemplate transactions;

  /** A task assigned to {@code user} by the administrator, as the task listener would report it. */
  private Task assign(String name, String user, Instant now) {
    Task task = tasks.newTask();
    task.setName(name);
    task.setDueDate(Date.from(now.plusSeconds(7 * 86_400)));
    tasks.saveTask(task);
    TaskFacts facts = new TaskFacts(task.getId(), name, "Standalone", null, task.getDueDate().toInstant(), user,
        Set.of(), Set.of(), "某某商贸有限公司", null);
    transactions.executeWithoutResult(s -> notifications.taskAssigned(facts, "admin", now));
    return task;
  }

  private Map<String, Object> delivery(String taskId, Channel channel) {
    return jdbc.sql("""
            SELECT d.* FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
             WHERE n.task_id = :t AND d.channel = :c""")
        .param("t", taskId).param("c", channel.name()).query().singleRow();
  }

  /** A TIMESTAMP WITH TIME ZONE as the driver hands it out (H2: OffsetDateTime; PostgreSQL: Timestamp). */
  private static Instant instant(Object value) {
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return ((java.sql.Timestamp) value).toInstant();
  }

  private double count(String name, String channel) {
    var counter = meters.find(name).tag("channel", channel).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aRobotThatIsDownDelaysTheMessageWhichIsDeliveredExactlyOnceWhenItIsBack() {
    Instant now = at(LocalDateTime.of(2026, 7, 7, 10, 0));
    double retriedBefore = count("onedoor.notifications.retried", "webhook");
    double sentBefore = count("onedoor.notifications.sent", "webhook");
    Task task = assign("复核整改材料", "lina", now);
    ROBOTS.answer(500);

    sender.sendDue();
    Map<String, Object> row = delivery(task.getId(), Channel.WEBHOOK);
    assertThat(row.get("STATUS")).isEqualTo("PENDING");
    assertThat(row.get("ATTEMPTS")).isEqualTo(1);
    assertThat((String) row.get("LAST_ERROR")).isEqualTo("机器人 user:lina 返回 HTTP 500")
        .doesNotContain("token-lina").doesNotContain(LINA_SECRET);
    assertThat(instant(row.get("NEXT_ATTEMPT_AT"))).isEqualTo(now.plusSeconds(60));
    assertThat(count("onedoor.notifications.retried", "webhook")).isEqualTo(retriedBefore + 1);
    assertThat(mailTo("lina@onedoor.local")).as("e-mail is another channel, sent meanwhile").hasSize(1);

    sender.sendDue();
    assertThat(ROBOTS.received()).as("not due again before its backoff").hasSize(1);

    at(LocalDateTime.of(2026, 7, 7, 10, 1, 1));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isZero();
    assertThat(ROBOTS.received()).extracting(WebhookReceiver.Received::status).containsExactly(500, 200);
    assertThat(ROBOTS.received()).allMatch(WebhookReceiver.Received::signatureValid);
    row = delivery(task.getId(), Channel.WEBHOOK);
    assertThat(row.get("STATUS")).isEqualTo("SENT");
    assertThat(row.get("ATTEMPTS")).isEqualTo(2);
    assertThat(count("onedoor.notifications.sent", "webhook")).isEqualTo(sentBefore + 1);
  }

  @Test
  void aMessageIsGivenUpAfterItsLastAttemptWithTheReasonAndCounted() {
    Instant now = at(LocalDateTime.of(2026, 7, 8, 10, 0));
    double failedBefore = count("onedoor.notifications.failed", "webhook");
    Task task = assign("审批延期申请", "lina", now);
    int[] errors = new int[properties.maxAttempts()];
    java.util.Arrays.fill(errors, 503);
    ROBOTS.answer(errors);

    for (int i = 0; i < properties.maxAttempts(); i++) {
      sender.sendDue();
      now = now.plusSeconds(2 * 3600);
      ClockUtil.setCurrentTime(Date.from(now));
    }
    Map<String, Object> row = delivery(task.getId(), Channel.WEBHOOK);
    assertThat(row.get("STATUS")).isEqualTo("FAILED");
    assertThat(row.get("ATTEMPTS")).isEqualTo(properties.maxAttempts());
    assertThat(row.get("LAST_ERROR")).isEqualTo("机器人 user:lina 返回 HTTP 503");
    assertThat(count("onedoor.notifications.failed", "webhook")).isEqualTo(failedBefore + 1);
    sender.sendDue();
    assertThat(ROBOTS.received()).hasSize(properties.maxAttempts());
  }

  @Test
  void twoSendersOnOneDatabaseSendEachMessageOnce() throws Exception {
    Instant now = at(LocalDateTime.of(2026, 7, 9, 10, 0));
    List<String> people = List.of("lina", "zhangwei", "wangqiang", "liuyang", "chenjing", "zhaomin");
    int perPerson = 6;
    for (String person : people) {
      for (int i = 1; i <= perPerson; i++) {
        assign("任务 " + person + " " + i, person, now);
      }
    }
    ROBOTS.delay(15);
    NotificationSender otherNode = new NotificationSender(outbox, email, webhook, properties, new ClusterNode("node-b"),
        tasks, meters);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (NotificationSender s : List.of(sender, otherNode)) {
        runs.add(threads.submit(() -> {
          go.await();
          return s.sendDue();
        }));
      }
      go.countDown();
      int delivered = runs.get(0).get(2, TimeUnit.MINUTES) + runs.get(1).get(2, TimeUnit.MINUTES);
      int expected = people.size() * perPerson + perPerson; // every e-mail, and lina's robot
      assertThat(jdbc.sql("SELECT id || ' ' || channel || ' ' || status || ' ' || attempts || ' ' || claimed_by || ' '"
              + " || COALESCE(last_error, '') FROM notification_delivery WHERE created_day = :d AND status <> 'SENT'")
          .param("d", java.sql.Date.valueOf(LocalDate.of(2026, 7, 9))).query(String.class).list()).isEmpty();
      assertThat(delivered).isEqualTo(expected);
    } finally {
      threads.shutdownNow();
    }

    MimeMessage[] mail = MAIL.getReceivedMessages();
    assertThat(mail).hasSize(people.size() * perPerson);
    assertThat(java.util.Arrays.stream(mail).map(m -> subject(m)).distinct().count()).isEqualTo(people.size() * perPerson);
    assertThat(ROBOTS.received()).hasSize(perPerson);
    assertThat(jdbc.sql("""
            SELECT COUNT(*) FROM notification_delivery WHERE created_day = :d AND (status <> 'SENT' OR attempts <> 1)""")
        .param("d", java.sql.Date.valueOf(LocalDate.of(2026, 7, 9))).query(Integer.class).single()).isZero();
  }

  @Test
  void beyondTheDailyLimitEmailsWaitForOneDigestInTheEvening() {
    Instant morning = at(LocalDateTime.of(2026, 7, 14, 9, 0));
    int limit = properties.email().maxPerDay();
    for (int i = 1; i <= limit + 3; i++) {
      assign("核实情况 " + i, "wangqiang", morning);
    }
    assertThat(sender.sendDue()).isEqualTo(limit);
    assertThat(mailTo("wangqiang@onedoor.local")).hasSize(limit);

    assertThat(digest.prepare(at(LocalDateTime.of(2026, 7, 14, 17, 59)))).isZero();
    Instant six = at(LocalDateTime.of(2026, 7, 14, 18, 0));
    assertThat(digest.prepare(six)).isEqualTo(1);
    assertThat(digest.prepare(six)).as("prepared again (another node): nothing more").isZero();
    assertThat(sender.sendDue()).isEqualTo(1);
    List<MimeMessage> mail = mailTo("wangqiang@onedoor.local");
    assertThat(mail).hasSize(limit + 1);
    MimeMessage sum = mail.stream().filter(m -> subject(m).contains("汇总")).findFirst().orElseThrow();
    assertThat(subject(sum)).isEqualTo("【onedoor】提醒汇总（3 条）");
    assertThat(text(sum)).startsWith("王强，您好：").contains("今天的提醒超过 " + limit + " 封，其余 3 条汇总如下",
        "1. 分配给您：核实情况 " + (limit + 1), "3. 分配给您：核实情况 " + (limit + 3), "市场主体：某某商贸有限公司");

    // after the digest time the day's further e-mails wait for tomorrow's
    Instant evening = at(LocalDateTime.of(2026, 7, 14, 18, 30));
    Task late = assign("核实情况 晚", "wangqiang", evening);
    Map<String, Object> held = delivery(late.getId(), Channel.EMAIL);
    assertThat(held.get("STATUS")).isEqualTo("HELD");
    assertThat(String.valueOf(held.get("DIGEST_DAY"))).isEqualTo("2026-07-15");
    assertThat(digest.prepare(at(LocalDateTime.of(2026, 7, 15, 17, 0)))).isZero();
    assertThat(digest.prepare(at(LocalDateTime.of(2026, 7, 15, 18, 0)))).isEqualTo(1);
    sender.sendDue();
    assertThat(mailTo("wangqiang@onedoor.local")).hasSize(limit + 2);
  }
}
