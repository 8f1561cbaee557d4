package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestClock;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@OnedoorSpringTest
class EntityImportTest {

  static final String IMPORTS = "/api/management/v1/imports";
  static final String HEADER =
      "统一社会信用代码,名称,类型,行业门类,行业小类,管辖单位,区域,注册地址,法定代表人,成立日期,登记状态,信用等级,风险等级,监管标签,信用承诺";

  @LocalServerPort int port;
  @Autowired EntityDirectory directory;
  @Autowired DirectoryImports imports;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();
  TestHttp http;

  @BeforeEach
  void setUp() {
    http = new TestHttp(port);
  }

  long upload(byte[] content, Map<String, String> fields) throws Exception {
    HttpResponse<String> response = http.multipart(IMPORTS + "/entities", "admin", "名录.csv", content, fields);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("QUEUED");
    assertThat(response.headers().firstValue("Location")).contains(IMPORTS + "/" + body.get("id").asLong());
    return body.get("id").asLong();
  }

  long upload(String csv) throws Exception {
    return upload(csv.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** Polls the report until the import has finished. */
  JsonNode finished(long id) throws Exception {
    for (int i = 0; i < 600; i++) {
      HttpResponse<String> response = http.get(IMPORTS + "/" + id, "admin");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode report = json.readTree(response.body());
      String status = report.get("status").asText();
      if (status.equals("DONE") || status.equals("FAILED")) {
        return report;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("import " + id + " did not finish");
  }

  static List<org.assertj.core.groups.Tuple> rejections(JsonNode report) {
    List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
    report.get("rejections").forEach(r -> out.add(tuple(r.get("row").asInt(), r.get("column").isNull() ? null : r.get("column").asText())));
    return out;
  }

  static String reason(JsonNode report, int row) {
    for (JsonNode r : report.get("rejections")) {
      if (r.get("row").asInt() == row) {
        return r.get("reason").asText();
      }
    }
    throw new AssertionError("row " + row + " not rejected: " + report);
  }

  @Test
  void everyBadRowIsReportedWithItsSpreadsheetRowNumberAndGoodRowsLand() throws Exception {
    String good = TestEntities.fresh(3);
    String full = TestEntities.fresh(3);
    String csv =
        HEADER + "\r\n"
            + good + ",深圳市好行有限公司,,,,,,,,,,,,,\r\n" // row 2
            + TestEntities.withBadCheck(TestEntities.fresh(3)) + ",校验位错误有限公司,,,,,,,,,,,,,\r\n" // row 3
            + TestEntities.fresh(3) + ",,,,,,,,,,,,,,\r\n" // row 4: no name
            + TestEntities.fresh(3) + ",日期错误有限公司,,,,,,,,2015/6/1,,,,,\r\n" // row 5
            + TestEntities.fresh(3) + ",类型错误有限公司,股份公司,,,,,,,,,,,,\r\n" // row 6
            + good + ",深圳市好行有限公司（重复）,,,,,,,,,,,,,\r\n" // row 7: same USCC as row 2
            + TestEntities.fresh(3) + "," + "长".repeat(201) + ",,,,,,,,,,,,,\r\n" // row 8
            + full + ",\"深圳市全列有限公司\",农民专业合作社,批发和零售业,食品零售,南山所,南山区,"
            + "\"深圳市南山区科技园, 1 栋\r\n201 室\",王五,2015-06-01,列入经营异常名录,d,高,食品经营;重点监管、冷链,是\r\n" // row 9
            + ",,,,,,,,,,,,,,\r\n"; // row 10: blank
    JsonNode report = finished(upload(csv));

    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("rowsTotal").asInt()).isEqualTo(9);
    assertThat(report.get("rowsDone").asInt()).isEqualTo(9);
    assertThat(report.get("rowsAccepted").asInt()).isEqualTo(2);
    assertThat(report.get("rowsRejected").asInt()).isEqualTo(6);
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(2);
    assertThat(report.get("progressPercent").asInt()).isEqualTo(100);
    assertThat(report.get("createdBy").asText()).isEqualTo("admin");
    assertThat(report.get("fileName").asText()).isEqualTo("名录.csv");
    assertThat(report.get("charset").asText()).isEqualTo("UTF-8");
    assertThat(rejections(report))
        .containsExactly(
            tuple(3, "统一社会信用代码"),
            tuple(4, "名称"),
            tuple(5, "成立日期"),
            tuple(6, "类型"),
            tuple(7, "统一社会信用代码"),
            tuple(8, "名称"));
    assertThat(reason(report, 3)).contains("校验位");
    assertThat(reason(report, 4)).contains("必填");
    assertThat(reason(report, 5)).contains("YYYY-MM-DD");
    assertThat(reason(report, 6)).contains("股份公司");
    assertThat(reason(report, 7)).isEqualTo("与第 2 行重复");
    assertThat(reason(report, 8)).contains("超过上限 200");

    assertThat(directory.find(good).orElseThrow().name()).isEqualTo("深圳市好行有限公司");
    DirectoryEntity e = directory.find(full).orElseThrow();
    assertThat(e.type()).isEqualTo("cooperative");
    assertThat(e.category()).isEqualTo("批发和零售业");
    assertThat(e.subcategory()).isEqualTo("食品零售");
    assertThat(e.unit()).isEqualTo("南山所");
    assertThat(e.region()).isEqualTo("南山区");
    assertThat(e.address()).isEqualTo("深圳市南山区科技园, 1 栋\r\n201 室");
    assertThat(e.legalRepresentative()).isEqualTo("王五");
    assertThat(e.establishedOn()).isEqualTo(LocalDate.of(2015, 6, 1));
    assertThat(e.status()).isEqualTo("abnormal");
    assertThat(e.creditClass()).isEqualTo("D");
    assertThat(e.riskLevel()).isEqualTo("high");
    assertThat(e.tags()).containsExactly("食品经营", "重点监管", "冷链");
    assertThat(e.commitment()).isTrue();
  }

  @Test
  void reImportingTheSameFileChangesNothingAndGbkImportsTheSameAsUtf8() throws Exception {
    StringBuilder csv = new StringBuilder("统一社会信用代码,名称,区域,登记状态,监管标签\n");
    List<String> usccs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String uscc = TestEntities.fresh(3);
      usccs.add(uscc);
      csv.append(uscc).append(",深圳市龙岗区幂等商行").append(i).append(",龙岗区,存续,食品经营、特种设备\n");
    }
    JsonNode first = finished(upload(csv.toString()));
    assertThat(first.get("rowsCreated").asInt()).isEqualTo(3);
    List<Instant> updatedAt = usccs.stream().map(u -> directory.find(u).orElseThrow().updatedAt()).toList();
    long entities = count("directory_entity");
    long history = count("directory_entity_status_history");

    JsonNode again = finished(upload(csv.toString()));
    JsonNode gbk = finished(upload(csv.toString().getBytes("GBK"), Map.of()));
    JsonNode declared = finished(upload(csv.toString().getBytes("GBK"), Map.of("charset", "GBK")));
    for (JsonNode report : List.of(again, gbk, declared)) {
      assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
      assertThat(report.get("rowsAccepted").asInt()).isEqualTo(3);
      assertThat(report.get("rowsCreated").asInt()).isZero();
      assertThat(report.get("rowsUpdated").asInt()).isZero();
      assertThat(report.get("rowsUnchanged").asInt()).isEqualTo(3);
    }
    assertThat(gbk.get("charset").asText()).isEqualTo("GB18030");
    assertThat(declared.get("charset").asText()).isEqualTo("GBK");
    assertThat(usccs.stream().map(u -> directory.find(u).orElseThrow().updatedAt()).toList()).isEqualTo(updatedAt);
    assertThat(count("directory_entity")).isEqualTo(entities);
    assertThat(count("directory_entity_status_history")).isEqualTo(history);
    assertThat(directory.find(usccs.get(0)).orElseThrow().name()).isEqualTo("深圳市龙岗区幂等商行0");
  }

  @Test
  void aStatusChangedByAnImportIsKeptAsHistory() throws Exception {
    String uscc = TestEntities.fresh(3);
    finished(upload("uscc,name,status\n" + uscc + ",历史导入有限公司,active\n"));
    long id = upload("uscc,名称,登记状态\n" + uscc + ",历史导入有限公司,注销\n");
    assertThat(finished(id).get("rowsUpdated").asInt()).isEqualTo(1);
    List<EntityDirectory.StatusChange> history = directory.history(uscc);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).oldStatus()).isEqualTo("active");
    assertThat(history.get(0).newStatus()).isEqualTo("deregistered");
    assertThat(history.get(0).source()).isEqualTo("import:" + id);
    assertThat(history.get(0).reason()).contains("第 2 行");
  }

  @Test
  void aFileWithAnUnknownColumnIsRefusedAsAWhole() throws Exception {
    String uscc = TestEntities.fresh(3);
    JsonNode report = finished(upload("统一社会信用代码,名称,信用等极\n" + uscc + ",未知列有限公司,A\n"));
    assertThat(report.get("status").asText()).isEqualTo("FAILED");
    assertThat(report.get("message").asText()).contains("信用等极").contains("未写入任何数据");
    assertThat(directory.find(uscc)).isEmpty();

    report = finished(upload("名称,区域\n未知列有限公司,南山区\n"));
    assertThat(report.get("message").asText()).contains("缺少必需的列").contains("统一社会信用代码");
  }

  @Test
  void aGbkFileDeclaredAsUtf8IsRefusedBeforeAnythingIsWritten() throws Exception {
    String uscc = TestEntities.fresh(3);
    JsonNode report =
        finished(upload(("uscc,name\n" + uscc + ",编码错误有限公司\n").getBytes("GBK"), Map.of("charset", "UTF-8")));
    assertThat(report.get("status").asText()).isEqualTo("FAILED");
    assertThat(report.get("message").asText()).contains("UTF-8");
    assertThat(directory.find(uscc)).isEmpty();
  }

  @Test
  void manyRowsAreWrittenBatchByBatch() throws Exception {
    StringBuilder csv = new StringBuilder("uscc,name,category\n");
    for (int i = 0; i < 1_234; i++) {
      csv.append(TestEntities.fresh(4)).append(",批量商行").append(i).append(",批量门类\n");
    }
    JsonNode report = finished(upload(csv.toString()));
    assertThat(report.get("rowsDone").asInt()).isEqualTo(1_234);
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(1_234);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_entity WHERE category = '批量门类'").query(Long.class).single())
        .isEqualTo(1_234);
  }

  @Test
  void tooManyRowsFailTheImportBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    EntityImporter small = new EntityImporter(imports, directory, tx, new ImportSettings(dir.toString(), 3, 2));
    String uscc = TestEntities.fresh(3);
    StringBuilder csv = new StringBuilder("uscc,name\n").append(uscc).append(",上限有限公司\n");
    for (int i = 0; i < 3; i++) {
      csv.append(TestEntities.fresh(3)).append(",上限有限公司").append(i).append('\n');
    }
    long id = imports.create(EntityImporter.KIND, "limit.csv", null, "admin", TestClock.now());
    Files.writeString(small.fileOf(id), csv);
    small.run(id);
    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.FAILED);
    assertThat(job.message()).contains("3 行").contains("未写入任何数据");
    assertThat(directory.find(uscc)).isEmpty();
  }

  @Test
  void anInterruptedImportResumesAfterTheRowsThatLanded(@TempDir Path dir) throws Exception {
    EntityImporter importer = new EntityImporter(imports, directory, tx, new ImportSettings(dir.toString(), 100, 2));
    List<String> usccs = new ArrayList<>();
    StringBuilder csv = new StringBuilder("uscc,name\n");
    for (int i = 0; i < 5; i++) {
      usccs.add(TestEntities.fresh(3));
      csv.append(usccs.get(i)).append(",续传有限公司").append(i).append('\n');
    }
    csv.append(usccs.get(0)).append(",续传有限公司（重复）\n"); // row 7, a duplicate of row 2
    long id = imports.create(EntityImporter.KIND, "resume.csv", null, "admin", TestClock.now());
    Files.writeString(importer.fileOf(id), csv);
    // as a server that died after its first batch (rows 2 and 3) committed leaves it
    directory.upsert(EntityDirectoryTest.cells(usccs.get(0), "续传有限公司0"), "import:" + id, null, TestClock.now());
    directory.upsert(EntityDirectoryTest.cells(usccs.get(1), "续传有限公司1"), "import:" + id, null, TestClock.now());
    imports.start(id, "UTF-8", 6);
    imports.recordBatch(id, new DirectoryImports.BatchCounts(2, 2, 0, 2, 0), List.of());

    importer.run(id);

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.DONE);
    assertThat(job.rowsDone()).isEqualTo(6);
    assertThat(job.rowsAccepted()).isEqualTo(5);
    assertThat(job.rowsCreated()).isEqualTo(5);
    assertThat(job.rowsRejected()).isEqualTo(1);
    assertThat(imports.rejections(id))
        .extracting(DirectoryImports.Rejection::row, DirectoryImports.Rejection::reason)
        .containsExactly(tuple(7L, "与第 2 行重复"));
    assertThat(directory.find(usccs.get(4)).orElseThrow().name()).isEqualTo("续传有限公司4");
    assertThat(Files.exists(importer.fileOf(id))).as("the stored upload is removed when done").isFalse();
    importer.stop();
  }

  @Test
  void anXlsxWorkbookImportsLikeTheCsvWithExcelRowNumbersAndDateCells() throws Exception {
    String good = TestEntities.fresh(3);
    String bad = TestEntities.withBadCheck(TestEntities.fresh(3));
    String later = TestEntities.fresh(3);
    byte[] workbook =
        TestWorkbooks.xlsx(
            java.util.Arrays.asList(
                List.of("统一社会信用代码", "名称", "成立日期", "信用等级", "信用承诺"),
                List.of(good, "表格导入有限公司", LocalDate.of(2015, 6, 1), "A", "是"), // row 2: a date cell
                List.of(bad, "校验位错误有限公司"), // row 3
                null, // row 4: a row Excel never filled
                List.of(later, "第五行有限公司", "2020-02-30"), // row 5: a text date that is no date
                List.of(good, "重复有限公司"))); // row 6: same USCC as row 2
    HttpResponse<String> response = http.multipart(IMPORTS + "/entities", "admin", "名录.xlsx", workbook, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode report = finished(json.readTree(response.body()).get("id").asLong());

    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("charset").asText()).isEqualTo("XLSX");
    assertThat(report.get("rowsTotal").asInt()).isEqualTo(4);
    assertThat(report.get("rowsAccepted").asInt()).isEqualTo(1);
    assertThat(rejections(report))
        .containsExactly(tuple(3, "统一社会信用代码"), tuple(5, "成立日期"), tuple(6, "统一社会信用代码"));
    assertThat(reason(report, 6)).isEqualTo("与第 2 行重复");
    DirectoryEntity stored = directory.find(good).orElseThrow();
    assertThat(stored.establishedOn()).isEqualTo(LocalDate.of(2015, 6, 1));
    assertThat(stored.creditClass()).isEqualTo("A");
    assertThat(stored.commitment()).isTrue();

    // the same rows as CSV give the same entity: nothing changes
    JsonNode again = finished(upload(
        "统一社会信用代码,名称,成立日期,信用等级,信用承诺\n" + good + ",表格导入有限公司,2015-06-01,A,是\n"));
    assertThat(again.get("rowsUnchanged").asInt()).isEqualTo(1);
  }

  @Test
  void aLegacyXlsOrABrokenWorkbookIsRefusedSayingWhy() throws Exception {
    JsonNode xls = finished(upload(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3}, Map.of()));
    assertThat(xls.get("status").asText()).isEqualTo("FAILED");
    assertThat(xls.get("message").asText()).contains(".xlsx");
    JsonNode broken = finished(upload(new byte[] {'P', 'K', 3, 4, 0, 0}, Map.of()));
    assertThat(broken.get("status").asText()).isEqualTo("FAILED");
    assertThat(broken.get("message").asText()).contains("XLSX").contains("未写入任何数据");
  }

  @Test
  void theTemplateIsAUtf8CsvWithBomAndTheChineseHeader() {
    HttpResponse<byte[]> response = http.getBytes(IMPORTS + "/entities/template", "admin");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
    byte[] body = response.body();
    assertThat(body[0] & 0xFF).isEqualTo(0xEF);
    assertThat(body[1] & 0xFF).isEqualTo(0xBB);
    assertThat(body[2] & 0xFF).isEqualTo(0xBF);
    assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).isEqualTo(HEADER + "\r\n");
  }

  @Test
  void badUploadsAnswer400NamingTheField() throws Exception {
    HttpResponse<String> badCharset =
        http.multipart(IMPORTS + "/entities", "admin", "a.csv", "uscc,name\n".getBytes(StandardCharsets.UTF_8), Map.of("charset", "latin1"));
    assertThat(badCharset.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badCharset.body()).get("errors").get(0).get("field").asText()).isEqualTo("charset");
    HttpResponse<String> noFile = http.multipart(IMPORTS + "/entities", "admin", null, null, Map.of());
    assertThat(noFile.statusCode()).isEqualTo(400);
    assertThat(json.readTree(noFile.body()).get("errors").get(0).get("field").asText()).isEqualTo("file");
    HttpResponse<String> unknown = http.get(IMPORTS + "/987654321", "admin");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json.readTree(unknown.body()).get("errors").get(0).get("field").asText()).isEqualTo("id");
  }

  @Test
  void aFileOverFiftyMegabytesIsRefused() throws Exception {
    byte[] big = new byte[50 * 1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> response = http.multipart(IMPORTS + "/entities", "admin", "big.csv", big, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("file");
  }

  @Test
  void onlyAdministratorsReachTheImports() {
    byte[] csv = "uscc,name\n".getBytes(StandardCharsets.UTF_8);
    assertThat(http.multipart(IMPORTS + "/entities", null, "a.csv", csv, Map.of()).statusCode()).isEqualTo(401);
    assertThat(http.multipart(IMPORTS + "/entities", "zhangwei", "a.csv", csv, Map.of()).statusCode()).isEqualTo(403);
    assertThat(http.get(IMPORTS + "/1", null).statusCode()).isEqualTo(401);
    assertThat(http.get(IMPORTS + "/1", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(http.get(IMPORTS + "/entities/template", null).statusCode()).isEqualTo(401);
    assertThat(http.get(IMPORTS + "/entities/template", "wangfang").statusCode()).isEqualTo(403);
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void anXlsxWhoseSharedStringsInflateBeyondTheLimitEndsFailedWithAChineseReason(@TempDir Path dir) throws Exception {
    EntityImporter importer = new EntityImporter(imports, directory, tx, new ImportSettings(dir.toString(), 100, 2,
        org.springframework.util.unit.DataSize.ofMegabytes(512), org.springframework.util.unit.DataSize.ofMegabytes(1), 3));
    long id = imports.create(EntityImporter.KIND, "bomb.xlsx", null, "admin", TestClock.now());
    Files.write(importer.fileOf(id), TestWorkbooks.sharedStringBomb(20_000, 200)); // ~4.5 MB of shared strings

    importer.run(id);

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.FAILED);
    assertThat(job.message()).contains("共享字符串表", "解压后超过 1 MB 的上限", "未写入任何数据");
    assertThat(Files.exists(importer.fileOf(id))).isFalse();
    importer.stop();
  }

  @Test
  void anImportThatNeverFinishesIsFailedAfterThreeStartsAndNeverKeepsTheApplicationFromStarting(@TempDir Path dir)
      throws Exception {
    // a stand-in for an upload that brings the node down: its run never gets anywhere
    EntityImporter importer = new EntityImporter(imports, directory, tx, new ImportSettings(dir.toString(), 100, 2)) {
      @Override
      void queue(long id) {
        // the node dies before the import ends: nothing happens, the import stays unfinished
      }
    };
    long id = imports.create(EntityImporter.KIND, "poison.csv", null, "admin", TestClock.now());
    Files.writeString(importer.fileOf(id), "uscc,name\n");
    long other = imports.create(EntityImporter.KIND, "elsewhere.csv", null, "admin", TestClock.now());
    // received by another node that is alive (it renews its lease)
    jdbc.sql("UPDATE directory_import SET owner_node = 'living-node', lease_until = CURRENT_TIMESTAMP + INTERVAL '5' MINUTE"
        + " WHERE id = :id").param("id", other).update();

    for (int start = 1; start <= 3; start++) {
      importer.resumeUnfinished();
      assertThat(imports.find(id).orElseThrow().status()).as("start " + start).isEqualTo(DirectoryImports.Status.QUEUED);
    }
    importer.resumeUnfinished();

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.FAILED);
    assertThat(job.message()).contains("3 次启动后仍未完成", "已停止重试");
    assertThat(Files.exists(importer.fileOf(id))).isFalse();
    // an import of another living node is left alone
    assertThat(imports.find(other).orElseThrow().status()).isEqualTo(DirectoryImports.Status.QUEUED);
    imports.finish(other, DirectoryImports.Status.FAILED, "test", TestClock.now());
    importer.stop();
  }

  @Test
  void namesWithControlCharactersOrBidirectionalOverridesAreRejectedPerRow() throws Exception {
    String good = TestEntities.fresh(3);
    String reversed = TestEntities.fresh(3);
    String nul = TestEntities.fresh(3);
    String isolate = TestEntities.fresh(3);
    String c1 = TestEntities.fresh(3);
    String csv = "uscc,name,address,legalRepresentative\r\n"
        + good + ",临江市正常有限公司,\"临江路 1 号\r\n2 楼\",张三\r\n" // row 2: a two-line address is fine
        + reversed + ",临江市\u202E司公限有\u202C好味,,\r\n" // row 3: right-to-left override
        + nul + ",临江市零字符\u0000有限公司,,\r\n" // row 4: NUL
        + isolate + ",临江市隔离有限公司,,李\u2066四\u2069\r\n" // row 5: bidi isolate in another column
        + c1 + ",临江市控制\u0085有限公司,,\r\n"; // row 6: a C1 control (NEXT LINE)
    JsonNode report = finished(upload(csv));

    assertThat(report.get("status").asText()).isEqualTo("DONE");
    assertThat(rejections(report)).containsExactly(
        tuple(3, "name"), tuple(4, "name"), tuple(5, "legalRepresentative"), tuple(6, "name"));
    assertThat(reason(report, 3)).contains("文字方向控制符", "U+202E");
    assertThat(reason(report, 4)).contains("控制字符", "U+0000");
    assertThat(reason(report, 5)).contains("U+2066");
    assertThat(reason(report, 6)).contains("U+0085");
    assertThat(directory.find(good)).isPresent();
    assertThat(directory.find(reversed)).isEmpty();
    assertThat(directory.find(nul)).isEmpty();
  }
}
