package org.onedoor.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.onedoor.inspection.InspectionAudit;
import org.onedoor.inspection.InspectionFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evidence through the staff API: types sniffed from the content (never the name or the client's MIME
 * type), the size limit, SHA-256, de-duplication, download, and who may upload and read.
 */
@OnedoorSpringTest
class EvidenceControllerTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired InspectionAudit audit;
  @Autowired EvidenceProperties properties;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.TaskService tasks;

  static byte[] png(int seed) throws IOException {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg", out);
    return out.toByteArray();
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  @Test
  void aPhotoIsStoredWithItsSniffedTypeAndSha256AndDownloadsUnchanged() throws Exception {
    String number = InspectionFixtures.open(jdbc, "EV");
    TestHttp http = new TestHttp(port);
    byte[] photo = png(0x123456);
    // named .jpg and sent as text/csv: the content decides
    HttpResponse<String> created = http.multipart("/api/v1/inspections/" + number + "/evidence", "zhangwei",
        "现场照片.jpg", photo, Map.of("description", "营业执照未公示"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"mediaType\":\"image/png\"", "\"sha256\":\"" + sha256(photo) + "\"",
        "\"sizeBytes\":" + photo.length, "\"department\":\"market\"", "\"fileName\":\"现场照片.jpg\"");
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/api/v1/inspections/" + number + "/evidence/");

    // the same bytes again (a phone retrying): the first copy, not a second one
    HttpResponse<String> again = http.multipart("/api/v1/inspections/" + number + "/evidence", "lina",
        "IMG_0001.png", photo, Map.of());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains(location.substring(location.lastIndexOf('/') + 1));

    HttpResponse<byte[]> download = http.getBytes(location, "sunli");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(photo);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(sha256(photo));

    byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .getBytes(StandardCharsets.US_ASCII);
    assertThat(http.multipart("/api/v1/inspections/" + number + "/evidence", "admin", "询问笔录.pdf", pdf, Map.of())
        .statusCode()).isEqualTo(201);
    assertThat(http.multipart("/api/v1/inspections/" + number + "/evidence", "linhai", "photo", jpeg(), Map.of())
        .body()).contains("\"mediaType\":\"image/jpeg\"", "\"department\":\"fire\"", "\"fileName\":\"photo\"");

    HttpResponse<String> list = http.get("/api/v1/inspections/" + number + "/evidence", "zhoujie");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(sha256(photo), sha256(pdf), "\"maxFileBytes\":" + properties.maxFileSize().toBytes(),
        "\"types\":[\"jpeg\",\"png\",\"pdf\",\"heic\",\"webp\"]");
    assertThat(list.body().split("\"sha256\"", -1)).hasSize(4);
    assertThat(audit.events(number)).extracting(InspectionAudit.Event::kind)
        .containsExactly("evidence-uploaded", "evidence-uploaded", "evidence-uploaded");
  }

  @Test
  void anUploadSurvivesATaskSubmissionThatIsRefused() throws Exception {
    String number = InspectionFixtures.open(jdbc, "EV");
    var instance = runtime.startProcessInstanceByKey("rectification", Map.of("inspectionNumber", number,
        "department", "market", "rectificationDeadline", TestClock.today()
            .plusDays(20).toString(), "recheckCandidates", "zhangwei,lina"));
    TestHttp http = new TestHttp(port);
    byte[] photo = png(0x654321);
    assertThat(http.multipart("/api/v1/inspections/" + number + "/evidence", "zhangwei", "整改前.png", photo, Map.of())
        .statusCode()).isEqualTo(201);
    String task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    // the order form is submitted without its items: refused, rolled back — the photo stays
    HttpResponse<String> refused = http.post("/engine-rest/task/" + task + "/submit-form", "zhangwei",
        "{\"variables\":{\"orderNumber\":{\"value\":\"责改1号\"},\"deadlineKind\":{\"value\":\"days\"},"
            + "\"periodLength\":{\"value\":20}}}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("orderItems");
    assertThat(http.get("/api/v1/inspections/" + number + "/evidence", "zhangwei").body()).contains(sha256(photo));
  }

  @Test
  void contentThatIsNoAcceptedTypeOrTooLargeOrEmptyIsRefusedNamingTheFile() throws Exception {
    String number = InspectionFixtures.open(jdbc, "EV");
    TestHttp http = new TestHttp(port);
    String path = "/api/v1/inspections/" + number + "/evidence";
    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> disguised = http.multipart(path, "zhangwei", "照片.png", html, Map.of());
    assertThat(disguised.statusCode()).isEqualTo(400);
    assertThat(disguised.body()).contains("\"field\":\"file\"", "按文件内容识别");
    // a GIF is an image, but not one of the accepted types
    assertThat(http.multipart(path, "zhangwei", "a.gif", "GIF89a\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1),
        Map.of()).statusCode()).isEqualTo(400);
    HttpResponse<String> empty = http.multipart(path, "zhangwei", "empty.png", new byte[0], Map.of());
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"field\":\"file\"");
    HttpResponse<String> missing = http.multipart(path, "zhangwei", null, null, Map.of("description", "无文件"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"file\"");

    byte[] large = new byte[(int) properties.maxFileSize().toBytes() + 1];
    System.arraycopy(png(1), 0, large, 0, 16);
    HttpResponse<String> tooLarge = http.multipart(path, "zhangwei", "large.png", large, Map.of());
    assertThat(tooLarge.statusCode()).isEqualTo(400);
    assertThat(tooLarge.body()).contains("\"field\":\"file\"", "20 MB");

    HttpResponse<String> longNote = http.multipart(path, "zhangwei", "a.png", png(2), Map.of("description", "长".repeat(501)));
    assertThat(longNote.statusCode()).isEqualTo(400);
    assertThat(longNote.body()).contains("\"field\":\"description\"");
    assertThat(http.get(path, "zhangwei").body()).contains("\"items\":[]");
  }

  @Test
  void onlyStaffOfAParticipatingDepartmentOrAnAdminUploadAndRead() throws Exception {
    String number = InspectionFixtures.open(jdbc, "EV");
    String other = InspectionFixtures.open(jdbc, "EV");
    TestHttp http = new TestHttp(port);
    String path = "/api/v1/inspections/" + number + "/evidence";
    HttpResponse<String> stored = http.multipart(path, "sunli", "a.png", png(3), Map.of());
    assertThat(stored.statusCode()).isEqualTo(201);
    String location = stored.headers().firstValue("Location").orElseThrow();

    // zhenglei works for the police, which does not take part
    HttpResponse<String> refused = http.multipart(path, "zhenglei", "b.png", png(4), Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(http.get(path, "zhenglei").statusCode()).isEqualTo(403);
    assertThat(http.getBytes(location, "zhenglei").statusCode()).isEqualTo(403);
    // a manager of a participating department may read; anonymous callers get nothing
    assertThat(http.get(path, "wangfang").statusCode()).isEqualTo(200);
    assertThat(http.multipart(path, null, "c.png", png(5), Map.of()).statusCode()).isEqualTo(401);
    assertThat(http.get(path, null).statusCode()).isEqualTo(401);
    assertThat(http.getBytes(location, null).statusCode()).isEqualTo(401);
    // the file belongs to its inspection only
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(http.getBytes("/api/v1/inspections/" + other + "/evidence/" + id, "zhangwei").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/inspections/NO-SUCH-0001/evidence", "admin").statusCode()).isEqualTo(404);
    assertThat(http.get(path, "zhenglei").body()).doesNotContain("a.png");
  }

  @Test
  void aPhotoMadeSmallerOnThePhoneKeepsItsOriginalSizeAndTheHashOfTheStoredBytes() throws Exception {
    String number = InspectionFixtures.open(jdbc, "EV");
    TestHttp http = new TestHttp(port);
    String path = "/api/v1/inspections/" + number + "/evidence";
    byte[] photo = jpeg();
    HttpResponse<String> created = http.multipart(path, "zhangwei", "IMG_0002.jpg", photo,
        Map.of("originalSize", "6234567"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"originalSizeBytes\":6234567", "\"sizeBytes\":" + photo.length,
        "\"sha256\":\"" + sha256(photo) + "\"");
    assertThat(http.get(path, "zhangwei").body()).contains("\"originalSizeBytes\":6234567");
    assertThat(audit.events(number)).anySatisfy(e -> assertThat(e.toString()).contains("已在手机端压缩，原图 6234567 字节"));
    assertThat(http.get("/staff/inspections/" + number, "zhangwei").body()).contains("已在手机端压缩，原图 6234567 字节");

    // a file sent as is has none; a blank field counts as absent
    HttpResponse<String> plain = http.multipart(path, "zhangwei", "a.png", png(7), Map.of("originalSize", " "));
    assertThat(plain.statusCode()).isEqualTo(201);
    assertThat(plain.body()).contains("\"originalSizeBytes\":null");

    // refusals name the field
    for (Map.Entry<String, byte[]> bad : Map.of("abc", photo, "0", photo, "-5", photo,
        String.valueOf(photo.length), photo, "99999999", png(8)).entrySet()) {
      HttpResponse<String> refused = http.multipart(path, "zhangwei", "b.jpg", bad.getValue(),
          Map.of("originalSize", bad.getKey()));
      assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(refused.body()).contains("\"field\":\"originalSize\"");
    }
  }
}
