package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.onedoor.security.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 我的提醒 through the API and the staff page, with the Tasklist sign-in (CSRF token for changes) or
 * HTTP Basic; everybody sees and marks only their own.
 */
@OnedoorSpringTest
class NotificationApiTest extends NotificationTestContext {

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired TaskNotifications notifications;
  @Autowired NotificationSender sender;
  @Autowired TransactionTemplate transactions;

  private final ObjectMapper json = new ObjectMapper();

  private void assign(String name, String user, Instant now) {
    Task task = standaloneTask(name, now.plusSeconds(3 * 86_400));
    TaskFacts facts = new TaskFacts(task.getId(), name, "Standalone", null, task.getDueDate().toInstant(), user,
        Set.of(), Set.of(), "某某商贸有限公司", null);
    transactions.executeWithoutResult(s -> notifications.taskAssigned(facts, null, now));
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void theSignedInUserListsAndMarksTheirOwnNotificationsUnreadFirst() throws Exception {
    Instant now = at(LocalDateTime.of(2026, 7, 21, 9, 0));
    // people of this test only: the database is shared, and they start with no notifications
    String zhou = person("api", "周杰", "role-inspector");
    String other = person("api", "张伟", "role-inspector");
    assign("第一件", zhou, now);
    assign("第二件", zhou, now.plusSeconds(60));
    assign("第三件 <img src=x onerror=alert(1)>", zhou, now.plusSeconds(120));
    assign("别人的", other, now);
    WebappSession zhoujie = WebappSession.signIn(port, zhou);

    assertThat(body(zhoujie.page("GET", "/api/v1/notifications/unread-count", null, false)).path("unread").asInt())
        .isEqualTo(3);
    JsonNode unread = body(zhoujie.page("GET", "/api/v1/notifications?unread=true", null, false));
    assertThat(unread.path("total").asInt()).isEqualTo(3);
    JsonNode newest = unread.path("items").get(0);
    assertThat(newest.path("title").asText()).isEqualTo("分配给您：第三件 <img src=x onerror=alert(1)>");
    assertThat(newest.path("kind").asText()).isEqualTo("TASK_ASSIGNED");
    assertThat(newest.path("kindLabel").asText()).isEqualTo("任务分配给我");
    assertThat(newest.path("dueText").asText()).isEqualTo("2026年7月24日（星期五）09:02");
    assertThat(newest.path("read").asBoolean()).isFalse();
    long third = newest.path("id").asLong();

    assertThat(zhoujie.page("POST", "/api/v1/notifications/" + third + "/read", null, false).statusCode())
        .as("a change with the session needs its CSRF token").isEqualTo(403);
    assertThat(zhoujie.page("POST", "/api/v1/notifications/" + third + "/read", null, true).statusCode()).isEqualTo(204);
    assertThat(body(zhoujie.page("GET", "/api/v1/notifications/unread-count", null, false)).path("unread").asInt())
        .isEqualTo(2);
    JsonNode all = body(zhoujie.page("GET", "/api/v1/notifications", null, false));
    assertThat(all.path("items")).extracting(i -> i.path("title").asText() + (i.path("read").asBoolean() ? " 已读" : ""))
        .containsExactly("分配给您：第二件", "分配给您：第一件", "分配给您：第三件 <img src=x onerror=alert(1)> 已读");

    long theirs = body(new TestHttp(port).get("/api/v1/notifications", other)).path("items").get(0).path("id").asLong();
    assertThat(zhoujie.page("POST", "/api/v1/notifications/" + theirs + "/read", null, true).statusCode()).isEqualTo(404);
    assertThat(new TestHttp(port).get("/api/v1/notifications", null).statusCode()).isEqualTo(401);

    // the staff page: unread first, escaped, readable without its script
    HttpResponse<String> page = zhoujie.page("GET", "/staff/notifications", null, false);
    assertThat(page.statusCode()).isEqualTo(200);
    String html = page.body();
    assertThat(html).contains("<title>我的提醒", "未读 <strong id=\"unread-count\">2</strong> 条，共 3 条", "周杰：",
        "&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
    assertThat(html.indexOf("第二件")).isLessThan(html.indexOf("第一件"));
    assertThat(html.indexOf("第一件")).isLessThan(html.indexOf("第三件"));
    assertThat(html).contains("href=\"https://onedoor.example.gov.cn/camunda/app/tasklist/default/#/?task=");
    for (String asset : List.of("/staff/notification/notifications.js", "/staff/notification/notifications.css")) {
      assertThat(zhoujie.page("GET", asset, null, false).statusCode()).as(asset).isEqualTo(200);
    }

    HttpResponse<String> readAll = zhoujie.page("POST", "/api/v1/notifications/read-all", null, true);
    assertThat(body(readAll).path("marked").asInt()).isEqualTo(2);
    assertThat(body(zhoujie.page("GET", "/api/v1/notifications/unread-count", null, false)).path("unread").asInt()).isZero();
  }

  @Test
  void preferencesHaveDefaultsAndAreKeptPerKind() throws Exception {
    TestHttp http = new TestHttp(port);
    String zhao = person("prefs", "赵敏", "role-legal-reviewer");
    String other = person("prefs", "张伟", "role-inspector");
    JsonNode defaults = body(http.get("/api/v1/notifications/preferences", zhao));
    assertThat(defaults.path("channels").path("inApp").asBoolean()).isTrue();
    assertThat(defaults.path("channels").path("email").asBoolean()).isTrue();
    assertThat(defaults.path("channels").path("webhook").asBoolean()).isTrue();
    assertThat(defaults.path("preferences")).extracting(
            p -> p.path("kind").asText() + " " + p.path("inApp").asBoolean() + " " + p.path("email").asBoolean() + " "
                + p.path("webhook").asBoolean())
        .containsExactly("TASK_AVAILABLE true false true", "TASK_ASSIGNED true true true",
            "DEADLINE_NEAR true true true", "DEADLINE_PASSED true true true", "DEADLINE_ESCALATED true true true",
            "VISIT_PROPOSED true false true", "VISIT_CONFIRMED true true true", "VISIT_DECIDED true true true",
            "COSIGN_REQUESTED true false true", "COSIGN_REFUSED true true true", "RECORD_RETURNED true true true",
            "DECISION_LETTER_ISSUED true true true", "RISK_WARNING_RAISED true false true");
    assertThat(defaults.path("preferences")).extracting(p -> p.path("label").asText())
        .contains("联合检查时间提议", "检查记录被退回", "决定书已出具", "本部门收到风险预警");

    HttpResponse<String> saved = http.send("PUT", "/api/v1/notifications/preferences", zhao,
        "{\"preferences\":[{\"kind\":\"DEADLINE_NEAR\",\"inApp\":true,\"email\":false,\"webhook\":false},"
            + "{\"kind\":\"TASK_AVAILABLE\",\"email\":true,\"webhook\":true}]}");
    assertThat(saved.statusCode()).isEqualTo(200);
    JsonNode after = body(http.get("/api/v1/notifications/preferences", zhao)).path("preferences");
    assertThat(after.get(0).path("email").asBoolean()).isTrue();
    assertThat(after.get(2).path("email").asBoolean()).isFalse();
    assertThat(after.get(2).path("webhook").asBoolean()).isFalse();
    assertThat(body(http.get("/api/v1/notifications/preferences", other)).path("preferences").get(2)
        .path("email").asBoolean()).as("another user keeps the defaults").isTrue();

    HttpResponse<String> unknown = http.send("PUT", "/api/v1/notifications/preferences", zhao,
        "{\"preferences\":[{\"kind\":\"NO_SUCH_KIND\",\"email\":true,\"webhook\":true}]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(body(unknown).path("errors").get(0).path("field").asText()).isEqualTo("kind");
    HttpResponse<String> offline = http.send("PUT", "/api/v1/notifications/preferences", zhao,
        "{\"preferences\":[{\"kind\":\"DEADLINE_NEAR\",\"inApp\":false,\"email\":true,\"webhook\":true}]}");
    assertThat(offline.statusCode()).isEqualTo(400);
    assertThat(body(offline).path("errors").get(0).path("field").asText()).isEqualTo("inApp");

    WebappSession session = WebappSession.signIn(port, zhao);
    session.page("GET", "/api/v1/notifications/preferences", null, false);
    assertThat(session.page("PUT", "/api/v1/notifications/preferences",
        "{\"preferences\":[{\"kind\":\"DEADLINE_PASSED\",\"email\":false,\"webhook\":true}]}", false).statusCode())
        .isEqualTo(403);
    assertThat(session.page("PUT", "/api/v1/notifications/preferences",
        "{\"preferences\":[{\"kind\":\"DEADLINE_PASSED\",\"email\":false,\"webhook\":true}]}", true).statusCode())
        .isEqualTo(200);
  }

  @Test
  void prometheusCountsMessagesPerChannel() throws Exception {
    Instant now = at(LocalDateTime.of(2026, 7, 22, 9, 0));
    assign("统计用", "lina", now);
    sender.sendDue();
    String metrics = new TestHttp(port).get("/actuator/prometheus", "admin").body();
    assertThat(metrics).containsPattern("onedoor_notifications_sent_total\\{[^}]*channel=\"email\"[^}]*\\} [1-9]")
        .containsPattern("onedoor_notifications_sent_total\\{[^}]*channel=\"webhook\"[^}]*\\} [1-9]")
        .contains("onedoor_notifications_retried_total{").contains("onedoor_notifications_failed_total{");
  }
}
