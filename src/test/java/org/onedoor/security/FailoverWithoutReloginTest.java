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
