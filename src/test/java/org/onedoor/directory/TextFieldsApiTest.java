package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13: names and texts with control characters or bidirectional overrides are refused on our
 * API with 400 naming the field (imports: per row, in EntityImportTest); nothing is stored.
 */
@OnedoorSpringTest
class TextFieldsApiTest {

  @LocalServerPort int port;
  @Autowired InspectorDirectory inspectors;
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  @Test
  void anInspectorWhoseNameCarriesARightToLeftOverrideOrNulIsRefusedNamingTheField() {
    String body = "{\"name\":\"钱\\u202E多多\",\"department\":\"market\",\"unit\":\"西湖区\\u0000市场监管所\","
        + "\"qualifications\":[],\"active\":true}";
    HttpResponse<String> response = http.send("PUT", "/api/management/v1/inspectors/bidi9001", "admin", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"name\"", "\"field\":\"unit\"", "文字方向控制符", "U+0000");
    assertThat(inspectors.find("bidi9001")).isEmpty();
  }

  @Test
  void aConflictReasonWithAControlCharacterIsRefusedWhileLineBreaksAreFine() {
    String body = "{\"staffNumber\":\"zhangwei\",\"uscc\":\"" + TestEntities.fresh(3)
        + "\",\"reason\":\"亲属\\u001B关系\"}";
    HttpResponse<String> response = http.post("/api/management/v1/conflicts", "admin", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"reason\"", "U+001B");
  }

  @Test
  void aPlanNameWithABidirectionalIsolateIsRefusedNamingTheField() {
    HttpResponse<String> response = http.post("/api/v1/plans", "chenjing",
        "{\"year\":2026,\"number\":\"BIDI-1\",\"name\":\"联合\\u2067抽查\",\"mode\":\"untargeted\","
            + "\"leadDepartment\":\"market\",\"departments\":[],\"batches\":[]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"field\":\"name\"", "U+2067");
  }
}
