package org.onedoor.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox: claims due messages in batches ({@link NotificationOutbox#claim}: a lease, so that
 * several senders — threads or nodes — send each message once), sends each on its channel (a batch's
 * e-mails over one SMTP connection) and marks it SENT; a failure is tried again after a backoff that doubles ({@code first-retry} up to {@code
 * max-retry}) until {@code max-attempts}, then the message is FAILED with the reason. A channel that
 * is down therefore delays messages and loses none. A message whose task has ended meanwhile is
 * cancelled, not sent. Counted in onedoor_notifications_sent_total, _retried_total and _failed_total
 * by channel.
 *
 * <p>At least once: a node that dies after sending and before marking leaves the message to be sent
 * again when its claim runs out (the lease, 5 minutes); nothing else sends a message twice.
 */
@Component
public class NotificationSender {

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
  /** A claim this close to its end is given back rather than used: the send could outlast it. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final NotificationOutbox outbox;
  private final EmailChannel email;
  private final WebhookChannel webhook;
  private final NotificationProperties properties;
  private final ClusterNode node;
  private final TaskService tasks;
  private final Map<Channel, Counter> sent = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> retried = new EnumMap<>(Channel.class);
  private final Map<Channel, Counter> failed = new EnumMap<>(Channel.class);

  NotificationSender(NotificationOutbox outbox, EmailChannel email, WebhookChannel webhook,
      NotificationProperties properties, ClusterNode node, TaskService tasks, MeterRegistry meters) {
    this.outbox = outbox;
    this.email = email;
    this.webhook = webhook;
    this.properties = properties;
    this.node = node;
    this.tasks = tasks;
    for (Channel channel : List.of(Channel.EMAIL, Channel.WEBHOOK)) {
      sent.put(channel, Counter.builder("onedoor.notifications.sent").tag("channel", channel.tag())
          .description("Notification messages delivered").register(meters));
      retried.put(channel, Counter.builder("onedoor.notifications.retried").tag("channel", channel.tag())
          .description("Notification deliveries that failed and will be tried again").register(meters));
      failed.put(channel, Counter.builder("onedoor.notifications.failed").tag("channel", channel.tag())
          .description("Notification messages given up (FAILED) after their last attempt").register(meters));
    }
  }

  /** Sends everything due now; returns how many messages were delivered. */
  public int sendDue() {
    int delivered = 0;
    while (true) {
      Instant now = now();
      String token = node.id() + "/" + UUID.randomUUID().toString().substring(0, 8);
      List<NotificationOutbox.Delivery> batch =
          outbox.claim(token, now, now.plus(properties.claimLease()), properties.batchSize());
      if (batch.isEmpty()) {
        return delivered;
      }
      boolean gaveBack = false;
      List<EmailChannel.Mail> mails = new ArrayList<>();
      for (NotificationOutbox.Delivery d : batch) {
        if (gaveBack || d.claimedUntil() == null || !now().isBefore(d.claimedUntil().minus(MARGIN))) {
          outbox.release(d.id(), token);
          gaveBack = true;
          continue;
        }
        if (d.channel() == Channel.EMAIL) {
          prepare(d, token).ifPresent(mails::add);
        } else {
          delivered += send(d, token) ? 1 : 0;
        }
      }
      delivered += sendMails(mails, token);
      if (gaveBack) {
        return delivered;
      }
    }
  }

  /** Whether the message's task ended meanwhile: then it is cancelled, not sent. */
  private boolean cancelledWithItsTask(NotificationOutbox.Delivery d, String token) {
    if (!d.digest() && d.taskId() != null && tasks.createTaskQuery().taskId(d.taskId()).count() == 0) {
      outbox.markCancelled(d.id(), token, "任务已办结或已删除，不再发送");
      return true;
    }
    return false;
  }

  /** The e-mail of a claimed message, written; empty when it is cancelled or cannot be written (recorded). */
  private Optional<EmailChannel.Mail> prepare(NotificationOutbox.Delivery d, String token) {
    try {
      if (cancelledWithItsTask(d, token)) {
        return Optional.empty();
      }
      if (d.digest()) {
        List<NotificationOutbox.Notification> items = outbox.digestItems(d.id());
        if (items.isEmpty()) {
          outbox.markCancelled(d.id(), token, "没有待汇总的提醒");
          return Optional.empty();
        }
        return Optional.of(email.prepareDigest(d, items));
      }
      return Optional.of(email.prepare(d));
    } catch (DeliveryException e) {
      failedAttempt(d, token, e);
    } catch (RuntimeException e) {
      failedAttempt(d, token, new DeliveryException("发送出错（" + e.getClass().getSimpleName() + "）", false));
    }
    return Optional.empty();
  }

  /** A batch's e-mails over one SMTP connection; each marked sent or failed on its own. */
  private int sendMails(List<EmailChannel.Mail> mails, String token) {
    Map<Long, DeliveryException> failures = email.sendAll(mails);
    int delivered = 0;
    for (EmailChannel.Mail m : mails) {
      NotificationOutbox.Delivery d = m.delivery();
      DeliveryException failure = failures.get(d.id());
      if (failure != null) {
        failedAttempt(d, token, failure);
      } else {
        delivered++;
        if (outbox.markSent(d.id(), token, now())) {
          sent.get(d.channel()).increment();
        }
      }
    }
    return delivered;
  }

  private boolean send(NotificationOutbox.Delivery d, String token) {
    try {
      if (cancelledWithItsTask(d, token)) {
        return false;
      }
      if (d.channel() == Channel.WEBHOOK) {
        webhook.send(d);
      } else {
        throw new DeliveryException("未知渠道 " + d.channel(), true);
      }
    } catch (DeliveryException e) {
      failedAttempt(d, token, e);
      return false;
    } catch (RuntimeException e) {
      failedAttempt(d, token, new DeliveryException("发送出错（" + e.getClass().getSimpleName() + "）", false));
      return false;
    }
    if (outbox.markSent(d.id(), token, now())) {
      sent.get(d.channel()).increment();
    }
    return true;
  }

  private void failedAttempt(NotificationOutbox.Delivery d, String token, DeliveryException e) {
    int attempts = d.attempts() + 1;
    if (e.permanent() || attempts >= properties.maxAttempts()) {
      if (outbox.markFailedAttempt(d.id(), token, null, e.getMessage())) {
        failed.get(d.channel()).increment();
      }
      log.warn("notification message {} ({} to {}) failed for good after {} attempt(s): {}",
          d.id(), d.channel(), d.recipient(), attempts, e.getMessage());
    } else {
      Instant next = now().plus(properties.retryAfter(attempts));
      if (outbox.markFailedAttempt(d.id(), token, next, e.getMessage())) {
        retried.get(d.channel()).increment();
      }
      log.info("notification message {} ({} to {}) failed, attempt {} of {}, next at {}: {}",
          d.id(), d.channel(), d.recipient(), attempts, properties.maxAttempts(), next, e.getMessage());
    }
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
