package org.onedoor.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The words of a notification (Chinese): the task's name, the business's name, the deadline in
 * Beijing time and a link into Tasklist; nothing else of the case (issue 17 item 4: never ID
 * numbers, phones, evidence or credit class). The text is recipient-neutral, so one webhook message
 * can serve a department's chat; the e-mail adds the greeting.
 */
@Component
public class NotificationMessages {

  private static final String[] WEEKDAYS = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

  /** The line that carries a message's link: a task's, or a page's. */
  static final String TASK_LINK = "在 Tasklist 中办理：";
  static final String PAGE_LINK = "查看详情：";

  private final ZoneId zone;
  private final String tasklistBase;
  private final String siteBase;

  public NotificationMessages(
      CalendarProperties calendar,
      @Value("${onedoor.public-base-url:http://localhost:8080}") String publicBaseUrl,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.zone = calendar.zone();
    String base = publicBaseUrl.strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.siteBase = base;
    this.tasklistBase = base + webappPath + "/app/tasklist/default/";
  }

  /**
   * A feature's event as a message: {@code lines} after the first sentence (each one line), then the
   * business and the link ({@code page}: a path of this site; null: Tasklist's task list).
   */
  public Message event(String title, String sentence, String entityName, List<String> lines, String page) {
    String entity = clean(entityName, 200, null);
    StringBuilder body = new StringBuilder(clean(sentence, 500, ""));
    if (entity != null) {
      body.append("\n市场主体：").append(entity);
    }
    for (String line : lines) {
      body.append("\n").append(clean(line, 300, ""));
    }
    String link = page == null ? tasklistBase : siteBase + page;
    body.append("\n").append(page == null ? TASK_LINK : PAGE_LINK).append(link);
    return new Message(clean(title, 300, ""), body.toString(), link);
  }

  /** A rendered message. */
  public record Message(String title, String body, String link) {}

  public Message render(NotificationKind kind, TaskFacts task, String holderName) {
    String name = clean(task.taskName(), 200, "（未命名任务）");
    String entity = clean(task.entityName(), 200, null);
    String deadline = task.dueAt() == null ? null : deadline(task.dueAt());
    String link = link(task.taskId());
    StringBuilder body = new StringBuilder();
    String title = switch (kind) {
      case TASK_AVAILABLE -> {
        body.append("您可以认领并办理任务“").append(name).append("”。");
        yield "待认领：" + name;
      }
      case TASK_ASSIGNED -> {
        body.append("任务“").append(name).append("”已分配给您办理。");
        yield "分配给您：" + name;
      }
      case DEADLINE_NEAR -> {
        body.append("任务“").append(name).append("”将于 ").append(deadline).append(" 到期，请及时办理。");
        yield "即将到期：" + name;
      }
      case DEADLINE_PASSED -> {
        body.append("任务“").append(name).append("”已于 ").append(deadline).append(" 到期，尚未办结，请尽快办理。");
        yield "已逾期：" + name;
      }
      case DEADLINE_ESCALATED -> {
        body.append("本部门任务“").append(name).append("”已于 ").append(deadline).append(" 到期，尚未办结（")
            .append(holderName == null || holderName.isBlank() ? "尚无人认领" : "办理人：" + holderName)
            .append("），请督促办理。");
        yield "逾期督办：" + name;
      }
      // the features' events are worded where they are heard (EventNotifications, with event(...))
      default -> throw new IllegalArgumentException(kind + " is not a task's notification");
    };
    if (entity != null) {
      body.append("\n市场主体：").append(entity);
    }
    if (deadline != null) {
      body.append("\n办理期限：").append(deadline);
    }
    body.append("\n").append(TASK_LINK).append(link);
    return new Message(title, body.toString(), link);
  }

  /** 2026年3月5日（星期四）17:00, Beijing time (onedoor.calendar.zone). */
  public String deadline(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    DayOfWeek day = t.getDayOfWeek();
    return t.getYear() + "年" + t.getMonthValue() + "月" + t.getDayOfMonth() + "日（" + WEEKDAYS[day.getValue() - 1] + "）"
        + String.format("%02d:%02d", t.getHour(), t.getMinute());
  }

  /** The task in Tasklist (onedoor.public-base-url, the webapps' path, Tasklist's task parameter). */
  public String link(String taskId) {
    return tasklistBase + "#/?task=" + URLEncoder.encode(taskId, StandardCharsets.UTF_8);
  }

  /** One line, no control characters, at most {@code max} characters. */
  static String clean(String text, int max, String fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() > max ? line.substring(0, max) + "…" : line;
  }
}
