package org.onedoor.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registering what a business filed against a listing, with its documents, through the staff page's API
 * (multipart, as /staff/listings/{id} sends it): the filing and its files are saved together or not at
 * all; a bad file, a missing text or a bad date is a 400 naming it; other departments get 403 and
 * anonymous callers 401. The decision forms list the documents' names.
 */
@OnedoorSpringTest
@org.springframework.test.context.event.RecordApplicationEvents
class ListingFilingControllerTest {

  static final byte[] PNG = "\u0089PNG\r\n\u001a\n onedoor test image".getBytes(StandardCharsets.ISO_8859_1);
  static final byte[] PDF = bytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;
  @Autowired AutowireCapableBeanFactory beans;
  @Autowired JdbcClient jdbc;
  @Autowired ListingDocuments documents;
  AbnormalListingProcessTest listing;
  TestHttp http;

  @BeforeEach
  void setUp() {
    listing = new AbnormalListingProcessTest();
    beans.autowireBean(listing);
    listing.setUp();
    http = new TestHttp(port);
  }

  @AfterEach
  void tearDown() {
    listing.tearDown();
  }

  record Listed(ProcessInstance instance, long id, String name) {}

  /** A ground-4 case listed on 2026-09-15; the clock then stands on 2026-09-29. */
  Listed listed(String prefix) {
    AbnormalListingProcessTest.clock(2026, 9, 15, 10, 0);
    String name = prefix + System.nanoTime() % 100000;
    String uscc = listing.entity("enterprise", name);
    ProcessInstance instance = listing.listThroughTheProcess(uscc, "4");
    AbnormalListingProcessTest.clock(2026, 9, 29, 10, 0);
    return new Listed(instance, listing.listingId(instance), name);
  }

  @Test
  void anObjectionWithTwoDocumentsIsStoredWithThemAndTheAcceptFormListsTheirNames() throws Exception {
    Listed c = listed("异议材料测试有限公司");
    HttpResponse<String> created = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-09-29", "content", "企业一直在登记住所经营", "evidence", "租赁合同、门牌变更通知"),
        List.of(new Part("租赁合同.pdf", PDF), new Part("门牌照片.png", PNG)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long objectionId = JSON.readTree(created.body()).get("id").asLong();

    List<ListingDocuments.Document> stored = documents.ofObjection(objectionId);
    assertThat(stored).extracting(ListingDocuments.Document::fileName).containsExactly("租赁合同.pdf", "门牌照片.png");
    assertThat(stored).extracting(ListingDocuments.Document::mediaType).containsExactly("application/pdf", "image/png");
    assertThat(stored.get(0).sha256()).isEqualTo(org.onedoor.evidence.EvidenceStore.sha256(PDF));
    assertThat(stored.get(0).sizeBytes()).isEqualTo(PDF.length);

    // the process moved on, and 受理审查异议 shows the documents' names with the evidence
    Task accept = listing.task(c.instance());
    assertThat(accept.getTaskDefinitionKey()).isEqualTo("AcceptObjection");
    String evidence = (String) listing.tasks.getVariableLocal(accept.getId(), ListingTaskFacts.OBJECTION_EVIDENCE);
    assertThat(evidence).contains("租赁合同、门牌变更通知", "证据材料 2 个", "租赁合同.pdf（PDF 文档", "门牌照片.png（PNG 图片");

    // the case page's data: names, Chinese dates, the documents with their download
    HttpResponse<String> page = http.get("/api/v1/listings/" + c.id() + "/case", "lina");
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode view = JSON.readTree(page.body());
    assertThat(view.get("departmentName").asText()).isEqualTo("市场监管局");
    assertThat(view.get("listedOn").asText()).isEqualTo("2026年9月15日");
    assertThat(view.get("objectionWindowEnds").asText()).isEqualTo("2026年10月15日");
    JsonNode objection = view.get("objections").get(0);
    assertThat(objection.get("enteredBy").asText()).isEqualTo("李娜");
    assertThat(objection.get("statusLabel").asText()).isEqualTo("已登记，待受理审查");
    assertThat(objection.get("documents")).hasSize(2);
    String download = objection.get("documents").get(0).get("download").asText();
    HttpResponse<byte[]> file = http.getBytes(download, "chenjing");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(PDF);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
    // another department may not read it
    assertThat(http.getBytes(download, "sunli").statusCode()).isEqualTo(403);
    assertThat(http.getBytes(download, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aFileThatIsNotAPdfOrPictureIsRefusedByNameAndNothingIsSaved() throws Exception {
    Listed c = listed("坏文件测试有限公司");
    HttpResponse<String> refused = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-09-29", "content", "企业一直在登记住所经营"),
        List.of(new Part("合同.pdf", PDF), new Part("说明.pdf", bytes("这其实是一段文字，不是 PDF"))));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"documents\"", "说明.pdf", "不是可接受的类型");
    assertThat(refused.body()).doesNotContain("合同.pdf");
    assertNothingFiled(c);

    HttpResponse<String> empty = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-09-29", "content", "企业一直在登记住所经营"), List.of(new Part("空.png", new byte[0])));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("空.png", "空文件");
    assertNothingFiled(c);
  }

  @Test
  void aMissingContentOrABadDateIsABadRequestNamingTheFieldAndNothingIsSaved() throws Exception {
    Listed c = listed("缺内容测试有限公司");
    HttpResponse<String> noContent = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-09-29"), List.of(new Part("合同.pdf", PDF)));
    assertThat(noContent.statusCode()).isEqualTo(400);
    assertThat(noContent.body()).contains("\"field\":\"content\"");
    assertNothingFiled(c);

    HttpResponse<String> badDate = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-13-01", "content", "有异议"), List.of());
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).contains("\"field\":\"filedOn\"", "YYYY-MM-DD");

    HttpResponse<String> outOfWindow = multipart("/api/v1/listings/" + c.id() + "/objections", "lina",
        Map.of("filedOn", "2026-09-01", "content", "有异议"), List.of());
    assertThat(outOfWindow.statusCode()).isEqualTo(400);
    assertThat(outOfWindow.body()).contains("\"field\":\"filedOn\"", "不在期限内");

    HttpResponse<String> noRemedy = multipart("/api/v1/listings/" + c.id() + "/removal-applications", "lina",
        Map.of("appliedOn", "2026-09-29", "reasonCode", "4"), List.of(new Part("变更登记.pdf", PDF)));
    assertThat(noRemedy.statusCode()).isEqualTo(400);
    assertThat(noRemedy.body()).contains("\"field\":\"remedy\"");
    HttpResponse<String> wrongReason = multipart("/api/v1/listings/" + c.id() + "/removal-applications", "lina",
        Map.of("appliedOn", "2026-09-29", "reasonCode", "1", "remedy", "已补报"), List.of());
    assertThat(wrongReason.statusCode()).isEqualTo(400);
    assertThat(wrongReason.body()).contains("\"field\":\"reasonCode\"", "移出原因应对应列入事由");
    assertNothingFiled(c);
    assertThat(listing.runtime.getActiveActivityIds(c.instance().getId())).contains("ObjectionFiled", "RemovalApplied");
    assertThat(listing.task(c.instance())).isNull();
  }

  @Test
  void aRemovalApplicationWithItsProofMovesTheCaseToTheRemedyCheck() throws Exception {
    Listed c = listed("移出材料测试有限公司");
    HttpResponse<String> created = multipart("/api/v1/listings/" + c.id() + "/removal-applications", "zhangwei",
        Map.of("appliedOn", "2026-09-29", "reasonCode", "4", "remedy", "已办理住所变更登记"),
        List.of(new Part("变更登记通知书.pdf", PDF)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long removalId = JSON.readTree(created.body()).get("id").asLong();
    assertThat(documents.ofRemoval(removalId)).extracting(ListingDocuments.Document::fileName)
        .containsExactly("变更登记通知书.pdf");
    Task verify = listing.task(c.instance());
    assertThat(verify.getTaskDefinitionKey()).isEqualTo("VerifyRemedy");
    assertThat((String) listing.tasks.getVariableLocal(verify.getId(), ListingTaskFacts.REMOVAL_REMEDY))
        .contains("已办理住所变更登记", "变更登记通知书.pdf");
    JsonNode view = JSON.readTree(http.get("/api/v1/listings/" + c.id() + "/case", "zhangwei").body());
    JsonNode removal = view.get("removals").get(0);
    assertThat(removal.get("reasonLabel").asText()).startsWith("已依法办理住所或者经营场所变更登记");
    assertThat(removal.get("documents").get(0).get("fileName").asText()).isEqualTo("变更登记通知书.pdf");
    assertThat(view.get("removalReasons")).hasSize(4);
    assertThat(view.get("awaitingRemoval").asBoolean()).isFalse();
    assertThat(view.get("awaitingObjection").asBoolean()).isTrue();
  }

  @Test
  void otherDepartmentsGet403AndAnonymousCallers401() throws Exception {
    Listed c = listed("权限测试有限公司");
    String objections = "/api/v1/listings/" + c.id() + "/objections";
    Map<String, String> fields = Map.of("filedOn", "2026-09-29", "content", "有异议");
    assertThat(multipart(objections, "sunli", fields, List.of(new Part("a.pdf", PDF))).statusCode()).isEqualTo(403);
    assertThat(multipart("/api/v1/listings/" + c.id() + "/removal-applications", "wuhao",
        Map.of("appliedOn", "2026-09-29", "remedy", "已整改"), List.of()).statusCode()).isEqualTo(403);
    assertThat(multipart(objections, null, fields, List.of()).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/v1/listings/" + c.id() + "/case", "sunli").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/listings/" + c.id() + "/case", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/staff/listings/" + c.id(), "sunli").statusCode()).isEqualTo(403);
    assertThat(http.get("/staff/listings/" + c.id(), null).statusCode()).isEqualTo(401);
    assertThat(http.get("/staff/listings/987654321", "lina").statusCode()).isEqualTo(404);
    HttpResponse<String> page = http.get("/staff/listings/" + c.id(), "lina");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("登记异议", "登记移出申请", "objection-documents");
    assertThat(http.get("/staff/listings/" + c.id(), "admin").statusCode()).isEqualTo(200);
    assertNothingFiled(c);
  }

  private void assertNothingFiled(Listed c) {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM listing_objection WHERE listing_id = :l").param("l", c.id())
        .query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM listing_removal WHERE listing_id = :l").param("l", c.id())
        .query(Integer.class).single()).isZero();
    assertThat(documents.ofListing(c.id())).isEmpty();
  }

  record Part(String fileName, byte[] content) {}

  /** A multipart POST as the page's FormData: plain fields and files named {@code documents}. */
  HttpResponse<String> multipart(String path, String user, Map<String, String> fields, List<Part> files)
      throws Exception {
    String boundary = "----onedoor-listing-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> f : new LinkedHashMap<>(fields).entrySet()) {
      body.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
          + "\"\r\n\r\n" + f.getValue() + "\r\n"));
    }
    for (Part p : files) {
      body.writeBytes(bytes("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documents\"; filename=\""
          + p.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
      body.writeBytes(p.content());
      body.writeBytes(bytes("\r\n"));
    }
    body.writeBytes(bytes("--" + boundary + "--\r\n"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(bytes(user + ":demo")));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
