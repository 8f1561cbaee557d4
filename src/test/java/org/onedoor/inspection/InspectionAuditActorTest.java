package org.onedoor.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.rectification.Rectifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13: the audit names the real actor and their real department. A rectification of the market
 * department opened by wuhao (culture chief) reads "wuhao（文化和旅游局）", not "市场监管局 wuhao".
 */
@OnedoorSpringTest
class InspectionAuditActorTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired InspectionAudit audit;
  @Autowired Rectifications rectifications;
  @Autowired IdentityService identity;

  @Test
  void aRectificationOpenedByTheCultureChiefForMarketRecordsHimWithHisOwnDepartment() {
    String number = InspectionFixtures.open(jdbc, "AU");
    // as during a request of wuhao's: his authentication is set, and he may not read group memberships
    identity.setAuthentication("wuhao", List.of("culture", "culture-chief", "role-chief"));
    try {
      rectifications.register("pi-audit-" + System.nanoTime(), number, "market",
          TestClock.today().plusDays(20).toString(), "zhangwei,lina", "wuhao", TestClock.now());
      assertThat(identity.getCurrentAuthentication().getUserId()).as("the caller's authentication is kept").isEqualTo("wuhao");
    } finally {
      identity.clearAuthentication();
    }
    audit.record(number, "market", "record-approved", "chenjing", TestClock.now(), "科长审核通过检查记录", null);
    audit.record(number, "market", "note", "admin", TestClock.now(), "管理员备注", null);

    List<InspectionAudit.Event> events = audit.events(number);
    assertThat(events).extracting(InspectionAudit.Event::actor, InspectionAudit.Event::department,
            InspectionAudit.Event::actorDepartment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wuhao", "market", "culture"),
            org.assertj.core.groups.Tuple.tuple("chenjing", "market", "market"),
            org.assertj.core.groups.Tuple.tuple("admin", "market", null));

    TestHttp http = new TestHttp(port);
    HttpResponse<String> page = http.get("/staff/inspections/" + number, "zhangwei");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("wuhao（文化和旅游局）", "chenjing（市场监管局）");
    assertThat(http.get("/api/v1/inspections/" + number, "zhangwei").body())
        .contains("\"actor\":\"wuhao\"", "\"actorDepartment\":\"culture\"");
  }
}
