package org.onedoor.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.onedoor.inspection.VisitCoordination;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendar feeds (issue 17 item 5): each person may subscribe their phone's calendar to a secret
 * address, {@code /ical/<token>.ics}, that shows their agreed visits and the due dates of their tasks
 * (assigned, or theirs to claim). The address needs no sign-in, since a calendar app cannot sign in;
 * it is unguessable instead: 32 random bytes, of which only the SHA-256 is stored (table
 * {@code notification_calendar_feed}), so a copy of the database does not hand out the addresses.
 * One feed per person: creating a new one replaces the old address, revoking it ends it (404 from
 * then on). The feed carries the business's name, the task's name and the inspection number, never
 * people, phones, ID numbers or credit data.
 */
@Service
public class CalendarFeeds {

  /** How far back and ahead the feed reaches, and how many events it holds at most. */
  static final Duration PAST = Duration.ofDays(30);
  static final Duration AHEAD = Duration.ofDays(400);
  static final int MAX_EVENTS = 500;
  static final Duration VISIT_LENGTH = Duration.ofHours(2);
  static final Duration DEADLINE_LENGTH = Duration.ofMinutes(30);
  static final Duration REFRESH = Duration.ofHours(1);
  static final String PATH = "/ical/";

  private final JdbcClient jdbc;
  private final TaskService tasks;
  private final IdentityService identity;
  private final VisitCoordination visits;
  private final NotificationMessages messages;
  private final SecureRandom random = new SecureRandom();
  private final String base;

  public CalendarFeeds(JdbcClient jdbc, TaskService tasks, IdentityService identity, VisitCoordination visits,
      NotificationMessages messages, @Value("${onedoor.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.identity = identity;
    this.visits = visits;
    this.messages = messages;
    String trimmed = publicBaseUrl.strip();
    this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** A person's feed: whether they have one, since when, and when a calendar last read it. */
  public record Status(boolean active, Instant createdAt, Instant lastReadAt) {}

  /** A new feed: its address, shown once (only its hash is kept). */
  public record Created(String url, Instant createdAt) {}

  public Status status(String userId) {
    return jdbc.sql("SELECT created_at, last_read_at FROM notification_calendar_feed WHERE user_id = :u")
        .param("u", userId)
        .query((rs, i) -> new Status(true, instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2))))
        .optional().orElse(new Status(false, null, null));
  }

  /** Creates the person's feed, replacing an earlier address (which then answers 404). */
  @Transactional
  public Created create(String userId, Instant now) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    int updated = jdbc.sql("UPDATE notification_calendar_feed SET token_hash = :h, created_at = :at, last_read_at = NULL"
            + " WHERE user_id = :u")
        .param("h", hash(token)).param("at", Timestamp.from(now)).param("u", userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO notification_calendar_feed (user_id, token_hash, created_at) VALUES (:u, :h, :at)")
          .param("u", userId).param("h", hash(token)).param("at", Timestamp.from(now)).update();
    }
    return new Created(base + PATH + token + ".ics", now);
  }

  /** Ends the person's feed; whether there was one. */
  @Transactional
  public boolean revoke(String userId) {
    return jdbc.sql("DELETE FROM notification_calendar_feed WHERE user_id = :u").param("u", userId).update() > 0;
  }

  /** The owner of a token, if it is a live feed's and its owner still exists. */
  public Optional<String> owner(String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT user_id FROM notification_calendar_feed WHERE token_hash = :h")
        .param("h", hash(token)).query(String.class).optional()
        .filter(user -> identity.createUserQuery().userId(user).count() == 1);
  }

  /** The feed of a token at {@code now}, or empty (unknown or revoked: the caller answers 404). */
  @Transactional
  public Optional<String> feed(String token, Instant now) {
    Optional<String> owner = owner(token);
    owner.ifPresent(user -> jdbc.sql("UPDATE notification_calendar_feed SET last_read_at = :at WHERE user_id = :u")
        .param("at", Timestamp.from(now)).param("u", user).update());
    return owner.map(user -> ICalendar.document("onedoor 检查与办理期限", REFRESH, now, events(user, now)));
  }

  /** The person's agreed visits and the due dates of their open tasks, earliest first. */
  List<ICalendar.Event> events(String userId, Instant now) {
    List<ICalendar.Event> events = new ArrayList<>();
    for (VisitCoordination.AgreedVisit v : visits.agreedVisitsOf(userId, now.minus(PAST), now.plus(AHEAD), MAX_EVENTS)) {
      String name = NotificationMessages.clean(v.entityName(), 200, "（市场主体）");
      events.add(new ICalendar.Event("visit-" + v.inspectionNumber() + "@onedoor", v.visitAt(), VISIT_LENGTH,
          "联合检查：" + name, "约定的联合检查时间（检查编号 " + v.inspectionNumber() + "）", null));
    }
    // the person's own tasks, then those they may claim (the engine resolves their groups)
    Map<String, Boolean> mine = new LinkedHashMap<>();
    List<Task> found = new ArrayList<>();
    java.util.Date from = java.util.Date.from(now.minus(PAST));
    java.util.Date to = java.util.Date.from(now.plus(AHEAD));
    for (boolean assigned : new boolean[] {true, false}) {
      var query = assigned ? tasks.createTaskQuery().taskAssignee(userId) : tasks.createTaskQuery().taskCandidateUser(userId);
      for (Task t : query.active().dueAfter(from).dueBefore(to).orderByDueDate().asc().listPage(0, MAX_EVENTS)) {
        if (mine.putIfAbsent(t.getId(), assigned) == null) {
          found.add(t);
        }
      }
    }
    for (Task t : found) {
      String name = NotificationMessages.clean(t.getName(), 200, "（未命名任务）");
      String entity = NotificationMessages.clean(entityName(t), 200, null);
      boolean assigned = mine.get(t.getId());
      events.add(new ICalendar.Event("task-" + t.getId() + "@onedoor", t.getDueDate().toInstant(), DEADLINE_LENGTH,
          (assigned ? "到期：" : "待认领·到期：") + name + (entity == null ? "" : "（" + entity + "）"),
          assigned ? "任务“" + name + "”的办理期限" : "可认领的任务“" + name + "”的办理期限", messages.link(t.getId())));
    }
    events.sort(Comparator.comparing(ICalendar.Event::start).thenComparing(ICalendar.Event::uid));
    return events.size() > MAX_EVENTS ? events.subList(0, MAX_EVENTS) : events;
  }

  private String entityName(Task task) {
    try {
      return tasks.getVariable(task.getId(), "entityName") instanceof String s ? s : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
