package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
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
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.platform.PersonNames;
import org.onedoor.platform.cluster.ClusterNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery: a channel that is down delays a message and loses none; two senders on one database send
 * each message once; the daily digest. The messages are assignments of tasks created through the
 * task service (no model, so only what the test writes is queued), mostly to people each test makes
 * for itself; the robot tests use 李娜 (lina), whose own robot is configured.
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
  @Autowired NotificationPreferences preferences;
  @Autowired Recipients recipients;
  @Autowired NotificationMessages messages;
  @Autowired PersonNames names;
  @Autowired CalendarProperties calendar;
  @Autowired ObjectProvider<JavaMailSender> mailSender;
  @Autowired PlatformTransactionManager transactionManager;

  /** A task assigned to {@code user} by the administrator, as the task listener would report it. */
  private Task assign(String name, String user, Instant now) {
    return assign(notifications, name, user, now);
  }

  private Task assign(TaskNotifications through, String name, String user, Instant now) {
    Task task = standaloneTask(name, now.plusSeconds(7 * 86_400));
    TaskFacts facts = new TaskFacts(task.getId(), name, "Standalone", null, task.getDueDate().toInstant(), user,
        Set.of(), Set.of(), "某某商贸有限公司", null);
    transactions.executeWithoutResult(s -> through.taskAssigned(facts, "admin", now));
    return task;
  }

  /** Every message queued for these tasks: id, channel, status, attempts, claim, error. */
  private List<String> deliveriesOf(Collection<String> taskIds) {
    return jdbc.sql("SELECT d.id || ' ' || d.channel || ' ' || d.status || ' ' || d.attempts || ' '"
            + " || COALESCE(d.claimed_by, '') || ' ' || COALESCE(d.last_error, '')"
            + " FROM notification_delivery d JOIN notification n ON n.id = d.notification_id"
            + " WHERE n.task_id IN (:t) ORDER BY d.id")
        .param("t", List.copyOf(taskIds)).query(String.class).list();
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
    assertThat(mailAbout(task.getId(), "lina@onedoor.local")).as("e-mail is another channel, sent meanwhile").hasSize(1);

    sender.sendDue();
    assertThat(postsAbout(task.getId())).as("not due again before its backoff").hasSize(1);

    at(LocalDateTime.of(2026, 7, 7, 10, 1, 1));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(sender.sendDue()).isZero();
    assertThat(postsAbout(task.getId())).extracting(WebhookReceiver.Received::status).containsExactly(500, 200);
    assertThat(postsAbout(task.getId())).allMatch(WebhookReceiver.Received::signatureValid);
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
      ClockUtil.setCurrentTime(java.util.Date.from(now));
    }
    Map<String, Object> row = delivery(task.getId(), Channel.WEBHOOK);
    assertThat(row.get("STATUS")).isEqualTo("FAILED");
    assertThat(row.get("ATTEMPTS")).isEqualTo(properties.maxAttempts());
    assertThat(row.get("LAST_ERROR")).isEqualTo("机器人 user:lina 返回 HTTP 503");
    assertThat(count("onedoor.notifications.failed", "webhook")).isEqualTo(failedBefore + 1);
    sender.sendDue();
    assertThat(postsAbout(task.getId())).hasSize(properties.maxAttempts());
  }

  @Test
  void twoSendersOnOneDatabaseSendEachMessageOnce() throws Exception {
    Instant now = at(LocalDateTime.of(2026, 7, 9, 10, 0));
    List<String> people = new ArrayList<>(List.of("lina"));
    for (int i = 1; i <= 5; i++) {
      people.add(person("race", "收件人" + i));
    }
    int perPerson = 6;
    List<String> taskIds = new ArrayList<>();
    for (String person : people) {
      for (int i = 1; i <= perPerson; i++) {
        taskIds.add(assign("任务 " + person + " " + i, person, now).getId());
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
      assertThat(deliveriesOf(taskIds)).as("each sent once, by one of the two").hasSize(expected)
          .allMatch(row -> row.matches("\\d+ \\w+ SENT 1 .*"));
      assertThat(delivered).isEqualTo(expected);
    } finally {
      threads.shutdownNow();
    }

    List<MimeMessage> mail = mailAbout(taskIds);
    assertThat(mail).hasSize(people.size() * perPerson);
    assertThat(mail.stream().map(m -> subject(m)).distinct().count()).isEqualTo(people.size() * perPerson);
    assertThat(ROBOTS.received()).filteredOn(r -> taskIds.stream().anyMatch(r.body()::contains)).hasSize(perPerson);
  }

  /** A sender whose SMTP connections are counted; {@code port} 0 keeps the suite's server. */
  static final class CountingMailSender extends JavaMailSenderImpl {
    final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    CountingMailSender(JavaMailSenderImpl like, int port) {
      setHost(like.getHost());
      setPort(port == 0 ? like.getPort() : port);
      setProtocol(like.getProtocol());
      setJavaMailProperties(like.getJavaMailProperties());
      setDefaultEncoding("UTF-8");
    }

    @Override
    protected jakarta.mail.Transport connectTransport() throws jakarta.mail.MessagingException {
      connections.incrementAndGet();
      return super.connectTransport();
    }
  }

  @Test
  void aBatchOfEmailsGoesOverOneConnectionAndAnOutageDelaysThemAllWithoutLosingOne() throws Exception {
    NotificationProperties oneBatch = new NotificationProperties(false, null, null, 1000, null, null, null, null,
        properties.deadlines(), properties.email(), properties.webhooks());
    JavaMailSenderImpl suiteSender = (JavaMailSenderImpl) mailSender.getObject();
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CountingMailSender down = new CountingMailSender(suiteSender, closedPort);
    CountingMailSender up = new CountingMailSender(suiteSender, 0);
    NotificationSender whileDown = new NotificationSender(outbox,
        new EmailChannel(provider(down), oneBatch, recipients, names, NotificationTestServers.PUBLIC_BASE_URL),
        webhook, oneBatch, new ClusterNode("node-smtp-down"), tasks, meters);
    NotificationSender whenUp = new NotificationSender(outbox,
        new EmailChannel(provider(up), oneBatch, recipients, names, NotificationTestServers.PUBLIC_BASE_URL),
        webhook, oneBatch, new ClusterNode("node-smtp-up"), tasks, meters);

    Instant now = at(LocalDateTime.of(2026, 7, 21, 9, 0));
    List<String> people = List.of(person("batch", "赵一"), person("batch", "钱二"), person("batch", "孙三"));
    List<String> taskIds = new ArrayList<>();
    for (String p : people) {
      taskIds.add(assign("批量送达 " + p, p, now).getId());
    }

    whileDown.sendDue();
    assertThat(down.connections.get()).as("one attempt to connect for the whole batch").isEqualTo(1);
    for (String id : taskIds) {
      Map<String, Object> row = delivery(id, Channel.EMAIL);
      assertThat(row.get("STATUS")).isEqualTo("PENDING");
      assertThat(row.get("ATTEMPTS")).isEqualTo(1);
      assertThat((String) row.get("LAST_ERROR")).startsWith("邮件发送失败：");
    }
    people.forEach(p -> assertThat(mailTo(p + "@onedoor.local")).isEmpty());

    at(LocalDateTime.of(2026, 7, 21, 9, 1, 1));
    whenUp.sendDue();
    assertThat(up.connections.get()).as("the batch's mails over one connection").isEqualTo(1);
    for (String id : taskIds) {
      assertThat(delivery(id, Channel.EMAIL).get("STATUS")).isEqualTo("SENT");
    }
    people.forEach(p -> assertThat(mailTo(p + "@onedoor.local")).hasSize(1));
    assertThat(whenUp.sendDue()).isZero();
    people.forEach(p -> assertThat(mailTo(p + "@onedoor.local")).as("nothing twice").hasSize(1));
  }

  private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
    org.springframework.beans.factory.support.StaticListableBeanFactory beans =
        new org.springframework.beans.factory.support.StaticListableBeanFactory();
    beans.addBean("mailSender", sender);
    return beans.getBeanProvider(JavaMailSender.class);
  }

  @Test
  void beyondTheDailyLimitEmailsWaitForOneDigestInTheEvening() {
    // a node whose limit is 4 a day (the suite's own is set high: every class gives the demo staff tasks)
    int limit = 4;
    NotificationProperties limited = new NotificationProperties(false, null, null, null, null, null, null, null,
        properties.deadlines(), new NotificationProperties.Email(properties.email().from(), limit,
            properties.email().digestAt()), properties.webhooks());
    EmailChannel limitedEmail = new EmailChannel(mailSender, limited, recipients, names, NotificationTestServers.PUBLIC_BASE_URL);
    TaskNotifications limitedNotifications = new TaskNotifications(outbox, preferences, recipients, messages, limited,
        limitedEmail, names, calendar, transactionManager);
    DailyDigest limitedDigest = new DailyDigest(outbox, limited, transactions, calendar);
    NotificationSender limitedSender = new NotificationSender(outbox, limitedEmail, webhook, limited,
        new ClusterNode("node-limited"), tasks, meters);
    String wang = person("digest", "王强");
    String address = wang + "@onedoor.local";

    Instant morning = at(LocalDateTime.of(2026, 7, 14, 9, 0));
    for (int i = 1; i <= limit + 3; i++) {
      assign(limitedNotifications, "核实情况 " + i, wang, morning);
    }
    assertThat(limitedSender.sendDue()).isEqualTo(limit);
    assertThat(mailTo(address)).hasSize(limit);

    assertThat(limitedDigest.prepare(at(LocalDateTime.of(2026, 7, 14, 17, 59)))).isZero();
    Instant six = at(LocalDateTime.of(2026, 7, 14, 18, 0));
    assertThat(limitedDigest.prepare(six)).isEqualTo(1);
    assertThat(limitedDigest.prepare(six)).as("prepared again (another node): nothing more").isZero();
    assertThat(limitedSender.sendDue()).isEqualTo(1);
    List<MimeMessage> mail = mailTo(address);
    assertThat(mail).hasSize(limit + 1);
    MimeMessage sum = mail.stream().filter(m -> subject(m).contains("汇总")).findFirst().orElseThrow();
    assertThat(subject(sum)).isEqualTo("【onedoor】提醒汇总（3 条）");
    assertThat(text(sum)).startsWith("王强，您好：").contains("今天的提醒超过 " + limit + " 封，其余 3 条汇总如下",
        "1. 分配给您：核实情况 " + (limit + 1), "3. 分配给您：核实情况 " + (limit + 3), "市场主体：某某商贸有限公司");

    // after the digest time the day's further e-mails wait for tomorrow's
    Instant evening = at(LocalDateTime.of(2026, 7, 14, 18, 30));
    Task late = assign(limitedNotifications, "核实情况 晚", wang, evening);
    Map<String, Object> held = delivery(late.getId(), Channel.EMAIL);
    assertThat(held.get("STATUS")).isEqualTo("HELD");
    assertThat(String.valueOf(held.get("DIGEST_DAY"))).isEqualTo("2026-07-15");
    assertThat(limitedDigest.prepare(at(LocalDateTime.of(2026, 7, 15, 17, 0)))).isZero();
    assertThat(limitedDigest.prepare(at(LocalDateTime.of(2026, 7, 15, 18, 0)))).isEqualTo(1);
    limitedSender.sendDue();
    assertThat(mailTo(address)).hasSize(limit + 2);
  }
}
