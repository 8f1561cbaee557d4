package org.onedoor.platform.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxReaderTest {

  @TempDir Path dir;

  /** Writes a workbook the way Excel lays it out (parts named as Excel names them). */
  static Path workbook(Path file, String sheetXml, List<String> shared) throws IOException {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        + "<sheet name=\"名录\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>");
    parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/data.xml\"/>"
        + "</Relationships>");
    StringBuilder sst = new StringBuilder("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    for (String s : shared) {
      sst.append("<si><t xml:space=\"preserve\">").append(s).append("</t></si>");
    }
    // a rich-text string with a phonetic run that is not part of the text
    sst.append("<si><r><t>张</t></r><r><t>伟</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh></si>");
    parts.put("xl/sharedStrings.xml", sst.append("</sst>").toString());
    parts.put("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
        + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"49\"/></cellXfs>"
        + "</styleSheet>");
    parts.put("xl/worksheets/data.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<sheetData>" + sheetXml + "</sheetData></worksheet>");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }

  record Row(int number, List<String> cells) {}

  static List<Row> readAll(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    XlsxReader.read(file, (n, cells) -> rows.add(new Row(n, cells)));
    return rows;
  }

  @Test
  void readsStringsNumbersDatesBooleansAndFormulasAsText() throws IOException {
    Path file = workbook(dir.resolve("entities.xlsx"),
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>91330100799655058B</t></is></c>"
            + "<c r=\"C2\" s=\"1\"><v>45292</v></c><c r=\"D2\" s=\"2\"><v>36526</v></c>"
            + "<c r=\"E2\"><v>12.50</v></c><c r=\"F2\" t=\"b\"><v>1</v></c>"
            + "<c r=\"G2\"><f>1+1</f><v>2</v></c><c r=\"H2\" t=\"str\"><f>A2</f><v>x</v></c>"
            + "<c r=\"I2\" t=\"s\"><v>3</v></c><c r=\"J2\" s=\"3\"><v>1E+3</v></c></row>"
            + "<row r=\"5\"><c r=\"B5\" t=\"s\"><v>1</v></c></row>",
        List.of("统一社会信用代码", "名称", "成立日期"));

    List<Row> rows = readAll(file);

    assertThat(rows).extracting(Row::number).containsExactly(1, 2, 5);
    assertThat(rows.get(0).cells()).containsExactly("统一社会信用代码", "名称", "成立日期");
    assertThat(rows.get(1).cells()).containsExactly(
        "91330100799655058B", "", "2024-01-01", "2000-01-01", "12.5", "TRUE", "2", "x", "张伟", "1000");
    assertThat(rows.get(2).cells()).as("skipped cells are empty").containsExactly("", "名称");
  }

  @Test
  void handlerMayStopEarly() throws IOException {
    Path file = workbook(dir.resolve("big.xlsx"),
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>", List.of());
    List<Integer> seen = new ArrayList<>();
    XlsxReader.read(file, (n, cells) -> {
      seen.add(n);
      return false;
    });
    assertThat(seen).containsExactly(1);
  }

  @Test
  void refusesWhatIsNotAWorkbookSayingWhy() throws IOException {
    Path xls = Files.write(dir.resolve("old.xls"), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2, 3});
    assertThatThrownBy(() -> readAll(xls)).isInstanceOf(IOException.class).hasMessageContaining(".xlsx");

    Path evil = workbook(dir.resolve("evil.xlsx"),
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>", List.of());
    // a worksheet with a DTD (an XXE attempt) is not parsed with entities
    try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(evil)) {
      Files.writeString(zip.getPath("xl/worksheets/data.xml"),
          "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
              + "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>");
    }
    assertThatThrownBy(() -> readAll(evil)).isInstanceOf(IOException.class);
  }

  @Test
  void excelSerialDatesAndColumnLetters() {
    assertThat(XlsxReader.excelDate(BigDecimal.ONE)).isEqualTo(LocalDate.of(1900, 1, 1));
    assertThat(XlsxReader.excelDate(new BigDecimal(59))).isEqualTo(LocalDate.of(1900, 2, 28));
    assertThat(XlsxReader.excelDate(new BigDecimal(61))).isEqualTo(LocalDate.of(1900, 3, 1));
    assertThat(XlsxReader.excelDate(new BigDecimal("45292.75"))).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(XlsxReader.column("A1")).isZero();
    assertThat(XlsxReader.column("Z9")).isEqualTo(25);
    assertThat(XlsxReader.column("AA10")).isEqualTo(26);
    assertThat(XlsxReader.isDateFormat("yyyy\"年\"m\"月\"d\"日\"")).isTrue();
    assertThat(XlsxReader.isDateFormat("0.00")).isFalse();
    assertThat(XlsxReader.isDateFormat("[Red]0")).isFalse();
    assertThat(XlsxReader.isDateFormat("h:mm")).isFalse();
    // a date-time format keeps the time (monitoring readings): to the nearest second
    assertThat(XlsxReader.hasTime("yyyy-mm-dd hh:mm")).isTrue();
    assertThat(XlsxReader.hasTime("yyyy\"年\"m\"月\"d\"日\"")).isFalse();
    assertThat(XlsxReader.excelDateTime(new BigDecimal("45292.75"))).isEqualTo("2024-01-01 18:00:00");
    assertThat(XlsxReader.excelDateTime(new BigDecimal("45292.3333333333"))).isEqualTo("2024-01-01 08:00:00");
  }

  /** Shared strings that inflate a thousandfold: 20,000 strings of 200 equal characters, about 4.5 MB. */
  Path sharedStringBomb() throws IOException {
    return workbook(dir.resolve("bomb.xlsx"), "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
        java.util.Collections.nCopies(20_000, "A".repeat(200)));
  }

  @Test
  void sharedStringsInflatingBeyondTheirLimitAreRefusedWithAChineseReason() throws IOException {
    Path bomb = sharedStringBomb();
    assertThat(Files.size(bomb)).isLessThan(100_000);
    assertThatThrownBy(() -> XlsxReader.read(bomb, new XlsxReader.Limits(512L << 20, 1L << 20), (n, cells) -> true))
        .isInstanceOf(XlsxReader.TooLargeException.class)
        .hasMessage("共享字符串表（xl/sharedStrings.xml）解压后超过 1 MB 的上限（可能是压缩炸弹）");
  }

  @Test
  void aWorkbookUnpackingBeyondTheTotalLimitIsRefusedWhateverPartDoesIt() throws IOException {
    Path bomb = sharedStringBomb();
    assertThatThrownBy(() -> XlsxReader.read(bomb, new XlsxReader.Limits(2L << 20, 64L << 20), (n, cells) -> true))
        .isInstanceOf(XlsxReader.TooLargeException.class)
        .hasMessage("工作簿解压后超过 2 MB 的上限（可能是压缩炸弹）");
    // within the limits the same workbook reads
    List<String> first = new java.util.ArrayList<>();
    XlsxReader.read(bomb, XlsxReader.Limits.DEFAULT, (n, cells) -> first.addAll(cells));
    assertThat(first).containsExactly("A".repeat(200));
  }
}
