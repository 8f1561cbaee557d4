package org.onedoor.notification;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background work of each node: every {@code send-every} (10 s) the digests whose time has come
 * are prepared and the outbox is sent; every {@code scan-every} (5 min) deadlines are scanned. Every
 * node runs it; the claims and unique keys keep them from doubling anything. Off with {@code
 * onedoor.notifications.background=false} (the tests drive each step themselves).
 */
@Component
class NotificationSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NotificationSchedule.class);

  private final NotificationProperties properties;
  private final NotificationSender sender;
  private final DailyDigest digest;
  private final DeadlineScan scan;
  private volatile ScheduledExecutorService scheduler;

  NotificationSchedule(NotificationProperties properties, NotificationSender sender, DailyDigest digest,
      DeadlineScan scan) {
    this.properties = properties;
    this.sender = sender;
    this.digest = digest;
    this.scan = scan;
  }

  @Override
  public void start() {
    if (!properties.background()) {
      return;
    }
    ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "onedoor-notifications");
      t.setDaemon(true);
      return t;
    });
    long send = Math.max(1000, properties.sendEvery().toMillis());
    long scanEvery = Math.max(1000, properties.scanEvery().toMillis());
    threads.scheduleWithFixedDelay(() -> safely("send", () -> {
      digest.prepare(now());
      sender.sendDue();
    }), send, send, TimeUnit.MILLISECONDS);
    threads.scheduleWithFixedDelay(() -> safely("deadline scan", () -> scan.scan(now())),
        Math.min(scanEvery, 60_000), scanEvery, TimeUnit.MILLISECONDS);
    scheduler = threads;
  }

  @Override
  public void stop() {
    ScheduledExecutorService threads = scheduler;
    scheduler = null;
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static void safely(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.warn("notifications, {}: {}", what, e.toString());
    }
  }
}
