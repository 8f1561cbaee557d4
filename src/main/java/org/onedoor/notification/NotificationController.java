package org.onedoor.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.ConflictException;
import org.onedoor.platform.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own notifications ("我的提醒") and channel preferences. HTTP Basic or the
 * Tasklist session (with its CSRF token for POST and PUT); a user reads, marks and resends only their
 * own. Administrators ({@code camunda-admin}) also list and resend every FAILED message.
 */
@RestController
class NotificationController {

  private static final Logger log = LoggerFactory.getLogger(NotificationController.class);
  static final int MAX_PAGE_SIZE = 200;

  private final NotificationOutbox outbox;
  private final NotificationPreferences preferences;
  private final NotificationProperties properties;
  private final EmailChannel email;
  private final NotificationMessages messages;

  NotificationController(NotificationOutbox outbox, NotificationPreferences preferences,
      NotificationProperties properties, EmailChannel email, NotificationMessages messages) {
    this.outbox = outbox;
    this.preferences = preferences;
    this.properties = properties;
    this.email = email;
    this.messages = messages;
  }

  record Item(long id, NotificationKind kind, String kindLabel, String title, String body, String taskName,
      String entityName, Instant dueAt, String dueText, String link, Instant createdAt, boolean read, boolean failed) {}

  record FailedPage(List<NotificationOutbox.FailedDelivery> items, int total, int page, int size) {}

  record Page(List<Item> items, int total, int unread, int page, int size) {}

  record PreferenceView(NotificationKind kind, String label, boolean inApp, boolean email, boolean webhook) {}

  record Preferences(Map<String, Boolean> channels, List<PreferenceView> preferences) {}

  record PreferenceRequest(String kind, Boolean inApp, Boolean email, Boolean webhook) {}

  record PreferencesRequest(List<PreferenceRequest> preferences) {}

  @GetMapping("/api/v1/notifications")
  Page list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size, Authentication user) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", "每页条数应在 1–" + MAX_PAGE_SIZE + " 之间");
    }
    if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
      throw new BadRequestException("page", "页码不能为负数");
    }
    String me = user.getName();
    List<Item> items = outbox.list(me, unread, page * size, size).stream().map(this::item).toList();
    return new Page(items, outbox.count(me, unread), outbox.count(me, true), page, size);
  }

  @GetMapping("/api/v1/notifications/unread-count")
  Map<String, Integer> unreadCount(Authentication user) {
    return Map.of("unread", outbox.count(user.getName(), true));
  }

  @PostMapping("/api/v1/notifications/{id}/read")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void markRead(@PathVariable long id, Authentication user) {
    if (!outbox.recipientOf(id).map(user.getName()::equals).orElse(false)) {
      throw new NotFoundException("id", "没有这条提醒");
    }
    outbox.markRead(id, user.getName(), now());
  }

  /** Sends the caller's own notification again where its e-mail or robot message FAILED. */
  @PostMapping("/api/v1/notifications/{id}/resend")
  Map<String, Integer> resend(@PathVariable long id, Authentication user) {
    if (!outbox.recipientOf(id).map(user.getName()::equals).orElse(false)) {
      throw new NotFoundException("id", "没有这条提醒");
    }
    int resent = outbox.resendFailed(id, now());
    if (resent == 0) {
      throw new ConflictException("这条提醒没有发送失败的消息，无需重新发送");
    }
    log.info("{} resent {} failed message(s) of notification {}", user.getName(), resent, id);
    return Map.of("resent", resent);
  }

  /** Administrators: every message given up (FAILED), newest first. */
  @GetMapping("/api/v1/notifications/failed")
  FailedPage failed(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
      Authentication user) {
    requireAdmin(user);
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new BadRequestException("size", "每页条数应在 1–" + MAX_PAGE_SIZE + " 之间");
    }
    if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
      throw new BadRequestException("page", "页码不能为负数");
    }
    return new FailedPage(outbox.failed(page * size, size), outbox.countFailed(), page, size);
  }

  @PostMapping("/api/v1/notifications/failed/{deliveryId}/resend")
  Map<String, Integer> resendDelivery(@PathVariable long deliveryId, Authentication user) {
    requireAdmin(user);
    if (!outbox.resendDelivery(deliveryId, now())) {
      throw new NotFoundException("deliveryId", "没有这条发送失败的消息（可能已重新发送）");
    }
    log.info("{} resent failed notification message {}", user.getName(), deliveryId);
    return Map.of("resent", 1);
  }

  @PostMapping("/api/v1/notifications/failed/resend-all")
  Map<String, Integer> resendAll(Authentication user) {
    requireAdmin(user);
    int resent = outbox.resendAllFailed(now());
    log.info("{} resent all {} failed notification message(s)", user.getName(), resent);
    return Map.of("resent", resent);
  }

  private static void requireAdmin(Authentication user) {
    if (!NotificationRoles.isAdmin(user)) {
      throw new AccessDeniedException("只有系统管理员可以查看和重新发送全部发送失败的消息");
    }
  }

  @PostMapping("/api/v1/notifications/read-all")
  Map<String, Integer> markAllRead(Authentication user) {
    return Map.of("marked", outbox.markAllRead(user.getName(), now()));
  }

  @GetMapping("/api/v1/notifications/preferences")
  Preferences preferences(Authentication user) {
    return view(preferences.of(user.getName()));
  }

  @PutMapping("/api/v1/notifications/preferences")
  Preferences savePreferences(@RequestBody PreferencesRequest request, Authentication user) {
    if (request == null || request.preferences() == null || request.preferences().isEmpty()) {
      throw new BadRequestException("preferences", "请至少提交一项提醒设置");
    }
    List<NotificationPreferences.Preference> chosen = new ArrayList<>();
    for (PreferenceRequest p : request.preferences()) {
      if (p == null || p.kind() == null || p.kind().isBlank()) {
        throw new BadRequestException("kind", "提醒类型不能为空");
      }
      NotificationKind kind;
      try {
        kind = NotificationKind.valueOf(p.kind().strip());
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("kind", "没有提醒类型“" + NotificationMessages.clean(p.kind(), 40, "") + "”");
      }
      if (Boolean.FALSE.equals(p.inApp())) {
        throw new BadRequestException("inApp", "站内提醒（我的提醒）始终开启，不能关闭");
      }
      if (p.email() == null || p.webhook() == null) {
        throw new BadRequestException(p.email() == null ? "email" : "webhook", "请为“" + kind.label() + "”选择是否接收");
      }
      chosen.add(new NotificationPreferences.Preference(kind, p.email(), p.webhook()));
    }
    return view(preferences.save(user.getName(), chosen));
  }

  private Preferences view(List<NotificationPreferences.Preference> stored) {
    Map<String, Boolean> channels = new HashMap<>();
    channels.put("inApp", true);
    channels.put("email", email.configured());
    channels.put("webhook", !properties.webhooks().departments().isEmpty() || !properties.webhooks().users().isEmpty());
    return new Preferences(channels, stored.stream()
        .map(p -> new PreferenceView(p.kind(), p.kind().label(), true, p.email(), p.webhook())).toList());
  }

  private Item item(NotificationOutbox.Notification n) {
    return new Item(n.id(), n.kind(), n.kind().label(), n.title(), n.body(), n.taskName(), n.entityName(), n.dueAt(),
        n.dueAt() == null ? null : messages.deadline(n.dueAt()), n.link(), n.createdAt(), n.read(), n.failed());
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
