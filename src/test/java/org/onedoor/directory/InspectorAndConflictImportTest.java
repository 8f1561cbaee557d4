package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.TestClock;
import org.onedoor.security.OrganisationProperties;
import org.springframework.transaction.support.TransactionTemplate;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@OnedoorSpringTest
class InspectorAndConflictImportTest extends ImportTestSupport {

  static final String INSPECTOR_HEADER = "工号,姓名,部门,单位,区域,执法证号,执法证有效期至,专业资质,专家,在岗,身份证号,手机号";

  @Autowired InspectorDirectory inspectors;
  @Autowired ConflictRegister conflicts;
  @Autowired IdentityService identity;
  @Autowired DirectoryImports imports;
  @Autowired OrganisationProperties organisation;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;

  /**
   * The people imported here leave the shared directory and accounts: other tests match inspectors from the directory
   * and tell the members of a department's groups, and count on their own people only.
   */
  @AfterEach
  void retireImportedInspectors() {
    for (String staff : jdbc.sql("SELECT staff_number FROM directory_inspector WHERE staff_number LIKE 'imp%'")
        .query(String.class).list()) {
      identity.deleteUser(staff);
    }
    jdbc.sql("UPDATE directory_inspector SET active = FALSE WHERE staff_number LIKE 'imp%'").update();
  }

  @Test
  void inspectorsLandLinkedToCamundaUsersAndEveryBadRowIsReported() throws Exception {
    String a = staff();
    String b = staff();
    String csv = INSPECTOR_HEADER + "\r\n"
        + a + ",王一,market,市场监管局西湖所,西湖区,33010120200001,2028-06-30,食品安全、特种设备,是,是," + idNumber(1) + ",13800000001\r\n" // 2
        + b + ",李二,消防救援支队,消防救援支队,,,,,,,,\r\n" // 3: department by name, defaults
        + staff() + ",赵三,nowhere,某所,,,,,,,,\r\n" // 4: unknown department
        + staff() + ",钱四,market,某所,,,2028-13-01,,也许,,3301021980010100X1,12345\r\n" // 5: date, yes/no, id, phone
        + a + ",王一（重复）,market,某所,,,,,,,,\r\n" // 6: duplicate staff number
        + "bad staff!,孙五,market,某所,,,,,,,,\r\n" // 7: staff number
        + staff() + ",,market,某所,,,,,,,,\r\n" // 8: no name
        + ",,,,,,,,,,,\r\n"; // 9: blank
    JsonNode report = imported("inspectors", csv);

    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("kind").asText()).isEqualTo("inspectors");
    assertThat(report.get("rowsTotal").asInt()).isEqualTo(8);
    assertThat(report.get("rowsAccepted").asInt()).isEqualTo(2);
    assertThat(report.get("rowsCreated").asInt()).isEqualTo(2);
    assertThat(report.get("rowsRejected").asInt()).isEqualTo(5);
    assertThat(rejections(report)).extracting(t -> Arrays.asList(t.toArray()).subList(0, 2)).containsExactly(
        List.of(4, "部门"),
        List.of(5, "执法证有效期至"), List.of(5, "专家"), List.of(5, "身份证号"), List.of(5, "手机号"),
        List.of(6, "工号"),
        List.of(7, "工号"),
        List.of(8, "姓名"));
    assertThat(rejections(report)).contains(tuple(6, "工号", "与第 2 行重复"), tuple(4, "部门", "未知的部门：nowhere"));

    InspectorDirectory.Inspector first = inspectors.find(a).orElseThrow();
    assertThat(first.qualifications()).containsExactly("食品安全", "特种设备");
    assertThat(first.expert()).isTrue();
    assertThat(first.certificateExpiry()).isEqualTo(LocalDate.of(2028, 6, 30));
    assertThat(first.phone()).isEqualTo("13800000001");
    InspectorDirectory.Inspector second = inspectors.find(b).orElseThrow();
    assertThat(second.department()).isEqualTo("fire");
    assertThat(second.active()).isTrue();
    assertThat(second.expert()).isFalse();
    assertThat(identity.createUserQuery().userId(a).memberOfGroup("market").count()).isEqualTo(1);

    JsonNode again = imported("inspectors", csv);
    assertThat(again.get("rowsUnchanged").asInt()).as(again.toString()).isEqualTo(2);
    assertThat(again.get("rowsCreated").asInt() + again.get("rowsUpdated").asInt()).isZero();
  }

  @Test
  void inspectorFilesInGbkAndXlsxAndAColumnAbsentKeepsTheStoredValue() throws Exception {
    String a = staff();
    String b = staff();
    JsonNode gbk = imported("inspectors", "人员.csv",
        ("staffNumber,NAME,department,unit,phone\r\n" + a + ",周六,health,卫生健康委员会,13900000002\r\n")
            .getBytes(Charset.forName("GBK")));
    assertThat(gbk.get("status").asText()).as(gbk.toString()).isEqualTo("DONE");
    assertThat(gbk.get("charset").asText()).isEqualTo("GB18030");
    assertThat(inspectors.find(a).orElseThrow().name()).isEqualTo("周六");

    byte[] workbook = TestWorkbooks.xlsx(Arrays.asList(
        List.of("工号", "姓名", "部门", "单位", "执法证有效期至", "在岗"),
        List.of(a, "周六", "health", "卫生健康委员会", LocalDate.of(2029, 1, 31), "否"),
        null,
        List.of(b, "吴七", "police", "公安局", "2029-02-30")));
    JsonNode xlsx = imported("inspectors", "人员.xlsx", workbook);
    assertThat(xlsx.get("status").asText()).as(xlsx.toString()).isEqualTo("DONE");
    assertThat(rejections(xlsx)).containsExactly(tuple(4, "执法证有效期至", "“2029-02-30”不是有效日期"));
    InspectorDirectory.Inspector updated = inspectors.find(a).orElseThrow();
    assertThat(updated.certificateExpiry()).isEqualTo(LocalDate.of(2029, 1, 31));
    assertThat(updated.active()).isFalse();
    assertThat(updated.phone()).as("the file has no phone column").isEqualTo("13900000002");
    assertThat(xlsx.get("rowsUpdated").asInt()).isEqualTo(1);
  }

  @Test
  void conflictsAreRecordedOncePerPairAndBadRowsReported() throws Exception {
    String a = staff();
    imported("inspectors", INSPECTOR_HEADER + "\n" + a + ",郑八,market,某所,,,,,,,,\n");
    String e1 = TestEntities.fresh(9);
    String e2 = TestEntities.fresh(9);
    String csv = "工号,统一社会信用代码,回避原因,来源\n"
        + a + "," + e1 + ",近亲属任职,本人申报\n" // 2
        + a + "," + e2.toLowerCase() + ",利害关系,\n" // 3: lower case is accepted, default source
        + "nobody," + e1 + ",利害关系,系统比对\n" // 4: unknown inspector
        + a + "," + TestEntities.withBadCheck(e1) + ",利害关系,\n" // 5: invalid USCC
        + a + "," + e1 + ",又一次,\n" // 6: same pair as row 2
        + a + "," + TestEntities.fresh(9) + ",,\n" // 7: no reason
        + a + "," + e1 + ",,\n"; // 8: same pair as row 2, and no reason
    JsonNode report = imported("conflicts", csv);
    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("rowsAccepted").asInt()).isEqualTo(2);
    assertThat(report.get("rowsRejected").asInt()).isEqualTo(5);
    assertThat(rejections(report)).extracting(t -> Arrays.asList(t.toArray()).subList(0, 2)).containsExactly(
        List.of(4, "工号"), List.of(5, "统一社会信用代码"), List.of(6, "统一社会信用代码"), List.of(7, "回避原因"),
        List.of(8, "回避原因"), List.of(8, "统一社会信用代码"));
    assertThat(rejections(report)).contains(tuple(6, "统一社会信用代码", "与第 2 行重复"));
    assertThat(conflicts.ofInspector(a)).extracting(ConflictRegister.Conflict::uscc, ConflictRegister.Conflict::source)
        .containsExactlyInAnyOrder(tuple(e1, "本人申报"), tuple(e2, ConflictImporter.DEFAULT_SOURCE));

    JsonNode again = imported("conflicts", csv);
    assertThat(again.get("rowsUnchanged").asInt()).isEqualTo(2);
    assertThat(conflicts.ofInspector(a)).hasSize(2);
  }

  @Test
  void anInterruptedInspectorImportResumesAfterTheRowsThatLanded(@TempDir Path dir) throws Exception {
    InspectorImporter importer =
        new InspectorImporter(imports, inspectors, organisation, tx, new ImportSettings(dir.toString(), 100, 1));
    String a = staff();
    String b = staff();
    String csv = "工号,姓名,部门,单位\n" + a + ",续一,market,某所\n" + b + ",续二,market,某所\n" + a + ",续一（重复）,market,某所\n";
    long id = imports.create(InspectorImporter.KIND, "resume.csv", null, "admin", TestClock.now());
    Files.writeString(importer.fileOf(id), csv);
    // the first batch (row 2) landed before the stop; its staff number still counts for duplicates
    imports.start(id, "UTF-8", 3);
    imports.recordBatch(id, new DirectoryImports.BatchCounts(1, 1, 0, 1, 0), List.of());

    importer.run(id);

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.DONE);
    assertThat(job.rowsDone()).isEqualTo(3);
    assertThat(job.rowsCreated()).isEqualTo(2);
    assertThat(inspectors.find(a)).as("row 2 is not replayed").isEmpty();
    assertThat(inspectors.find(b)).isPresent();
    assertThat(imports.rejections(id)).extracting(DirectoryImports.Rejection::row, DirectoryImports.Rejection::reason)
        .containsExactly(tuple(4L, "与第 2 行重复"));
  }

  @Test
  void conflictFilesInGbkAndXlsx() throws Exception {
    String a = staff();
    imported("inspectors", INSPECTOR_HEADER + "\n" + a + ",冯九,police,公安局,,,,,,,,\n");
    String e1 = TestEntities.fresh(9);
    String e2 = TestEntities.fresh(9);
    JsonNode gbk = imported("conflicts", "回避.csv",
        ("工号,统一社会信用代码,回避原因\r\n" + a + "," + e1 + ",曾在该单位任职\r\n").getBytes(Charset.forName("GBK")));
    assertThat(gbk.get("rowsCreated").asInt()).as(gbk.toString()).isEqualTo(1);
    JsonNode xlsx = imported("conflicts", "回避.xlsx", TestWorkbooks.xlsx(Arrays.asList(
        List.of("staffNumber", "USCC", "reason", "source"),
        List.of(a, e1, "曾在该单位任职", "系统比对"),
        List.of(a, e2, "近亲属持股"),
        List.of(a, e2, "近亲属持股"))));
    assertThat(xlsx.get("status").asText()).as(xlsx.toString()).isEqualTo("DONE");
    assertThat(xlsx.get("rowsUpdated").asInt()).isEqualTo(1);
    assertThat(xlsx.get("rowsCreated").asInt()).isEqualTo(1);
    assertThat(rejections(xlsx)).containsExactly(tuple(4, "USCC", "与第 3 行重复"));
    assertThat(conflicts.find(a, e1).orElseThrow().source()).isEqualTo("系统比对");
  }

  @Test
  void anUnknownColumnRefusesTheFile() throws Exception {
    JsonNode report = imported("conflicts", "工号,统一社会信用代码,回避原因,备注\nx,y,z,w\n");
    assertThat(report.get("status").asText()).isEqualTo("FAILED");
    assertThat(report.get("message").asText()).contains("备注").contains("未写入任何数据");
    JsonNode missing = imported("inspectors", "工号,姓名\nx,y\n");
    assertThat(missing.get("message").asText()).contains("缺少必需的列").contains("部门");
  }

  @Test
  void templatesAndAccess() {
    HttpResponse<byte[]> inspectorsTemplate = http.getBytes(IMPORTS + "/inspectors/template", "admin");
    assertThat(inspectorsTemplate.statusCode()).isEqualTo(200);
    assertThat(new String(inspectorsTemplate.body(), StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + INSPECTOR_HEADER + "\r\n");
    assertThat(new String(http.getBytes(IMPORTS + "/conflicts/template", "admin").body(), StandardCharsets.UTF_8))
        .isEqualTo("\uFEFF工号,统一社会信用代码,回避原因,来源\r\n");
    assertThat(http.get(IMPORTS + "/nothing/template", "admin").statusCode()).isEqualTo(404);
    for (String kind : List.of("inspectors", "conflicts", "catalogue")) {
      assertThat(http.get(IMPORTS + "/" + kind + "/template", "wangfang").statusCode()).isEqualTo(403);
      assertThat(http.multipart(IMPORTS + "/" + kind, "zhangwei", "a.csv", "x\n".getBytes(StandardCharsets.UTF_8), Map.of())
          .statusCode()).isEqualTo(403);
    }
  }
}
