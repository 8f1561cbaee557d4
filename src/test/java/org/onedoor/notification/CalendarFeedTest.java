package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionFixtures;
import org.onedoor.security.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 17 item 5: a person subscribes their calendar to a secret address that shows their agreed
 * visits and the due dates of their tasks (their own and those they may claim), made, replaced and
 * revoked from 我的提醒 with the Tasklist session and its CSRF token; the address needs no sign-in, and
 * a revoked or replaced one answers 404.
 */
@OnedoorSpringTest
class CalendarFeedTest extends NotificationTestContext {

  static final String ENTITY = "杭州某某餐饮有限公司";

  @LocalServerPort int port;
  @Autowired TaskService tasks;

  private final ObjectMapper json = new ObjectMapper();

  /** An inspection (InspectionFixtures: market drew zhangwei and lina) that {@code person} was drawn for too. */
  private String inspectionWithAgreedVisit(String person, String uscc, Instant visitAt) {
    String number = InspectionFixtures.open(jdbc, "ICAL", uscc);
    jdbc.sql("INSERT INTO inspection_assignment (inspection_number, department, staff_number) VALUES (:n, 'health', :s)")
        .param("n", number).param("s", person).update();
    jdbc.sql("INSERT INTO inspection_visit (inspection_number, round, proposed_at, agreed_at, decided_how)"
            + " VALUES (:n, 1, :at, :at, 'AGREED')")
        .param("n", number).param("at", Timestamp.from(visitAt)).update();
    afterwards(() -> {
      for (String table : List.of("inspection_visit", "inspection_assignment", "inspection_flag")) {
        jdbc.sql("DELETE FROM " + table + " WHERE inspection_number = :n").param("n", number).update();
      }
      jdbc.sql("DELETE FROM inspection WHERE number = :n").param("n", number).update();
    });
    return number;
  }

  private HttpResponse<String> fetch(String url) {
    String path = url.substring(NotificationTestServers.PUBLIC_BASE_URL.length());
    return new TestHttp(port).get(path, null);
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void aPersonSubscribesToTheirVisitsAndDeadlinesAndRevokesTheAddress() throws Exception {
    Instant now = at(LocalDateTime.of(2026, 9, 1, 10, 0));
    String person = person("ical", "罗萍", "role-inspector");
    String uscc = InspectionFixtures.entity(jdbc, ENTITY);
    afterwards(() -> jdbc.sql("DELETE FROM directory_entity WHERE uscc = :u").param("u", uscc).update());
    String mine = inspectionWithAgreedVisit(person, uscc,
        LocalDateTime.of(2026, 9, 28, 10, 0).atZone(TestClock.ZONE).toInstant());
    String notMine = InspectionFixtures.open(jdbc, "ICAL-OTHER", uscc);
    afterwards(() -> {
      jdbc.sql("DELETE FROM inspection_assignment WHERE inspection_number = :n").param("n", notMine).update();
      jdbc.sql("DELETE FROM inspection_flag WHERE inspection_number = :n").param("n", notMine).update();
      jdbc.sql("DELETE FROM inspection WHERE number = :n").param("n", notMine).update();
    });
    Task assigned = standaloneTask("核查预警", LocalDateTime.of(2026, 9, 10, 17, 0).atZone(TestClock.ZONE).toInstant());
    tasks.setAssignee(assigned.getId(), person);
    tasks.setVariableLocal(assigned.getId(), "entityName", ENTITY);
    Task claimable = standaloneTask("法制审核; 延期, 申请", LocalDateTime.of(2026, 9, 3, 9, 30).atZone(TestClock.ZONE).toInstant());
    tasks.addCandidateUser(claimable.getId(), person);
    Task someoneElses = standaloneTask("别人的任务", now.plusSeconds(86_400));
    tasks.setAssignee(someoneElses.getId(), "zhangwei");

    WebappSession session = WebappSession.signIn(port, person);
    assertThat(body(session.page("GET", "/api/v1/notifications/calendar", null, false)).path("active").asBoolean())
        .isFalse();
    assertThat(session.page("POST", "/api/v1/notifications/calendar", null, false).statusCode())
        .as("a change with the session needs its CSRF token").isEqualTo(403);
    HttpResponse<String> made = session.page("POST", "/api/v1/notifications/calendar", null, true);
    assertThat(made.statusCode()).isEqualTo(201);
    String url = body(made).path("url").asText();
    Matcher address = Pattern.compile(Pattern.quote(NotificationTestServers.PUBLIC_BASE_URL)
        + "/ical/([A-Za-z0-9_-]{43})\\.ics").matcher(url);
    assertThat(address.matches()).as(url).isTrue();
    String token = address.group(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_calendar_feed WHERE token_hash = :t OR token_hash = :h")
        .param("t", token).param("h", CalendarFeeds.hash(token)).query(Integer.class).single())
        .as("only the token's hash is stored").isEqualTo(1);
    assertThat(jdbc.sql("SELECT token_hash FROM notification_calendar_feed WHERE user_id = :u").param("u", person)
        .query(String.class).single()).isNotEqualTo(token);

    HttpResponse<String> feed = fetch(url);
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar")
        .containsIgnoringCase("charset=UTF-8");
    assertThat(feed.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    String ics = feed.body();
    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
      assertThat(line).doesNotContain("\n").doesNotContain("\r");
    }
    String unfolded = ics.replace("\r\n ", "");
    assertThat(unfolded).contains(
        "UID:visit-" + mine + "@onedoor\r\nDTSTAMP:20260901T020000Z\r\nDTSTART:20260928T020000Z\r\nDURATION:PT2H\r\n"
            + "SUMMARY:联合检查：" + ENTITY + "\r\n",
        "UID:task-" + assigned.getId() + "@onedoor\r\nDTSTAMP:20260901T020000Z\r\nDTSTART:20260910T090000Z\r\n",
        "SUMMARY:到期：核查预警（" + ENTITY + "）\r\n",
        "UID:task-" + claimable.getId() + "@onedoor\r\n", "SUMMARY:待认领·到期：法制审核\\; 延期\\, 申请\r\n",
        "URL:" + NotificationTestServers.PUBLIC_BASE_URL + "/camunda/app/tasklist/default/#/?task=" + assigned.getId());
    assertThat(unfolded.indexOf("UID:task-" + claimable.getId())).as("earliest first")
        .isLessThan(unfolded.indexOf("UID:task-" + assigned.getId()));
    assertThat(unfolded).as("nobody else's case or task, no person, no USCC")
        .doesNotContain(notMine).doesNotContain(someoneElses.getId()).doesNotContain(uscc)
        .doesNotContain("张伟").doesNotContain("zhangwei").doesNotContain(person).doesNotContain("罗萍");
    assertThat(unfolded.split("BEGIN:VEVENT", -1)).hasSize(4);
    assertThat(uids(fetch(url).body())).as("the same UIDs on every read").isEqualTo(uids(ics));

    JsonNode status = body(session.page("GET", "/api/v1/notifications/calendar", null, false));
    assertThat(status.path("active").asBoolean()).isTrue();
    assertThat(Instant.parse(status.path("lastReadAt").asText())).isEqualTo(now);

    // a new address replaces the old one
    String second = body(session.page("POST", "/api/v1/notifications/calendar", null, true)).path("url").asText();
    assertThat(second).isNotEqualTo(url);
    assertThat(fetch(url).statusCode()).isEqualTo(404);
    assertThat(fetch(second).statusCode()).isEqualTo(200);

    assertThat(session.page("DELETE", "/api/v1/notifications/calendar", null, false).statusCode()).isEqualTo(403);
    assertThat(session.page("DELETE", "/api/v1/notifications/calendar", null, true).statusCode()).isEqualTo(204);
    HttpResponse<String> revoked = fetch(second);
    assertThat(revoked.statusCode()).isEqualTo(404);
    assertThat(revoked.body()).doesNotContain("BEGIN:VCALENDAR");
    assertThat(body(session.page("GET", "/api/v1/notifications/calendar", null, false)).path("active").asBoolean())
        .isFalse();
  }

  @Test
  void aFeedOfSomebodyWhoNoLongerExistsOrAMadeUpTokenIsNotFound() throws Exception {
    at(LocalDateTime.of(2026, 9, 1, 10, 0));
    String person = person("ical", "宋佳", "role-inspector");
    String url = body(new TestHttp(port).post("/api/v1/notifications/calendar", person, null)).path("url").asText();
    assertThat(fetch(url).statusCode()).isEqualTo(200);
    identityService.deleteUser(person);
    assertThat(fetch(url).statusCode()).isEqualTo(404);
    assertThat(new TestHttp(port).get("/ical/" + "A".repeat(43) + ".ics", null).statusCode()).isEqualTo(404);
    assertThat(new TestHttp(port).get("/ical/short.ics", null).statusCode()).isEqualTo(404);
    jdbc.sql("DELETE FROM notification_calendar_feed WHERE user_id = :u").param("u", person).update();
  }

  private static List<String> uids(String ics) {
    return Arrays.stream(ics.split("\r\n")).filter(l -> l.startsWith("UID:")).toList();
  }
}
