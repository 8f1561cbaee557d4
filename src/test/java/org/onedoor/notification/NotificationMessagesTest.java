package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onedoor.calendar.CalendarProperties;

/** The words of a notification: Chinese, Beijing time, a Tasklist link, nothing else of the case. */
class NotificationMessagesTest {

  private final NotificationMessages messages =
      new NotificationMessages(new CalendarProperties(null, null, null), "https://onedoor.example.gov.cn/", "/camunda");

  private TaskFacts task(String entityName) {
    return new TaskFacts("a1b2-c3", "核查预警", "CheckWarning", "pi-1",
        LocalDateTime.of(2026, 3, 5, 17, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(),
        null, Set.of(), Set.of("health-inspector"), entityName, "health");
  }

  @Test
  void deadlineIsAChineseDateInBeijingTime() {
    // 09:00 UTC is 17:00 in Beijing
    assertThat(messages.deadline(LocalDateTime.of(2026, 3, 5, 9, 0).toInstant(java.time.ZoneOffset.UTC)))
        .isEqualTo("2026年3月5日（星期四）17:00");
  }

  @Test
  void linkOpensTheTaskInTasklistAtThePublicAddress() {
    assertThat(messages.link("a1b2-c3"))
        .isEqualTo("https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=a1b2-c3");
  }

  @Test
  void deadlineNearNamesTaskBusinessDeadlineAndLink() {
    NotificationMessages.Message m = messages.render(NotificationKind.DEADLINE_NEAR, task("杭州某某餐饮有限公司"), null);
    assertThat(m.title()).isEqualTo("即将到期：核查预警");
    assertThat(m.body()).isEqualTo("""
        任务“核查预警”将于 2026年3月5日（星期四）17:00 到期，请及时办理。
        市场主体：杭州某某餐饮有限公司
        办理期限：2026年3月5日（星期四）17:00
        在 Tasklist 中办理：https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=a1b2-c3""");
  }

  @Test
  void escalationNamesWhoHoldsTheTask() {
    assertThat(messages.render(NotificationKind.DEADLINE_ESCALATED, task("某店"), "罗萍").body())
        .startsWith("本部门任务“核查预警”已于 2026年3月5日（星期四）17:00 到期，尚未办结（办理人：罗萍），请督促办理。");
    assertThat(messages.render(NotificationKind.DEADLINE_ESCALATED, task("某店"), null).body()).contains("（尚无人认领）");
  }

  @Test
  void aBusinessNameCannotBreakTheLines() {
    String body = messages.render(NotificationKind.TASK_AVAILABLE, task("某店\n办理期限：明天\r\n"), null).body();
    assertThat(body).contains("市场主体：某店 办理期限：明天").hasLineCount(4);
  }

  @Test
  void withoutBusinessOrDueDateThoseLinesAreLeftOut() {
    TaskFacts bare = new TaskFacts("t", "修改计划", "RevisePlan", "pi", null, "chenjing", Set.of(), Set.of(), null, null);
    assertThat(messages.render(NotificationKind.TASK_ASSIGNED, bare, null).body()).isEqualTo("""
        任务“修改计划”已分配给您办理。
        在 Tasklist 中办理：https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=t""");
  }
}
