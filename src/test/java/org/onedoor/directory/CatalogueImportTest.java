package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onedoor.TestClock;
import org.onedoor.security.OrganisationProperties;
import org.springframework.transaction.support.TransactionTemplate;
import org.onedoor.OnedoorSpringTest;
import org.onedoor.catalog.Catalog.Item;
import org.onedoor.catalog.CatalogService;
import org.springframework.beans.factory.annotation.Autowired;

@OnedoorSpringTest
class CatalogueImportTest extends ImportTestSupport {

  static final String HEADER = "清单编号,抽查类别,事项编码,抽查事项,子项编码,子项名称,检查内容,实施部门,抽查依据,事项类型,检查方式";

  @Autowired CatalogService catalog;
  @Autowired DirectoryImports imports;
  @Autowired OrganisationProperties organisation;
  @Autowired TransactionTemplate tx;

  static String line(String item, String sub, String text) {
    return line(item, sub, text, "market", "一般", "现场检查、书面检查");
  }

  static String line(String item, String sub, String text, String department, String kind, String methods) {
    return "QD-IMP-01,食品销售监督检查," + item + ",对" + item + "的检查," + sub + ",子项" + sub + "," + text + ","
        + department + ",《食品安全法》," + kind + "," + methods + "\r\n";
  }

  int draftOf(JsonNode report) {
    String message = report.get("message").asText();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("草稿版本 (\\d+)").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void itemsLandInADraftNotPublishedBadRowsRejectTheirWholeItemAndReImportChangesNothing() throws Exception {
    String csv = HEADER + "\r\n"
        + line("IMP-A", "IMP-A-01", "是否公示许可证") // 2
        + line("IMP-B", "IMP-B-01", "是否建立进货查验记录") // 3
        + line("IMP-A", "IMP-A-01", "许可证是否在有效期内") // 4: item A again, not contiguous
        + line("IMP-A", "IMP-A-02", "是否公示许可证") // 5: same text, another sub-item: fine
        + line("IMP-A", "IMP-A-01", "是否公示许可证") // 6: same line as row 2 → only this row rejected
        + line("IMP-C", "IMP-C-01", "长".repeat(1001)) // 7: too long → item C rejected
        + line("IMP-C", "IMP-C-01", "二") // 8: reported as part of item C
        + line("IMP-D", "IMP-D-01", "一", "market", "偶尔", "飞行检查") // 9: kind, method
        + line("IMP-E", "IMP-E-01", "一") // 10
        + line("IMP-E", "IMP-E-02", "二", "market", "重点", "现场检查") // 11: disagrees with row 10 on kind and methods
        + line("IMP-F", "IMP-B-01", "一") // 12: sub-item of item B
        + line("", "IMP-G-01", "一") // 13: no item code
        + line("IMP-H", "IMP-H-01", "") // 14: no content line
        + line("IMP-J", "IMP-J-01", "一", "nowhere", "一般", "现场检查、书面检查"); // 15: unknown department
    JsonNode report = imported("catalogue", csv);

    assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("DONE");
    assertThat(report.get("kind").asText()).isEqualTo("catalogue");
    assertThat(report.get("rowsTotal").asInt()).isEqualTo(14);
    assertThat(report.get("rowsDone").asInt()).isEqualTo(14);
    assertThat(report.get("rowsAccepted").asInt()).isEqualTo(4);
    assertThat(report.get("rowsRejected").asInt()).isEqualTo(10);
    assertThat(rejections(report)).extracting(t -> Arrays.asList(t.toArray()).subList(0, 2)).containsExactly(
        List.of(6, "检查内容"),
        List.of(7, "检查内容"), List.of(8, "事项编码"),
        List.of(9, "事项类型"), List.of(9, "检查方式"),
        List.of(10, "事项编码"), List.of(11, "事项类型"), List.of(11, "检查方式"),
        List.of(12, "子项编码"),
        List.of(13, "事项编码"),
        List.of(14, "检查内容"),
        List.of(15, "实施部门"));
    assertThat(rejections(report)).contains(
        tuple(6, "检查内容", "与第 2 行重复"),
        tuple(8, "事项编码", "所属事项 IMP-C 有错误（第 7 行），整项未导入"),
        tuple(12, "子项编码", "子项编码已属于事项 IMP-B（第 3 行）"));

    int draft = draftOf(report);
    assertThat(catalog.version(draft).isPublished()).as("an import never publishes").isFalse();
    Item a = catalog.item(draft, "IMP-A");
    assertThat(a.kind()).isEqualTo("general");
    assertThat(a.methods()).containsExactly("on-site", "documents");
    assertThat(a.subItems()).extracting(s -> s.code(), s -> s.contentLines()).containsExactly(
        tuple("IMP-A-01", List.of("是否公示许可证", "许可证是否在有效期内")),
        tuple("IMP-A-02", List.of("是否公示许可证")));
    assertThat(catalog.findItem(draft, "IMP-C")).isEmpty();

    JsonNode again = imported("catalogue", csv);
    assertThat(again.get("rowsUnchanged").asInt()).as(again.toString()).isEqualTo(4);
    assertThat(draftOf(again)).isEqualTo(draft);

    assertThat(http.post("/api/management/v1/catalog/versions/" + draft + "/publish", "admin", "{}").statusCode())
        .isEqualTo(200);
    JsonNode afterPublish = imported("catalogue", csv);
    assertThat(afterPublish.get("message").asText()).contains("相同，未创建草稿");
    assertThat(catalog.draft()).isEmpty();
  }

  @Test
  void aGbkFileAndAnXlsxWorkbookImportAlike() throws Exception {
    String csv = HEADER + "\r\n" + line("IMP-K", "IMP-K-01", "是否落实主体责任", "市场监管局", "重点", "现场检查");
    JsonNode gbk = imported("catalogue", "清单.csv", csv.getBytes(Charset.forName("GBK")));
    assertThat(gbk.get("status").asText()).as(gbk.toString()).isEqualTo("DONE");
    assertThat(gbk.get("rowsCreated").asInt()).isEqualTo(1);
    int draft = draftOf(gbk);
    assertThat(catalog.item(draft, "IMP-K").kind()).isEqualTo("key");

    byte[] workbook = TestWorkbooks.xlsx(Arrays.asList(
        Arrays.asList((Object[]) HEADER.split(",")),
        Arrays.asList((Object[]) line("IMP-K", "IMP-K-01", "是否落实主体责任", "market", "重点", "现场检查").strip().split(","))));
    JsonNode xlsx = imported("catalogue", "清单.xlsx", workbook);
    assertThat(xlsx.get("rowsUnchanged").asInt()).as(xlsx.toString()).isEqualTo(1);
    catalog.publish(draft, "admin", TestClock.now());
  }

  @Test
  void anInterruptedCatalogueImportIsRedoneWholeAndTheRowLimitHolds(@TempDir Path dir) throws Exception {
    CatalogueImporter importer = new CatalogueImporter(imports, catalog, organisation, tx, new ImportSettings(dir.toString(), 100, 2));
    String csv = HEADER + "\n" + line("IMP-R", "IMP-R-01", "一") + line("IMP-S", "IMP-S-01", "二")
        + line("IMP-R", "IMP-R-01", "一") + line("IMP-T", "IMP-T-01", "三");
    long id = imports.create(CatalogueImporter.KIND, "resume.csv", null, "admin", TestClock.now());
    Files.writeString(importer.fileOf(id), csv);
    // as a server that died after a first batch leaves it
    imports.start(id, "UTF-8", 4);
    imports.recordBatch(id, new DirectoryImports.BatchCounts(2, 2, 0, 2, 0),
        List.of(new DirectoryImports.Rejection(3, "检查内容", "旧的拒绝")));

    importer.run(id);

    DirectoryImports.Job job = imports.find(id).orElseThrow();
    assertThat(job.status()).isEqualTo(DirectoryImports.Status.DONE);
    assertThat(job.rowsDone()).isEqualTo(4);
    assertThat(job.rowsAccepted()).isEqualTo(3);
    assertThat(job.rowsRejected()).isEqualTo(1);
    assertThat(imports.rejections(id)).extracting(DirectoryImports.Rejection::row, DirectoryImports.Rejection::reason)
        .containsExactly(tuple(4L, "与第 2 行重复"));
    int draft = catalog.draft().orElseThrow().versionNo();
    assertThat(catalog.findItem(draft, "IMP-T")).isPresent();
    catalog.publish(draft, "admin", TestClock.now());

    CatalogueImporter small = new CatalogueImporter(imports, catalog, organisation, tx, new ImportSettings(dir.toString(), 2, 2));
    long tooMany = imports.create(CatalogueImporter.KIND, "big.csv", null, "admin", TestClock.now());
    Files.writeString(small.fileOf(tooMany), csv);
    small.run(tooMany);
    assertThat(imports.find(tooMany).orElseThrow().message()).contains("2 行").contains("未写入任何数据");
  }

  @Test
  void catalogueTemplate() {
    assertThat(new String(http.getBytes(IMPORTS + "/catalogue/template", "admin").body(), StandardCharsets.UTF_8))
        .isEqualTo("\uFEFF" + HEADER + "\r\n");
  }
}
