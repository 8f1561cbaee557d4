package org.onedoor.notification;

import jakarta.servlet.http.HttpServletResponse;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.platform.PersonNames;
import org.onedoor.platform.web.SafeHref;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff page {@code /staff/notifications} ("我的提醒"): the signed-in user's notifications, unread first,
 * rendered on the server from {@code staff/notifications.jte} (readable without JavaScript, on a phone);
 * {@code /staff/notification/notifications.js} marks them read and edits the channel preferences through
 * the notification API. Reached with the Tasklist sign-in or HTTP Basic.
 */
@Controller
class NotificationPages {

  static final int PAGE_SIZE = 50;

  private final NotificationOutbox outbox;
  private final PersonNames names;
  private final DateTimeFormatter time;

  NotificationPages(NotificationOutbox outbox, PersonNames names, CalendarProperties calendar) {
    this.outbox = outbox;
    this.names = names;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
  }

  @GetMapping("/staff/notifications")
  String page(@RequestParam(defaultValue = "0") int page, Authentication user, Model model,
      HttpServletResponse response) {
    int p = Math.max(0, Math.min(page, 10_000));
    String me = user.getName();
    List<NotificationPageView.Entry> items = outbox.list(me, false, p * PAGE_SIZE, PAGE_SIZE).stream()
        .map(n -> new NotificationPageView.Entry(n.id(), n.kind().label(), n.title(),
            Arrays.stream(n.body().split("\n")).filter(line -> !line.startsWith(NotificationMessages.TASK_LINK)
                && !line.startsWith(NotificationMessages.PAGE_LINK)).toList(),
            n.link() == null ? null : SafeHref.of(n.link()),
            n.body().contains(NotificationMessages.PAGE_LINK) ? "查看详情" : "在 Tasklist 中办理",
            time.format(n.createdAt()), n.read(), n.failed()))
        .toList();
    int total = outbox.count(me, false);
    List<NotificationPageView.Failed> failed = null;
    int failedTotal = 0;
    if (NotificationRoles.isAdmin(user)) {
      failed = outbox.failed(0, PAGE_SIZE).stream()
          .map(f -> new NotificationPageView.Failed(f.id(), f.channel() == Channel.EMAIL ? "邮件" : "工作消息",
              f.channel() == Channel.EMAIL ? names.name(f.recipient()) : f.recipient(),
              f.title() == null ? "" : f.title(), f.attempts(), f.lastError() == null ? "" : f.lastError(),
              time.format(f.createdAt())))
          .toList();
      failedTotal = outbox.countFailed();
    }
    model.addAttribute("view", new NotificationPageView(names.name(me), outbox.count(me, true), total, items,
        (p + 1) * PAGE_SIZE < total ? "/staff/notifications?page=" + (p + 1) : null, failed, failedTotal));
    response.setHeader("Cache-Control", "no-store");
    return "staff/notifications";
  }
}
