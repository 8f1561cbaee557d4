package org.onedoor.notification;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The notification tables: the notifications (in-app, read or unread) and the outbox of messages to
 * send ({@code notification_delivery}). Every write joins the caller's transaction: the engine's for
 * a task event, so a notification exists exactly when its event committed.
 *
 * <p>Claiming is one atomic UPDATE: rows still PENDING, due, and not claimed (or whose claim has run
 * out) get this sender's token and a lease; a row another sender claimed a moment earlier no longer
 * matches when the database re-checks the condition under the row lock (PostgreSQL and H2 both do), so
 * two senders never hold the same row.
 */
@Service
public class NotificationOutbox {

  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";
  static final String HELD = "HELD";
  static final String DIGESTED = "DIGESTED";
  static final String CANCELLED = "CANCELLED";

  private final JdbcClient jdbc;

  public NotificationOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A notification to write. */
  public record NewNotification(
      String dedupKey, String recipient, NotificationKind kind, TaskFacts task, LocalDate deadlineDay,
      NotificationMessages.Message message) {}

  /**
   * A notification as the in-app list shows it; {@code failed}: one of its messages (or the digest that
   * carried it) was given up (FAILED), and may be sent again.
   */
  public record Notification(
      long id, NotificationKind kind, String title, String body, String taskId, String taskName, String entityName,
      Instant dueAt, String link, Instant createdAt, Instant readAt, boolean failed) {
    public boolean read() {
      return readAt != null;
    }
  }

  /** A message given up after its last attempt, as the administrators' list shows it. */
  public record FailedDelivery(long id, Channel channel, String recipient, boolean digest, String title, int attempts,
      String lastError, Instant createdAt) {}

  /** A claimed message: the outbox row and the notification it carries (none for a digest). */
  public record Delivery(
      long id, Channel channel, String recipient, boolean digest, int attempts, Instant claimedUntil,
      Long notificationId, String taskId, NotificationKind kind, String title, String body, String taskName, String entityName,
      Instant dueAt, String link, LocalDate digestDay) {}

  /** A held e-mail's slot: one digest per recipient and day, keyed by its first held row. */
  public record DigestSlot(String recipient, LocalDate day, long firstHeldId) {}

  // ------------------------------------------------------------------ writing

  /** Writes the notification unless its key exists; its id, or empty when it was there already. */
  public Optional<Long> insert(NewNotification n, Instant now) {
    if (exists("notification", n.dedupKey())) {
      return Optional.empty();
    }
    TaskFacts t = n.task();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO notification (dedup_key, recipient, kind, task_id, task_name, process_instance_id, entity_name,
                due_at, deadline_day, title, body, link, created_at)
            VALUES (:key, :recipient, :kind, :task, :taskName, :pi, :entity, :due, :day, :title, :body, :link, :at)""")
        .param("key", n.dedupKey()).param("recipient", n.recipient()).param("kind", n.kind().name())
        .param("task", t.taskId()).param("taskName", NotificationMessages.clean(t.taskName(), 255, null))
        .param("pi", t.processInstanceId()).param("entity", NotificationMessages.clean(t.entityName(), 200, null))
        .param("due", t.dueAt() == null ? null : Timestamp.from(t.dueAt()))
        .param("day", n.deadlineDay() == null ? null : Date.valueOf(n.deadlineDay()))
        .param("title", NotificationMessages.clean(n.message().title(), 300, "")).param("body", cut(n.message().body(), 2000))
        .param("link", n.message().link()).param("at", Timestamp.from(now))
        .update(key, "id");
    return Optional.of(key.getKey().longValue());
  }

  /**
   * Queues a message unless its key exists: PENDING and due now, or HELD for the digest of
   * {@code digestDay}. Whether it was written.
   */
  public boolean queue(String dedupKey, Long notificationId, Channel channel, String recipient, Instant now,
      LocalDate today, LocalDate digestDay) {
    if (exists("notification_delivery", dedupKey)) {
      return false;
    }
    jdbc.sql("""
            INSERT INTO notification_delivery (dedup_key, notification_id, channel, recipient, digest, status, attempts,
                next_attempt_at, created_at, created_day, digest_day)
            VALUES (:key, :n, :channel, :recipient, FALSE, :status, 0, :at, :at, :today, :digestDay)""")
        .param("key", dedupKey).param("n", notificationId).param("channel", channel.name())
        .param("recipient", recipient).param("status", digestDay == null ? PENDING : HELD)
        .param("at", Timestamp.from(now)).param("today", Date.valueOf(today))
        .param("digestDay", digestDay == null ? null : Date.valueOf(digestDay))
        .update();
    return true;
  }

  /** E-mails (not held, not digests) queued for the user on that day: the day's count for the digest rule. */
  public int emailsOn(String recipient, LocalDate day) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM notification_delivery WHERE channel = 'EMAIL' AND recipient = :r AND created_day = :d
               AND digest = FALSE AND digest_day IS NULL""")
        .param("r", recipient).param("d", Date.valueOf(day)).query(Integer.class).single();
  }

  /** Whether any notification of this kind exists for the task and deadline day (a scan's shortcut). */
  public boolean notified(NotificationKind kind, String taskId, LocalDate deadlineDay) {
    return jdbc.sql("SELECT COUNT(*) FROM notification WHERE task_id = :t AND kind = :k AND deadline_day = :d")
        .param("t", taskId).param("k", kind.name()).param("d", Date.valueOf(deadlineDay))
        .query(Integer.class).single() > 0;
  }

  /** The task ended: its messages not yet sent (or held for a digest) are not sent any more. */
  public int cancelForTask(String taskId) {
    return jdbc.sql("""
            UPDATE notification_delivery SET status = 'CANCELLED', last_error = :why, claimed_by = NULL, claimed_until = NULL
             WHERE status IN ('PENDING', 'HELD')
               AND notification_id IN (SELECT id FROM notification WHERE task_id = :t)""")
        .param("why", "任务已办结或已删除，不再发送").param("t", taskId).update();
  }

  // ------------------------------------------------------------------ sending

  /**
   * Claims up to {@code limit} due messages for {@code token} until {@code until}, and returns them.
   * Atomic: see the class.
   */
  public List<Delivery> claim(String token, Instant now, Instant until, int limit) {
    Timestamp at = Timestamp.from(now);
    int claimed = jdbc.sql("""
            UPDATE notification_delivery SET claimed_by = :token, claimed_until = :until
             WHERE id IN (SELECT id FROM notification_delivery
                           WHERE status = 'PENDING' AND next_attempt_at <= :now
                             AND (claimed_until IS NULL OR claimed_until < :now)
                           ORDER BY next_attempt_at, id LIMIT :limit)
               AND status = 'PENDING' AND next_attempt_at <= :now
               AND (claimed_until IS NULL OR claimed_until < :now)""")
        .param("token", token).param("until", Timestamp.from(until)).param("now", at).param("limit", limit)
        .update();
    if (claimed == 0) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT d.id, d.channel, d.recipient, d.digest, d.attempts, d.claimed_until, d.notification_id, d.digest_day,
                   n.task_id, n.kind, n.title, n.body, n.task_name, n.entity_name, n.due_at, n.link
              FROM notification_delivery d LEFT JOIN notification n ON n.id = d.notification_id
             WHERE d.claimed_by = :token AND d.status = 'PENDING' ORDER BY d.id""")
        .param("token", token)
        .query((rs, i) -> delivery(rs)).list();
  }

  public boolean markSent(long id, String token, Instant now) {
    return jdbc.sql("""
            UPDATE notification_delivery SET status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = NULL,
                   claimed_until = NULL
             WHERE id = :id AND claimed_by = :token AND status = 'PENDING'""")
        .param("now", Timestamp.from(now)).param("id", id).param("token", token).update() == 1;
  }

  /** A failed attempt: tried again at {@code next}, or FAILED for good when {@code next} is null. */
  public boolean markFailedAttempt(long id, String token, Instant next, String reason) {
    return jdbc.sql("""
            UPDATE notification_delivery SET attempts = attempts + 1, last_error = :why, claimed_until = NULL,
                   status = :status, next_attempt_at = COALESCE(:next, next_attempt_at)
             WHERE id = :id AND claimed_by = :token AND status = 'PENDING'""")
        .param("why", cut(reason, 500)).param("status", next == null ? FAILED : PENDING)
        .param("next", next == null ? null : Timestamp.from(next)).param("id", id).param("token", token)
        .update() == 1;
  }

  /** Ends a message without sending (its task ended, nothing to say). */
  public void markCancelled(long id, String token, String reason) {
    jdbc.sql("""
            UPDATE notification_delivery SET status = 'CANCELLED', last_error = :why, claimed_until = NULL
             WHERE id = :id AND claimed_by = :token AND status = 'PENDING'""")
        .param("why", cut(reason, 500)).param("id", id).param("token", token).update();
  }

  /** Gives a claimed message back unsent (the claim is nearly over): another round sends it. */
  public void release(long id, String token) {
    jdbc.sql("UPDATE notification_delivery SET claimed_until = NULL WHERE id = :id AND claimed_by = :token AND status = 'PENDING'")
        .param("id", id).param("token", token).update();
  }

  // ------------------------------------------------------------------ digests

  /** Recipients and days with e-mails held for a digest. */
  public List<DigestSlot> heldSlots() {
    return jdbc.sql("""
            SELECT recipient, digest_day, MIN(id) AS first_id FROM notification_delivery
             WHERE status = 'HELD' AND channel = 'EMAIL' GROUP BY recipient, digest_day ORDER BY digest_day, recipient""")
        .query((rs, i) -> new DigestSlot(rs.getString("recipient"), rs.getDate("digest_day").toLocalDate(),
            rs.getLong("first_id"))).list();
  }

  /**
   * Writes the digest message of a slot and hands it the slot's held e-mails; its id, or empty when
   * another sender wrote it first (the key is the slot's first held row) or nothing is held any more.
   */
  public Optional<Long> createDigest(DigestSlot slot, Instant now, LocalDate today) {
    String key = "DIGEST|" + slot.recipient() + "|" + slot.firstHeldId();
    if (exists("notification_delivery", key)) {
      return Optional.empty();
    }
    GeneratedKeyHolder id = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO notification_delivery (dedup_key, notification_id, channel, recipient, digest, status, attempts,
                next_attempt_at, created_at, created_day, digest_day)
            VALUES (:key, NULL, 'EMAIL', :recipient, TRUE, 'PENDING', 0, :at, :at, :today, :day)""")
        .param("key", key).param("recipient", slot.recipient()).param("at", Timestamp.from(now))
        .param("today", Date.valueOf(today)).param("day", Date.valueOf(slot.day()))
        .update(id, "id");
    long digestId = id.getKey().longValue();
    int carried = jdbc.sql("""
            UPDATE notification_delivery SET status = 'DIGESTED', digest_id = :digest
             WHERE status = 'HELD' AND channel = 'EMAIL' AND recipient = :r AND digest_day = :day""")
        .param("digest", digestId).param("r", slot.recipient()).param("day", Date.valueOf(slot.day())).update();
    if (carried == 0) {
      jdbc.sql("UPDATE notification_delivery SET status = 'CANCELLED', last_error = :why WHERE id = :id")
          .param("why", "没有待汇总的提醒").param("id", digestId).update();
      return Optional.empty();
    }
    return Optional.of(digestId);
  }

  /** The notifications a digest carries, oldest first. */
  public List<Notification> digestItems(long digestId) {
    return jdbc.sql("""
            SELECT n.*, FALSE AS failed FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
             WHERE d.digest_id = :id AND d.status = 'DIGESTED' ORDER BY n.id""")
        .param("id", digestId).query((rs, i) -> notification(rs)).list();
  }

  // ------------------------------------------------------------------ in-app

  /** The user's notifications, unread first, newest first within each. */
  public List<Notification> list(String recipient, boolean unreadOnly, int offset, int limit) {
    return jdbc.sql("SELECT n.*, " + FAILED_FLAG + " FROM notification n WHERE recipient = :r"
            + (unreadOnly ? " AND read_at IS NULL" : "")
            + " ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT :limit OFFSET :offset")
        .param("r", recipient).param("limit", limit).param("offset", offset)
        .query((rs, i) -> notification(rs)).list();
  }

  public int count(String recipient, boolean unreadOnly) {
    return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient = :r" + (unreadOnly ? " AND read_at IS NULL" : ""))
        .param("r", recipient).query(Integer.class).single();
  }

  public Optional<Notification> find(long id) {
    return jdbc.sql("SELECT n.*, " + FAILED_FLAG + " FROM notification n WHERE id = :id").param("id", id)
        .query((rs, i) -> notification(rs)).optional();
  }

  public Optional<String> recipientOf(long id) {
    return jdbc.sql("SELECT recipient FROM notification WHERE id = :id").param("id", id).query(String.class).optional();
  }

  /** Marks one of the user's notifications read (once: the first reading time stays). */
  public boolean markRead(long id, String recipient, Instant now) {
    return jdbc.sql("UPDATE notification SET read_at = :now WHERE id = :id AND recipient = :r AND read_at IS NULL")
        .param("now", Timestamp.from(now)).param("id", id).param("r", recipient).update() == 1;
  }

  public int markAllRead(String recipient, Instant now) {
    return jdbc.sql("UPDATE notification SET read_at = :now WHERE recipient = :r AND read_at IS NULL")
        .param("now", Timestamp.from(now)).param("r", recipient).update();
  }

  // ------------------------------------------------------------------ resending what failed

  /** Whether a notification's message, or the digest that carried it, FAILED (SQL, per row {@code n}). */
  private static final String FAILED_FLAG = """
      EXISTS (SELECT 1 FROM notification_delivery f WHERE f.status = 'FAILED' AND (f.notification_id = n.id
                 OR f.id IN (SELECT c.digest_id FROM notification_delivery c WHERE c.notification_id = n.id))) AS failed""";

  /**
   * Sends a notification's FAILED messages again (and a FAILED digest that carried it): PENDING, due
   * now, with a fresh set of attempts; the last error stays until the next attempt. How many.
   */
  public int resendFailed(long notificationId, Instant now) {
    return jdbc.sql("""
            UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                   claimed_by = NULL, claimed_until = NULL
             WHERE status = 'FAILED' AND (notification_id = :n
                OR id IN (SELECT digest_id FROM notification_delivery WHERE notification_id = :n))""")
        .param("now", Timestamp.from(now)).param("n", notificationId).update();
  }

  /** One FAILED message again (administrators); whether it was FAILED. */
  public boolean resendDelivery(long deliveryId, Instant now) {
    return jdbc.sql("""
            UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                   claimed_by = NULL, claimed_until = NULL
             WHERE id = :id AND status = 'FAILED'""")
        .param("now", Timestamp.from(now)).param("id", deliveryId).update() == 1;
  }

  /** Every FAILED message again (administrators, after a channel was repaired); how many. */
  public int resendAllFailed(Instant now) {
    return jdbc.sql("""
            UPDATE notification_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now,
                   claimed_by = NULL, claimed_until = NULL
             WHERE status = 'FAILED'""")
        .param("now", Timestamp.from(now)).update();
  }

  /** FAILED messages, newest first. */
  public List<FailedDelivery> failed(int offset, int limit) {
    return jdbc.sql("""
            SELECT d.id, d.channel, d.recipient, d.digest, d.attempts, d.last_error, d.created_at, n.title
              FROM notification_delivery d LEFT JOIN notification n ON n.id = d.notification_id
             WHERE d.status = 'FAILED' ORDER BY d.id DESC LIMIT :limit OFFSET :offset""")
        .param("limit", limit).param("offset", offset)
        .query((rs, i) -> new FailedDelivery(rs.getLong("id"), Channel.valueOf(rs.getString("channel")),
            rs.getString("recipient"), rs.getBoolean("digest"),
            rs.getBoolean("digest") ? "提醒汇总" : rs.getString("title"), rs.getInt("attempts"), rs.getString("last_error"),
            instant(rs.getTimestamp("created_at"))))
        .list();
  }

  public int countFailed() {
    return jdbc.sql("SELECT COUNT(*) FROM notification_delivery WHERE status = 'FAILED'").query(Integer.class).single();
  }

  // ------------------------------------------------------------------ internals

  private boolean exists(String table, String dedupKey) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE dedup_key = :k").param("k", dedupKey)
        .query(Integer.class).single() > 0;
  }

  private static Delivery delivery(ResultSet rs) throws SQLException {
    String kind = rs.getString("kind");
    Date digestDay = rs.getDate("digest_day");
    long notificationId = rs.getLong("notification_id");
    boolean noNotification = rs.wasNull();
    return new Delivery(rs.getLong("id"), Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
        rs.getBoolean("digest"), rs.getInt("attempts"), instant(rs.getTimestamp("claimed_until")),
        noNotification ? null : notificationId, rs.getString("task_id"), kind == null ? null : NotificationKind.valueOf(kind),
        rs.getString("title"), rs.getString("body"), rs.getString("task_name"), rs.getString("entity_name"),
        instant(rs.getTimestamp("due_at")), rs.getString("link"), digestDay == null ? null : digestDay.toLocalDate());
  }

  private static Notification notification(ResultSet rs) throws SQLException {
    return new Notification(rs.getLong("id"), NotificationKind.valueOf(rs.getString("kind")), rs.getString("title"),
        rs.getString("body"), rs.getString("task_id"), rs.getString("task_name"), rs.getString("entity_name"),
        instant(rs.getTimestamp("due_at")), rs.getString("link"), instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("read_at")), rs.getBoolean("failed"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
