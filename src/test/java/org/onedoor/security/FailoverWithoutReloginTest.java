package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onedoor.platform.ClusterNode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 16 item 5: two nodes (two processes) on one PostgreSQL. 陈静 signs in to Tasklist on node A;
 * node A dies (SIGKILL); her browser, sent to node B by the load balancer with the same session
 * cookie, keeps working: Tasklist's engine API, a change carrying the session's CSRF token, the staff
 * pages that read the webapp session. Sessions live in the database (Spring Session JDBC), not in a
 * node's memory.
 */
class FailoverWithoutReloginTest {

  private static EmbeddedPostgres postgres;
  private static ClusterNode nodeA;
  private static ClusterNode nodeB;
  private static List<Integer> readinessOfA;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    new JdbcTemplate(postgres.getPostgresDatabase()).execute("create database failover");
    String url = postgres.getJdbcUrl("postgres", "failover");
    List<String> args = List.of("--onedoor.demo.load-slice=false", "--onedoor.demo.run-plan=false");
    nodeA = ClusterNode.start("failover-a", url, "postgres", "postgres", args);
    nodeB = ClusterNode.start("failover-b", url, "postgres", "postgres", args);
    readinessOfA = nodeA.awaitReady(Duration.ofMinutes(4));
    nodeB.awaitReady(Duration.ofMinutes(4));
  }

  @AfterAll
  static void stop() throws Exception {
    for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aUserSignedInOnANodeThatDiesCarriesOnOnTheOtherWithoutSigningInAgain() throws Exception {
    WebappSession onA = WebappSession.signIn(nodeA.port(), "chenjing");
    String cookie = onA.sessionCookie();
    assertThat(cookie).as("the session cookie Tasklist's browser keeps").isNotBlank();
    JdbcTemplate jdbc = new JdbcTemplate(postgres.getDatabase("postgres", "failover"));
    // Spring Session's cookie carries the session id in Base64
    String sessionId = new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Integer.class, sessionId))
        .as("the session is a row of the database")
        .isEqualTo(1);
    assertThat(onA.engine("GET", "/task?assignee=chenjing", null).statusCode()).isEqualTo(200);

    nodeA.kill();

    WebappSession onB = onA.onPort(nodeB.port());
    HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://localhost:" + nodeB.port() + "/camunda/api/engine/engine/default/task")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as("node B without the cookie").isEqualTo(401);
    HttpResponse<String> tasks = onB.engine("GET", "/task", null);
    assertThat(tasks.statusCode()).as("Tasklist's task list on node B: " + tasks.body()).isEqualTo(200);
    HttpResponse<String> profile = onB.engine("GET", "/user/chenjing/profile", null);
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.body()).as("still the same user").contains("\"id\":\"chenjing\"");
    assertThat(onB.sessionCookie()).as("no new session: the same one, read from the database").isEqualTo(cookie);

    // a change: the CSRF token of the session made on node A is known to node B
    String changed = profile.body().replaceAll("\"email\":(null|\"[^\"]*\")", "\"email\":\"chenjing@failover.example\"");
    HttpResponse<String> update = onB.engine("PUT", "/user/chenjing/profile", changed);
    assertThat(update.statusCode()).as("a change with the session's CSRF token on node B: " + update.body())
        .isEqualTo(204);
    assertThat(onB.engine("GET", "/user/chenjing/profile", null).body()).contains("chenjing@failover.example");

    // the staff pages and their API read the same webapp session on node B
    HttpResponse<String> inspections = onB.page("GET", "/api/v1/inspections", null, false);
    assertThat(inspections.statusCode()).as("inspection API via the webapp session: " + inspections.body())
        .isEqualTo(200);
    HttpResponse<String> listings = onB.page("GET", "/staff/listings", null, false);
    assertThat(listings.statusCode()).as("listing staff page via the webapp session").isEqualTo(200);
    assertThat(listings.body()).contains("<html");

    // and node B still checks the token: a change without it is refused (Camunda then ends the session)
    HttpResponse<String> withoutToken =
        onB.page("PUT", "/camunda/api/engine/engine/default/user/chenjing/profile", changed, false);
    assertThat(withoutToken.statusCode()).as("a change without the session's CSRF token").isEqualTo(403);
  }

  @Test
  void aNodeIsReadyForTheLoadBalancerOnlyOnceItsEngineAndJobExecutorRun() throws Exception {
    assertThat(readinessOfA).as("readiness statuses of node A while it started").endsWith(200);
    assertThat(readinessOfA).as("never ready, then not ready again").doesNotContainSubsequence(200, 503);
    HttpResponse<String> details = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + nodeB.port() + "/actuator/health/readiness"))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:demo".getBytes()))
            .GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(details.statusCode()).isEqualTo(200);
    assertThat(details.body())
        .as("the readiness group holds the engine's check, with the job executor running")
        .contains("\"readinessState\"", "\"engineReadiness\"", "\"jobExecutor\":\"running\"");
  }
}
