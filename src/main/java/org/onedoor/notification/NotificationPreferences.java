package org.onedoor.notification;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which channels each user wants per kind of event (table {@code notification_preference}). In-app
 * is always on; without a row of their own a user gets the defaults: e-mail for assignments and
 * deadlines ({@link NotificationKind#emailByDefault()}), a webhook wherever one is configured.
 */
@Service
public class NotificationPreferences {

  private final JdbcClient jdbc;

  public NotificationPreferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One kind's choice; in-app cannot be turned off. */
  public record Preference(NotificationKind kind, boolean email, boolean webhook) {
    public static Preference defaultFor(NotificationKind kind) {
      return new Preference(kind, kind.emailByDefault(), true);
    }
  }

  /** Every kind, in the enum's order, with the user's choice or the default. */
  public List<Preference> of(String userId) {
    Map<NotificationKind, Preference> stored = stored(List.of(userId)).getOrDefault(userId, Map.of());
    List<Preference> out = new ArrayList<>();
    for (NotificationKind kind : NotificationKind.values()) {
      out.add(stored.getOrDefault(kind, Preference.defaultFor(kind)));
    }
    return out;
  }

  /** The preference of each user for one kind (defaults where none is stored). */
  public Map<String, Preference> forKind(Collection<String> userIds, NotificationKind kind) {
    Map<String, Map<NotificationKind, Preference>> stored = stored(userIds);
    Map<String, Preference> out = new HashMap<>();
    for (String user : userIds) {
      out.put(user, stored.getOrDefault(user, Map.of()).getOrDefault(kind, Preference.defaultFor(kind)));
    }
    return out;
  }

  /** Replaces the user's choices for the kinds given (each kind at most once). */
  @Transactional
  public List<Preference> save(String userId, List<Preference> preferences) {
    if (preferences == null || preferences.isEmpty()) {
      throw new BadRequestException("preferences", "请至少提交一项提醒设置");
    }
    Set<NotificationKind> seen = new HashSet<>();
    for (Preference p : preferences) {
      if (p == null || p.kind() == null) {
        throw new BadRequestException("kind", "提醒类型不能为空");
      }
      if (!seen.add(p.kind())) {
        throw new BadRequestException("kind", "提醒类型“" + p.kind().label() + "”重复提交");
      }
    }
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    for (Preference p : preferences) {
      int updated = jdbc.sql("UPDATE notification_preference SET email = :e, webhook = :w, updated_at = :at"
              + " WHERE user_id = :u AND kind = :k")
          .param("e", p.email()).param("w", p.webhook()).param("at", now)
          .param("u", userId).param("k", p.kind().name()).update();
      if (updated == 0) {
        jdbc.sql("INSERT INTO notification_preference (user_id, kind, email, webhook, updated_at)"
                + " VALUES (:u, :k, :e, :w, :at)")
            .param("u", userId).param("k", p.kind().name()).param("e", p.email()).param("w", p.webhook())
            .param("at", now).update();
      }
    }
    return of(userId);
  }

  private Map<String, Map<NotificationKind, Preference>> stored(Collection<String> userIds) {
    Map<String, Map<NotificationKind, Preference>> out = new HashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    jdbc.sql("SELECT user_id, kind, email, webhook FROM notification_preference WHERE user_id IN (:u)")
        .param("u", List.copyOf(new HashSet<>(userIds)))
        .query(rs -> {
          NotificationKind kind;
          try {
            kind = NotificationKind.valueOf(rs.getString("kind"));
          } catch (IllegalArgumentException retired) {
            return;
          }
          out.computeIfAbsent(rs.getString("user_id"), u -> new EnumMap<>(NotificationKind.class))
              .put(kind, new Preference(kind, rs.getBoolean("email"), rs.getBoolean("webhook")));
        });
    return out;
  }
}
