package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The staff pages and the CSRF rule in the running application: /staff needs HTTP Basic (the
 * import page an administrator), and cross-origin state-changing requests to /api, /staff and
 * /engine-rest are refused ahead of authentication.
 */
@OnedoorSpringTest
class StaffPageSecurityTest {

  @LocalServerPort int port;

  private HttpResponse<String> post(String path, String origin) throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:demo".getBytes()))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void crossOriginPostsAreRefusedEvenWithValidCredentials() throws Exception {
    for (String path : new String[] {"/api/management/v1/imports/entities", "/staff/imports", "/engine-rest/user/create"}) {
      HttpResponse<String> refused = post(path, "http://evil.example");
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).as(path).contains("\"field\":\"origin\"");
    }
    // same origin and no origin reach the application (here: 400, no file)
    assertThat(post("/api/management/v1/imports/entities", "http://localhost:" + port).statusCode()).isEqualTo(400);
    assertThat(post("/api/management/v1/imports/entities", null).statusCode()).isEqualTo(400);
  }

  @Test
  void theStaffPageNeedsAnAdministrator() {
    TestHttp http = new TestHttp(port);
    HttpResponse<String> anonymous = http.get("/staff/imports", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(http.get("/staff/imports/imports.js", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/staff/imports", "zhangwei").statusCode()).isEqualTo(403);
    HttpResponse<String> admin = http.get("/staff/imports", "admin");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("批量导入", "检查对象", "执法检查人员", "回避关系", "抽查事项清单");
    assertThat(http.get("/staff/imports/imports.js", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void theTasklistSignInOpensTheInspectionPagesWithoutBasicAuth() {
    TestHttp http = new TestHttp(port);
    // without Basic and without a session: 401 with the Basic challenge, as before
    assertThat(http.get("/staff/inspections/NO-SUCH-1", null).statusCode()).isEqualTo(401);
    WebappSession zhangwei = WebappSession.signIn(port, "zhangwei");
    // the Tasklist session is a sign-in: an unknown inspection is 404 (not 401 and no prompt)
    HttpResponse<String> page = zhangwei.page("GET", "/staff/inspections/NO-SUCH-1", null, false);
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(zhangwei.page("GET", "/staff/inspection/evidence.js", null, false).statusCode()).isEqualTo(200);
    assertThat(zhangwei.page("GET", "/api/v1/inspections/NO-SUCH-1", null, false).statusCode()).isEqualTo(404);
    // and the listing case page, its script and its API (the page checks the deciding department)
    assertThat(zhangwei.page("GET", "/staff/listings/987654321", null, false).statusCode()).isEqualTo(404);
    assertThat(zhangwei.page("GET", "/staff/listing/case.js", null, false).statusCode()).isEqualTo(200);
    assertThat(zhangwei.page("GET", "/api/v1/listings/987654321/case", null, false).statusCode()).isEqualTo(404);
    assertThat(http.get("/staff/listings/987654321", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/listings/987654321/case", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/listings/987654321/documents/1", null).statusCode()).isEqualTo(401);
    // and the risk-warning pages (issue 15), with their style sheet
    assertThat(zhangwei.page("GET", "/staff/warnings", null, false).statusCode()).isEqualTo(200);
    assertThat(zhangwei.page("GET", "/staff/warnings/987654321", null, false).statusCode()).isEqualTo(404);
    assertThat(zhangwei.page("GET", "/staff/warnings/warnings.css", null, false).statusCode()).isEqualTo(200);
    assertThat(http.get("/staff/warnings", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/staff/warnings/1", null).statusCode()).isEqualTo(401);
    // the session reaches the inspection and listing pages only, not the rest of the staff API nor administration
    assertThat(zhangwei.page("GET", "/api/v1/plans", null, false).statusCode()).isEqualTo(401);
    assertThat(zhangwei.page("GET", "/staff/imports", null, false).statusCode()).isEqualTo(401);
    assertThat(zhangwei.page("GET", "/api/v1/monitoring/sources", null, false).statusCode()).isEqualTo(401);
    // 监测数据导入 on the warnings page: the upload API with the session (a post with its token), not the platforms' REST
    assertThat(zhangwei.page("GET", "/staff/warnings/upload.js", null, false).statusCode()).isEqualTo(200);
    assertThat(zhangwei.page("GET", "/api/v1/monitoring/uploads/template", null, false).statusCode()).isEqualTo(200);
    assertThat(zhangwei.page("GET", "/api/v1/monitoring/uploads/987654321", null, false).statusCode()).isEqualTo(404);
    HttpResponse<String> untokened = zhangwei.page("POST", "/api/v1/monitoring/uploads", "{}", false);
    assertThat(untokened.statusCode()).isEqualTo(403);
    assertThat(untokened.body()).contains("X-XSRF-TOKEN");
    // with the token it reaches the upload (here: 400, no file)
    assertThat(zhangwei.page("POST", "/api/v1/monitoring/uploads", "{}", true).statusCode()).isEqualTo(400);
    assertThat(zhangwei.page("POST", "/api/v1/monitoring/records", "[]", true).statusCode()).isEqualTo(401);
  }

  /** Issue 15: readings over REST are for platform accounts and administrators; files for people; pages for staff. */
  @Test
  void monitoringIntakeAndWarningPagesKeepToTheirRoles() {
    TestHttp http = new TestHttp(port);
    String one = "[{\"source\":\"drug-production\",\"uscc\":\"91330100799655058B\",\"indicator\":\"particles\","
        + "\"value\":1,\"measuredAt\":\"2020-01-01 08:00\"}]";
    assertThat(http.post("/api/v1/monitoring/records", null, one).statusCode()).isEqualTo(401);
    for (String person : new String[] {"zhangwei", "chenjing", "wangfang"}) {
      assertThat(http.post("/api/v1/monitoring/records", person, one).statusCode()).as(person).isEqualTo(403);
    }
    // the platform's account: no staff page, no Tasklist
    assertThat(http.get("/staff/warnings", "drug-platform").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/inspections/NO-SUCH-1", "drug-platform").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/oversight", "drug-platform").statusCode()).isEqualTo(403);
    // a cross-origin post is refused ahead of everything, even with the platform's credentials
    java.net.http.HttpRequest forged = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://localhost:" + port + "/api/v1/monitoring/records"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("drug-platform:demo".getBytes()))
        .header("Content-Type", "application/json").header("Origin", "http://evil.example")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(one)).build();
    try {
      assertThat(java.net.http.HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(403);
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A page opened from Tasklist sends its HTML, styles, script and API requests, and Tasklist its own, with
   * the session cookie it has: none of them may renew the session's id, or the others find no session (401,
   * a Basic prompt that hangs the page, Tasklist signed out).
   */
  @Test
  void openingAStaffPageLeavesTheTasklistSessionAsItIs() throws Exception {
    WebappSession lina = WebappSession.signIn(port, "lina");
    String cookie = lina.sessionCookie();
    String[] paths = {"/staff/listings", "/staff/listing/list.js", "/staff/inspection/inspection.css",
        "/api/v1/listings?size=5", "/staff/inspections/NO-SUCH-1"};
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> parallel = new java.util.ArrayList<>();
    for (String path : paths) {
      parallel.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> lina.page("GET", path, null, false)));
    }
    for (int i = 0; i < paths.length; i++) {
      HttpResponse<String> response = parallel.get(i).get();
      assertThat(response.statusCode()).as(paths[i]).isIn(200, 404);
      assertThat(response.headers().firstValue("Set-Cookie")).as(paths[i] + " renews no session").isEmpty();
    }
    assertThat(lina.sessionCookie()).isEqualTo(cookie);
    // Tasklist carries on signed in
    assertThat(lina.engine("GET", "/task/count", null).statusCode()).isEqualTo(200);
    assertThat(lina.page("GET", "/staff/listing/case.js", null, false).statusCode()).isEqualTo(200);
  }

  @Test
  void aStateChangeBySessionNeedsTheWebappCsrfToken() {
    WebappSession zhangwei = WebappSession.signIn(port, "zhangwei");
    String body = "{\"date\":\"2026-10-09\",\"text\":\"已整改\"}";
    String path = "/api/v1/inspections/NO-SUCH-1/rectifications/market/report";
    HttpResponse<String> forged = zhangwei.page("POST", path, body, false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("\"field\":\"X-XSRF-TOKEN\"");
    // with the token the request reaches the application (an unknown inspection)
    assertThat(zhangwei.page("POST", path, body, true).statusCode()).isEqualTo(404);
    // the same for registering an objection on the listing case page
    String objection = "/api/v1/listings/987654321/objections";
    String filed = "{\"filedOn\":\"2026-10-09\",\"content\":\"有异议\"}";
    HttpResponse<String> forgedObjection = zhangwei.page("POST", objection, filed, false);
    assertThat(forgedObjection.statusCode()).isEqualTo(403);
    assertThat(forgedObjection.body()).contains("\"field\":\"X-XSRF-TOKEN\"");
    assertThat(zhangwei.page("POST", objection, filed, true).statusCode()).isEqualTo(404);
  }
}
