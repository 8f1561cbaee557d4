package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.directory.InspectorDirectory.InspectorRecord;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@OnedoorSpringTest
class InspectorDirectoryTest {

  static final String ID_NUMBER = idNumber("33010619850312401");

  @LocalServerPort int port;
  @Autowired InspectorDirectory inspectors;
  @Autowired ConflictRegister conflicts;
  @Autowired IdentityService identity;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  static String idNumber(String first17) {
    return first17 + IdNumber.checkCharacter(first17);
  }

  static InspectorRecord record(String staff, String department) {
    return new InspectorRecord(staff, "钱多多", department, "西湖区市场监管所", "西湖区", "ZF330100123",
        LocalDate.of(2028, 6, 30), List.of("食品安全", "特种设备"), false, true, ID_NUMBER, "13912345678");
  }

  @Test
  void savingAnInspectorMakesThemACamundaUserOfTheirDepartment() {
    inspectors.save(record("market9001", "market"), TestClock.now());

    assertThat(identity.createUserQuery().userId("market9001").singleResult().getFirstName()).isEqualTo("钱多多");
    for (String group : List.of("market", "role-inspector", "market-inspector")) {
      assertThat(identity.createUserQuery().userId("market9001").memberOfGroup(group).count()).as(group).isEqualTo(1);
    }
    // the demo profile (on in tests) gives directory inspectors the demo password; in production the
    // user keeps a random password nobody knows until an administrator sets one (InspectorAccounts)
    assertThat(identity.checkPassword("market9001", "demo")).as("demo profile: password demo").isTrue();
  }

  @Test
  void savingTheSameDataTwiceChangesNothing() {
    inspectors.save(record("market9002", "market"), Instant.parse("2026-01-01T00:00:00Z"));
    inspectors.save(record("market9002", "market"), Instant.parse("2026-06-01T00:00:00Z"));
    Instant updated = jdbc.sql("SELECT updated_at FROM directory_inspector WHERE staff_number = 'market9002'")
        .query(java.sql.Timestamp.class).single().toInstant();
    assertThat(updated).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

    InspectorRecord moved = new InspectorRecord("market9002", "钱多多", "market", "上城区市场监管所", "上城区",
        "ZF330100123", LocalDate.of(2028, 6, 30), List.of("食品安全"), false, true, ID_NUMBER, "13912345678");
    assertThat(inspectors.save(moved, Instant.parse("2026-07-01T00:00:00Z")).unit()).isEqualTo("上城区市场监管所");
  }

  @Test
  void badFieldsAreAllNamed() {
    InspectorRecord bad = new InspectorRecord("no spaces", "", "tax", "", null, null, null, List.of(), null, null,
        "330106198503124019".substring(0, 17) + "0", "12345");
    assertThatThrownBy(() -> inspectors.save(bad, TestClock.now()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors())
            .extracting(BadRequestException.FieldError::field)
            .contains("staffNumber", "name", "department", "unit", "phone"));
    assertThat(IdNumber.problem(ID_NUMBER)).isEmpty();
    char wrong = ID_NUMBER.charAt(17) == '1' ? '2' : '1';
    assertThat(IdNumber.problem(ID_NUMBER.substring(0, 17) + wrong)).isPresent();
  }

  @Test
  void personalDataIsShownOnlyToTheOwnDepartmentAndAdmins() throws Exception {
    inspectors.save(record("market9003", "market"), TestClock.now());

    JsonNode toCulture = json.readTree(http.get("/api/v1/inspectors/market9003", "sunli").body());
    assertThat(toCulture.get("name").asText()).isEqualTo("钱多多");
    assertThat(toCulture.get("idNumber").isNull()).isTrue();
    assertThat(toCulture.get("phone").isNull()).isTrue();
    String listForCulture = http.get("/api/v1/inspectors?department=market&size=200", "sunli").body();
    assertThat(listForCulture).doesNotContain(ID_NUMBER).doesNotContain("13912345678");

    assertThat(json.readTree(http.get("/api/v1/inspectors/market9003", "zhangwei").body()).get("idNumber").asText())
        .isEqualTo(ID_NUMBER);
    assertThat(http.get("/api/v1/inspectors/market9003", "admin").body()).contains("13912345678");
    assertThat(http.get("/api/v1/inspectors/market9003", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/inspectors?size=0", "zhangwei").statusCode()).isEqualTo(400);
    assertThat(http.get("/api/v1/inspectors/nobody", "zhangwei").statusCode()).isEqualTo(404);
  }

  @Test
  void conflictsAreRecordedOncePerPairAndShownToTheDepartmentOnly() throws Exception {
    inspectors.save(record("market9004", "market"), TestClock.now());
    String body = "{\"staffNumber\":\"market9004\",\"uscc\":\"91330100799655058B\",\"reason\":\"近亲属任职\",\"source\":\"本人申报\"}";
    assertThat(http.post("/api/management/v1/conflicts", "zhangwei", body).statusCode()).isEqualTo(403);
    HttpResponse<String> created = http.post("/api/management/v1/conflicts", "admin", body);
    assertThat(created.statusCode()).isEqualTo(201);
    HttpResponse<String> again = http.post("/api/management/v1/conflicts", "admin", body.replace("近亲属任职", "曾在该单位任职"));
    assertThat(json.readTree(again.body()).get("id").asLong()).isEqualTo(json.readTree(created.body()).get("id").asLong());
    assertThat(conflicts.ofInspector("market9004")).singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("曾在该单位任职"));

    assertThat(http.get("/api/v1/inspectors/market9004/conflicts", "lina").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/inspectors/market9004/conflicts", "sunli").statusCode()).isEqualTo(403);

    HttpResponse<String> bad = http.post("/api/management/v1/conflicts", "admin",
        "{\"staffNumber\":\"nobody\",\"uscc\":\"91330100799655058C\",\"reason\":\"\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("staffNumber").contains("uscc").contains("reason");

    long id = json.readTree(created.body()).get("id").asLong();
    assertThat(http.send("DELETE", "/api/management/v1/conflicts/" + id, "admin", null).statusCode()).isEqualTo(204);
    assertThat(http.send("DELETE", "/api/management/v1/conflicts/" + id, "admin", null).statusCode()).isEqualTo(404);
  }
}
