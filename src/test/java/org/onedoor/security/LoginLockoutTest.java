package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, item 4: failed logins are slowed down, per account and per client address, on HTTP Basic
 * and on the webapps' login, with waits that expire; nobody is locked out for good, an administrator
 * unlocks an account in Admin, and the production start brings the administrator back.
 */
@OnedoorSpringTest
class LoginLockoutTest {

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;
  @Autowired IdentityService identity;
  @Autowired ProcessEngineConfiguration configuration;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
    throttle.clear();
    ClockUtil.setCurrentTime(Date.from(TestClock.now()));
  }

  @AfterEach
  void tearDown() {
    throttle.clear();
    TestClock.reset();
  }

  void later(Duration d) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + d.toMillis()));
  }

  HttpResponse<String> basic(String userAndPassword) {
    return http.get("/engine-rest/user?id=admin", userAndPassword);
  }

  /** The welcome app's login as the browser sends it: session and CSRF token from a GET first. */
  HttpResponse<String> webappLogin(String user, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> page = browser.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default")).build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/welcome"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password))
        .build();
    return browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  @Test
  void twelveSpacedWrongPasswordsForAdminNeverLockIt() {
    int refused = 0;
    for (int i = 0; i < 12; ) {
      HttpResponse<String> attempt = basic("admin:guess" + i);
      if (attempt.statusCode() == 429) {
        later(Duration.ofSeconds(retryAfter(attempt)));
        continue;
      }
      assertThat(attempt.statusCode()).isEqualTo(401);
      refused++;
      i++;
    }
    assertThat(refused).isEqualTo(12);
    // Camunda's own lock (10 attempts → locked for good) is off: only our wait stands, and it passes
    HttpResponse<String> waiting = basic("admin:demo");
    assertThat(waiting.statusCode()).isEqualTo(429);
    later(Duration.ofSeconds(retryAfter(waiting)));
    assertThat(basic("admin:demo").statusCode()).isEqualTo(200);
    assertThat(identity.checkPassword("admin", "demo")).isTrue();
  }

  @Test
  void whileAnAccountWaitsEvenTheRightPasswordIsAnswered429WithRetryAfterInChinese() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/api/v1/calendar/deadline?from=2026-09-28&workingDays=1", "wuhao:wrong").statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> throttled = http.get("/api/v1/calendar/deadline?from=2026-09-28&workingDays=1", "wuhao");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
    assertThat(throttled.body()).contains("登录失败次数过多");
    later(Duration.ofSeconds(1));
    assertThat(http.get("/api/v1/calendar/deadline?from=2026-09-28&workingDays=1", "wuhao").statusCode())
        .isEqualTo(200);
  }

  @Test
  void theWebappLoginWaitsLikeBasicAndLetsTheUserInOnceTheWaitIsOver() throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = webappLogin("chenjing", "wrong");
      assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    }
    HttpResponse<String> throttled = webappLogin("chenjing", "demo");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(retryAfter(throttled)).isEqualTo(1);
    // the account waits on Basic too
    assertThat(http.get("/engine-rest/user?id=chenjing", "chenjing").statusCode()).isEqualTo(429);
    later(Duration.ofSeconds(1));
    HttpResponse<String> login = webappLogin("chenjing", "demo");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"chenjing\"");
  }

  @Test
  void oneAddressGuessingManyAccountsWaitsForAnyAccount() {
    for (int i = 0; i < 20; i++) {
      assertThat(basic("nobody" + i + ":x").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> throttled = http.get("/engine-rest/user?id=zhangwei", "zhangwei");
    assertThat(throttled.statusCode()).isEqualTo(429);
    later(Duration.ofSeconds(retryAfter(throttled)));
    assertThat(http.get("/engine-rest/user?id=zhangwei", "zhangwei").statusCode()).isEqualTo(200);
  }

  @Test
  void anAdministratorsUnlockInAdminLetsAWaitingUserInAtOnce() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/engine-rest/user?id=lina", "lina:wrong").statusCode()).isEqualTo(401);
    }
    assertThat(http.get("/engine-rest/user?id=lina", "lina").statusCode()).isEqualTo(429);
    // Admin's 解锁用户 button posts to the engine API's user/{id}/unlock
    assertThat(http.post("/engine-rest/user/lina/unlock", "admin", null).statusCode()).isEqualTo(204);
    assertThat(http.get("/engine-rest/user?id=lina", "lina").statusCode()).isEqualTo(200);
    // and nobody else may unlock
    assertThat(http.post("/engine-rest/user/lina/unlock", "zhangwei", null).statusCode()).isEqualTo(403);
  }

  @Test
  void anAccountLockedByAnOlderConfigurationIsUnlockedInAdminOrByTheProductionStart() {
    ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) configuration;
    int maxAttempts = engine.getLoginMaxAttempts();
    try {
      // Camunda's lock as it was before onedoor switched it off: one failure locks for good
      engine.setLoginMaxAttempts(1);
      assertThat(identity.checkPassword("sunli", "wrong")).isFalse();
      assertThat(identity.checkPassword("sunli", "demo")).isFalse();
      assertThat(http.post("/engine-rest/user/sunli/unlock", "admin", null).statusCode()).isEqualTo(204);
      assertThat(identity.checkPassword("sunli", "demo")).isTrue();

      // an administrator locked out and with a forgotten password: the production start
      // (onedoor.security.admin-recovery) unlocks the account and sets the configured password
      User zhoujie = identity.createUserQuery().userId("zhoujie").singleResult();
      zhoujie.setPassword("forgotten-Passw0rd!");
      identity.saveUser(zhoujie);
      assertThat(identity.checkPassword("zhoujie", "demo")).isFalse();
      assertThat(identity.checkPassword("zhoujie", "demo")).isFalse();
      assertThat(AdministratorRecovery.recover(identity, "zhoujie", "demo")).isTrue();
      assertThat(identity.checkPassword("zhoujie", "demo")).isTrue();
      assertThat(AdministratorRecovery.recover(identity, "zhoujie", "demo")).isFalse();
    } finally {
      engine.setLoginMaxAttempts(maxAttempts);
      identity.unlockUser("sunli");
      User zhoujie = identity.createUserQuery().userId("zhoujie").singleResult();
      zhoujie.setPassword(IdentitySeeder.DEMO_PASSWORD);
      identity.saveUser(zhoujie);
      identity.unlockUser("zhoujie");
    }
  }
}
