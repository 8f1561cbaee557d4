package org.onedoor.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The servers notifications reach in the test JVM, started once per JVM on free ports: a real SMTP
 * server (GreenMail) and the work-messenger robots ({@link WebhookReceiver}: the health department's
 * and 李娜's, lina, own). {@code @OnedoorSpringTest} registers this initializer, so the one shared
 * application context of the suite sends to them (a second context would register a second Camunda
 * engine as "default" and break the REST API and Tasklist for every other test class). Nothing is sent
 * by itself there: background notification work is off, each notification test sends what it made.
 */
public final class NotificationTestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String HEALTH_ROBOT = "/robot/health";
  static final String LINA_ROBOT = "/robot/lina";
  static final String HEALTH_SECRET = "SEC-health-0123456789abcdef";
  static final String LINA_SECRET = "SEC-lina+/=secret";
  static final String PUBLIC_BASE_URL = "https://onedoor.example.gov.cn";

  private static GreenMail mail;
  private static WebhookReceiver robots;

  /** GreenMail, started on first use. */
  static synchronized GreenMail mail() {
    if (mail == null) {
      GreenMail started = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      started.start();
      mail = started;
    }
    return mail;
  }

  /** The robots, started on first use. */
  static synchronized WebhookReceiver robots() {
    if (robots == null) {
      WebhookReceiver started = new WebhookReceiver();
      started.secret(HEALTH_ROBOT, HEALTH_SECRET);
      started.secret(LINA_ROBOT, LINA_SECRET);
      robots = started;
    }
    return robots;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", String.valueOf(mail().getSmtp().getPort()));
    settings.put("spring.mail.properties[mail.smtp.starttls.enable]", "false");
    settings.put("onedoor.notifications.webhooks.departments.health.url", robots().url(HEALTH_ROBOT, "token-health"));
    settings.put("onedoor.notifications.webhooks.departments.health.secret", HEALTH_SECRET);
    settings.put("onedoor.notifications.webhooks.users.lina.url", robots().url(LINA_ROBOT, "token-lina"));
    settings.put("onedoor.notifications.webhooks.users.lina.secret", LINA_SECRET);
    settings.put("onedoor.public-base-url", PUBLIC_BASE_URL);
    // every test class creates tasks for the demo staff, many a day on the suite's few dates: no e-mail of
    // a notification test may wait for a digest because of them (the digest test sets its own limit)
    settings.put("onedoor.notifications.email.max-per-day", "100000");
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("onedoor-test-notification-servers",
        settings));
  }
}
