package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.onedoor.TestHttp;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Uploading import files and waiting for their reports. */
abstract class ImportTestSupport {

  static final String IMPORTS = "/api/management/v1/imports";
  private static final AtomicInteger NEXT = new AtomicInteger(1);

  @LocalServerPort int port;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  static String staff() {
    return "imp" + String.format("%04d", NEXT.getAndIncrement());
  }

  static String idNumber(int n) {
    String first17 = "33010219800101" + String.format("%03d", n % 1000);
    return first17 + IdNumber.checkCharacter(first17);
  }

  long upload(String kind, String fileName, byte[] content) {
    HttpResponse<String> response = http.multipart(IMPORTS + "/" + kind, "admin", fileName, content, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    try {
      return json.readTree(response.body()).get("id").asLong();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode imported(String kind, String csv) throws Exception {
    return imported(kind, "file.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  JsonNode imported(String kind, String fileName, byte[] content) throws Exception {
    long id = upload(kind, fileName, content);
    for (int i = 0; i < 600; i++) {
      JsonNode report = json.readTree(http.get(IMPORTS + "/" + id, "admin").body());
      String status = report.get("status").asText();
      if (status.equals("DONE") || status.equals("FAILED")) {
        return report;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("import " + id + " did not finish");
  }

  static List<org.assertj.core.groups.Tuple> rejections(JsonNode report) {
    List<org.assertj.core.groups.Tuple> out = new java.util.ArrayList<>();
    report.get("rejections").forEach(r -> out.add(tuple(r.get("row").asInt(),
        r.get("column").isNull() ? null : r.get("column").asText(), r.get("reason").asText())));
    return out;
  }

}
