package org.onedoor.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of notifications ({@code onedoor.notifications}); every value has a default.
 *
 * @param background whether this node scans deadlines, prepares digests and sends on its own
 *     schedule (tests turn it off and drive each step)
 * @param sendEvery how often the sender looks for due messages (default 10 s)
 * @param scanEvery how often due dates are scanned for reminders (default 5 min)
 * @param batchSize messages claimed at once by one sender (default 20)
 * @param claimLease how long a claim keeps other senders off a message (default 5 min); a node that
 *     dies while sending leaves its claims to run out, then another node sends them
 * @param maxAttempts attempts per message before it is FAILED with the reason (default 8)
 * @param firstRetry the wait after the first failure, doubled after each further one (default 1 min)
 * @param maxRetry the longest wait between two attempts (default 1 h)
 * @param deadlines reminder lead times per group of task definition keys
 * @param email the sender address and the daily digest
 * @param webhooks work-messenger robots per department and per user (secrets from the environment)
 */
@ConfigurationProperties("onedoor.notifications")
public record NotificationProperties(
    Boolean background,
    Duration sendEvery,
    Duration scanEvery,
    Integer batchSize,
    Duration claimLease,
    Integer maxAttempts,
    Duration firstRetry,
    Duration maxRetry,
    Deadlines deadlines,
    Email email,
    Webhooks webhooks) {

  public NotificationProperties {
    background = background == null || background;
    sendEvery = sendEvery == null ? Duration.ofSeconds(10) : sendEvery;
    scanEvery = scanEvery == null ? Duration.ofMinutes(5) : scanEvery;
    batchSize = batchSize == null || batchSize < 1 ? 20 : batchSize;
    claimLease = claimLease == null ? Duration.ofMinutes(5) : claimLease;
    maxAttempts = maxAttempts == null || maxAttempts < 1 ? 8 : maxAttempts;
    firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
    maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
    deadlines = deadlines == null ? new Deadlines(null, null) : deadlines;
    email = email == null ? new Email(null, null, (LocalTime) null) : email;
    webhooks = webhooks == null ? new Webhooks(null, null) : webhooks;
  }

  /** The wait before attempt {@code attemptsSoFar + 1}: firstRetry doubled per failure, at most maxRetry. */
  public Duration retryAfter(int attemptsSoFar) {
    Duration wait = firstRetry;
    for (int i = 1; i < attemptsSoFar && wait.compareTo(maxRetry) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }

  /**
   * Reminders before a due date, in working days: a task whose definition key is in a group is
   * reminded {@code leadWorkingDays} working days before its due day; any other task with a due date
   * {@code defaultLeadWorkingDays} before.
   */
  public record Deadlines(Integer defaultLeadWorkingDays, Map<String, Group> groups) {

    public Deadlines {
      defaultLeadWorkingDays = defaultLeadWorkingDays == null ? 1 : defaultLeadWorkingDays;
      groups = groups == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(groups));
      if (defaultLeadWorkingDays < 0 || groups.values().stream().anyMatch(g -> g.leadWorkingDays() < 0)) {
        throw new IllegalArgumentException("onedoor.notifications.deadlines: a lead time is at least 0 working days");
      }
    }

    /** The lead time of a task definition key. */
    public int leadFor(String taskDefinitionKey) {
      return groupOf(taskDefinitionKey).map(Group::leadWorkingDays).orElse(defaultLeadWorkingDays);
    }

    public Optional<Group> groupOf(String taskDefinitionKey) {
      if (taskDefinitionKey == null) {
        // a task outside any model (created in Tasklist or through the API) has no key: the default lead
        return Optional.empty();
      }
      return groups.values().stream().filter(g -> g.taskKeys().contains(taskDefinitionKey)).findFirst();
    }

    /** The longest lead time configured. */
    public int longestLead() {
      return Math.max(defaultLeadWorkingDays,
          groups.values().stream().mapToInt(Group::leadWorkingDays).max().orElse(0));
    }
  }

  /** A group of task types (publication, legal review, rectification, objection, removal). */
  public record Group(List<String> taskKeys, Integer leadWorkingDays) {
    public Group {
      taskKeys = taskKeys == null ? List.of() : List.copyOf(taskKeys);
      leadWorkingDays = leadWorkingDays == null ? 1 : leadWorkingDays;
    }
  }

  /**
   * E-mail. The SMTP server is Spring Boot's {@code spring.mail.*} (host, port, username, password
   * from ONEDOOR_SMTP_* in application.yml); no host, no e-mail.
   *
   * @param from the sender address
   * @param maxPerDay individual e-mails per user and day; the rest wait for one digest (default 10)
   * @param digestAt when the day's digest is sent, in onedoor.calendar.zone (default 18:00)
   */
  public record Email(String from, Integer maxPerDay, LocalTime digestAt) {
    public Email {
      from = from == null || from.isBlank() ? "onedoor@localhost" : from.strip();
      maxPerDay = maxPerDay == null || maxPerDay < 0 ? 10 : maxPerDay;
      digestAt = digestAt == null ? LocalTime.of(18, 0) : digestAt;
    }

    /** Bound from configuration: the digest time as text, {@code HH:mm}. */
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public Email(String from, Integer maxPerDay, String digestAt) {
      this(from, maxPerDay, digestAt == null || digestAt.isBlank() ? null : parse(digestAt));
    }

    private static LocalTime parse(String text) {
      try {
        return LocalTime.parse(text.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("onedoor.notifications.email.digest-at must be a time like 18:00, not '"
            + text + "'", e);
      }
    }
  }

  /** Robots of the work messenger, by department code and by user id. */
  public record Webhooks(Map<String, Webhook> departments, Map<String, Webhook> users) {
    public Webhooks {
      departments = configured(departments);
      users = configured(users);
    }

    private static Map<String, Webhook> configured(Map<String, Webhook> hooks) {
      Map<String, Webhook> out = new LinkedHashMap<>();
      if (hooks != null) {
        hooks.forEach((k, v) -> {
          if (v != null && v.url() != null && !v.url().isBlank()) {
            out.put(k, v);
          }
        });
      }
      return Map.copyOf(out);
    }
  }

  /**
   * One robot: its address (which carries its access token) and its signing secret. Both are
   * secrets: {@link #toString()} shows neither, and neither is ever logged or stored.
   */
  public record Webhook(String url, String secret) {
    @Override
    public String toString() {
      return "Webhook[url=***, secret=***]";
    }
  }
}
