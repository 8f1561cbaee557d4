package org.onedoor.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notification tests' application: the full application (one context for every notification test
 * class, on its own in-memory database) with e-mail to a real SMTP server in the test JVM (GreenMail)
 * and work-messenger robots answered by {@link WebhookReceiver}: the health department's robot and
 * 李娜's (lina) own. No background work: each test scans, prepares digests and sends itself, at moments
 * it fixes on the engine clock.
 */
@OnedoorSpringTest
abstract class NotificationTestContext {

  static final GreenMail MAIL = startMail();
  static final WebhookReceiver ROBOTS = new WebhookReceiver();
  static final String HEALTH_ROBOT = "/robot/health";
  static final String LINA_ROBOT = "/robot/lina";
  static final String HEALTH_SECRET = "SEC-health-0123456789abcdef";
  static final String LINA_SECRET = "SEC-lina+/=secret";

  static {
    ROBOTS.secret(HEALTH_ROBOT, HEALTH_SECRET);
    ROBOTS.secret(LINA_ROBOT, LINA_SECRET);
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url",
        () -> "jdbc:h2:mem:onedoor-notification-test;DB_CLOSE_ON_EXIT=FALSE;NON_KEYWORDS=VALUE");
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("spring.mail.properties[mail.smtp.starttls.enable]", () -> "false");
    registry.add("onedoor.notifications.webhooks.departments.health.url",
        () -> ROBOTS.url(HEALTH_ROBOT, "token-health"));
    registry.add("onedoor.notifications.webhooks.departments.health.secret", () -> HEALTH_SECRET);
    registry.add("onedoor.notifications.webhooks.users.lina.url", () -> ROBOTS.url(LINA_ROBOT, "token-lina"));
    registry.add("onedoor.notifications.webhooks.users.lina.secret", () -> LINA_SECRET);
    registry.add("onedoor.public-base-url", () -> "https://onedoor.example.gov.cn");
  }

  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.TaskService taskService;

  @BeforeEach
  void quietOutbox() throws Exception {
    // messages left by earlier tests (retries not yet due, digests) are not this test's
    jdbc.sql("UPDATE notification_delivery SET status = 'CANCELLED' WHERE status IN ('PENDING', 'HELD')").update();
    MAIL.purgeEmailFromAllMailboxes();
    ROBOTS.reset();
  }

  @AfterEach
  void endEverything() {
    // an open task of one test would be overdue in the next one's scan
    runtime.createProcessInstanceQuery().list().forEach(p -> runtime.deleteProcessInstance(p.getId(), "test over"));
    taskService.createTaskQuery().list().stream().filter(t -> t.getProcessInstanceId() == null)
        .forEach(t -> taskService.deleteTask(t.getId(), true));
    TestClock.reset();
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

  private static GreenMail startMail() {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    return mail;
  }
}
