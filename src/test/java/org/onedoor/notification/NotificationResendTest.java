package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.security.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages given up (FAILED) after a long outage are sent again on request: by the person from 我的提醒
 * (their own notification; the Tasklist session with its CSRF token), or by an administrator, one or
 * all, from the API and the page. A resent message gets a fresh set of attempts and is delivered once.
 */
@OnedoorSpringTest
class NotificationResendTest extends NotificationTestContext {

  @LocalServerPort int port;
  @Autowired TaskNotifications notifications;
  @Autowired NotificationSender sender;
  @Autowired NotificationProperties properties;
  @Autowired TransactionTemplate transactions;

  private final ObjectMapper json = new ObjectMapper();

  /** A task assigned to 李娜 (lina, her own robot) whose robot message fails for good: the robot is down for hours. */
  private Task failedForLina(String name, LocalDateTime from) {
    Instant now = at(from);
    Task task = standaloneTask(name, now.plusSeconds(7 * 86_400));
    TaskFacts facts = new TaskFacts(task.getId(), name, "Standalone", null, task.getDueDate().toInstant(), "lina",
        Set.of(), Set.of(), "某某商贸有限公司", null);
    Instant assignedAt = now;
    transactions.executeWithoutResult(s -> notifications.taskAssigned(facts, "admin", assignedAt));
    int[] down = new int[properties.maxAttempts()];
    Arrays.fill(down, 503);
    ROBOTS.answer(down);
    for (int i = 0; i < properties.maxAttempts(); i++) {
      sender.sendDue();
      now = now.plusSeconds(2 * 3600);
      ClockUtil.setCurrentTime(java.util.Date.from(now));
    }
    assertThat(webhookOf(task).get("STATUS")).isEqualTo("FAILED");
    return task;
  }

  private Map<String, Object> webhookOf(Task task) {
    return jdbc.sql("""
            SELECT d.* FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
             WHERE n.task_id = :t AND d.channel = 'WEBHOOK'""").param("t", task.getId()).query().singleRow();
  }

  private long notificationOf(Task task) {
    return jdbc.sql("SELECT id FROM notification WHERE task_id = :t").param("t", task.getId()).query(Long.class).single();
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void aPersonResendsTheirOwnFailedMessageFromTheirPage() throws Exception {
    Task task = failedForLina("复核整改材料（重发）", LocalDateTime.of(2026, 7, 27, 9, 0));
    long id = notificationOf(task);
    WebappSession lina = WebappSession.signIn(port, "lina");

    JsonNode mine = body(lina.page("GET", "/api/v1/notifications?size=200", null, false));
    JsonNode item = null;
    for (JsonNode i : mine.path("items")) {
      if (i.path("id").asLong() == id) {
        item = i;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.path("failed").asBoolean()).isTrue();
    String page = lina.page("GET", "/staff/notifications", null, false).body();
    assertThat(page).contains("class=\"resend secondary\" data-id=\"" + id + "\"", "邮件或工作消息发送失败")
        .doesNotContain("发送失败的消息（系统管理员）");

    String other = person("resend", "旁人", "role-inspector");
    assertThat(new TestHttp(port).post("/api/v1/notifications/" + id + "/resend", other, null).statusCode())
        .as("somebody else's notification").isEqualTo(404);
    assertThat(lina.page("POST", "/api/v1/notifications/" + id + "/resend", null, false).statusCode())
        .as("the session needs its CSRF token").isEqualTo(403);
    HttpResponse<String> resent = lina.page("POST", "/api/v1/notifications/" + id + "/resend", null, true);
    assertThat(resent.statusCode()).isEqualTo(200);
    assertThat(body(resent).path("resent").asInt()).isEqualTo(1);
    assertThat(webhookOf(task)).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 0);
    assertThat(lina.page("POST", "/api/v1/notifications/" + id + "/resend", null, true).statusCode())
        .as("nothing failed any more").isEqualTo(409);

    ROBOTS.reset();
    sender.sendDue();
    assertThat(webhookOf(task)).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 1);
    assertThat(postsAbout(task.getId())).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(200));
    assertThat(sender.sendDue()).isZero();
  }

  @Test
  void anAdministratorListsEveryFailedMessageAndResendsOneOrAll() throws Exception {
    Task task = failedForLina("审批延期申请（重发）", LocalDateTime.of(2026, 8, 3, 9, 0));
    long delivery = ((Number) webhookOf(task).get("ID")).longValue();
    TestHttp http = new TestHttp(port);

    assertThat(http.get("/api/v1/notifications/failed", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.post("/api/v1/notifications/failed/" + delivery + "/resend", "zhangwei", null).statusCode())
        .isEqualTo(403);
    assertThat(http.post("/api/v1/notifications/failed/resend-all", "zhangwei", null).statusCode()).isEqualTo(403);

    JsonNode failed = body(http.get("/api/v1/notifications/failed?size=200", "admin"));
    assertThat(failed.path("total").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode row = null;
    for (JsonNode f : failed.path("items")) {
      if (f.path("id").asLong() == delivery) {
        row = f;
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.path("channel").asText()).isEqualTo("WEBHOOK");
    assertThat(row.path("recipient").asText()).isEqualTo("user:lina");
    assertThat(row.path("title").asText()).isEqualTo("分配给您：审批延期申请（重发）");
    assertThat(row.path("lastError").asText()).isEqualTo("机器人 user:lina 返回 HTTP 503").doesNotContain("token");
    assertThat(row.path("attempts").asInt()).isEqualTo(properties.maxAttempts());

    String page = http.get("/staff/notifications", "admin").body();
    assertThat(page).contains("发送失败的消息（系统管理员）", "id=\"resend-all\"",
        "data-delivery=\"" + delivery + "\"", "机器人 user:lina 返回 HTTP 503");

    assertThat(http.post("/api/v1/notifications/failed/" + delivery + "/resend", "admin", null).statusCode())
        .isEqualTo(200);
    assertThat(http.post("/api/v1/notifications/failed/" + delivery + "/resend", "admin", null).statusCode())
        .as("not FAILED any more").isEqualTo(404);
    ROBOTS.reset();
    sender.sendDue();
    assertThat(webhookOf(task).get("STATUS")).isEqualTo("SENT");

    Task another = failedForLina("核实情况（重发）", LocalDateTime.of(2026, 8, 10, 9, 0));
    JsonNode all = body(http.post("/api/v1/notifications/failed/resend-all", "admin", null));
    assertThat(all.path("resent").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(webhookOf(another).get("STATUS")).isEqualTo("PENDING");
    ROBOTS.reset();
    sender.sendDue();
    assertThat(webhookOf(another).get("STATUS")).isEqualTo("SENT");
    assertThat(postsAbout(another.getId())).hasSize(1);
  }
}
