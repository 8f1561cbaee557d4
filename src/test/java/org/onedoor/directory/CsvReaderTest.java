package org.onedoor.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

  static List<List<String>> read(String text) throws IOException {
    List<List<String>> records = new ArrayList<>();
    try (CsvReader csv = new CsvReader(new StringReader(text))) {
      List<String> record;
      while ((record = csv.next()) != null) {
        records.add(record);
      }
    }
    return records;
  }

  static long skipAll(String text) throws IOException {
    try (CsvReader csv = new CsvReader(new StringReader(text))) {
      long n = 0;
      while (csv.skip()) {
        n++;
        assertThat(csv.recordNumber()).isEqualTo(n);
      }
      return n;
    }
  }

  @Test
  void skippingCountsTheRecordsReadingFindsAndFailsAlike() throws IOException {
    for (String text : List.of("a,b,c\r\n1,2,3\n4,5,6\r7,8,9", "a,b\r\n", "", "\n\n", "\"x\r\ny\",\"a,b\"\"c\"\n2,\"\"\r3",
        "ab\"c,\"d\"e\n\"\"\"\"\n", "a\r", "a\r\r\nb")) {
      assertThat(skipAll(text)).as(text).isEqualTo(read(text).size());
    }
    assertThatThrownBy(() -> skipAll("a\n\"open,\nstill open")).isInstanceOf(CsvReader.CsvFormatException.class)
        .hasMessageContaining("第 2 行");
    assertThatThrownBy(() -> skipAll("x\n" + ",".repeat(CsvReader.MAX_FIELDS)))
        .isInstanceOf(CsvReader.CsvFormatException.class).hasMessageContaining(String.valueOf(CsvReader.MAX_FIELDS));
    assertThatThrownBy(() -> skipAll("\"" + "x".repeat(CsvReader.MAX_FIELD_LENGTH + 1) + "\""))
        .isInstanceOf(CsvReader.CsvFormatException.class).hasMessageContaining(String.valueOf(CsvReader.MAX_FIELD_LENGTH));
    // exactly at the limits is fine, as for next()
    assertThat(skipAll("x".repeat(CsvReader.MAX_FIELD_LENGTH))).isEqualTo(read("x".repeat(CsvReader.MAX_FIELD_LENGTH)).size());
  }

  @Test
  void plainFieldsAndEveryLineEnding() throws IOException {
    assertThat(read("a,b,c\r\n1,2,3\n4,5,6\r7,8,9"))
        .containsExactly(List.of("a", "b", "c"), List.of("1", "2", "3"), List.of("4", "5", "6"), List.of("7", "8", "9"));
  }

  @Test
  void aFinalLineBreakDoesNotMakeAnEmptyRecord() throws IOException {
    assertThat(read("a,b\r\n")).containsExactly(List.of("a", "b"));
    assertThat(read("")).isEmpty();
  }

  @Test
  void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
    assertThat(read("\"深圳市,南山区\",\"他说\"\"你好\"\"\",\"第一行\r\n第二行\"\r\nx,y,z"))
        .containsExactly(List.of("深圳市,南山区", "他说\"你好\"", "第一行\r\n第二行"), List.of("x", "y", "z"));
  }

  @Test
  void emptyFieldsAndEmptyQuotedFields() throws IOException {
    assertThat(read(",\"\",,\n")).containsExactly(List.of("", "", "", ""));
    assertThat(read("\n")).containsExactly(List.of(""));
  }

  @Test
  void strayQuotesAreKeptAsExcelKeepsThem() throws IOException {
    assertThat(read("ab\"c,\"x\"y, \"z\"")).containsExactly(List.of("ab\"c", "xy", " \"z\""));
  }

  @Test
  void recordsAreNumberedAsSpreadsheetRowsEvenWithLineBreaksInsideQuotes() throws IOException {
    try (CsvReader csv = new CsvReader(new StringReader("h\n\"a\nb\nc\"\nd\n"))) {
      csv.next();
      assertThat(csv.recordNumber()).isEqualTo(1);
      csv.next();
      assertThat(csv.recordNumber()).isEqualTo(2);
      assertThat(csv.next()).containsExactly("d");
      assertThat(csv.recordNumber()).isEqualTo(3);
      assertThat(csv.next()).isNull();
    }
  }

  @Test
  void anUnclosedQuoteIsAnErrorNamingTheRow() {
    assertThatThrownBy(() -> read("a\nb\n\"c,d\ne\n"))
        .isInstanceOfSatisfying(CsvReader.CsvFormatException.class, e -> assertThat(e.row()).isEqualTo(3))
        .hasMessageContaining("第 3 行");
  }

  @Test
  void crAtTheEndOfABufferIsOneLineBreak() throws IOException {
    String line = "x".repeat(65_535) + "\r\n";
    assertThat(read(line + "y\r\n")).containsExactly(List.of("x".repeat(65_535)), List.of("y"));
  }

  @Test
  void charsetIsDetectedFromTheBomOrTheBytes(@TempDir Path dir) throws IOException {
    Path bom = dir.resolve("bom.csv");
    Files.write(bom, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "名称\n".getBytes(StandardCharsets.UTF_8)));
    Path utf8 = dir.resolve("utf8.csv");
    Files.writeString(utf8, "名称\n深圳\n", StandardCharsets.UTF_8);
    Path gbk = dir.resolve("gbk.csv");
    Files.write(gbk, "名称\n深圳\n".getBytes("GBK"));
    assertThat(ImportFile.detect(bom)).isEqualTo(StandardCharsets.UTF_8);
    assertThat(ImportFile.detect(utf8)).isEqualTo(StandardCharsets.UTF_8);
    assertThat(ImportFile.detect(gbk)).isEqualTo(ImportFile.GB18030);
    try (CsvReader csv = new CsvReader(ImportFile.open(bom, StandardCharsets.UTF_8))) {
      assertThat(csv.next()).containsExactly("名称");
    }
    try (CsvReader csv = new CsvReader(ImportFile.open(gbk, ImportFile.GB18030))) {
      csv.next();
      assertThat(csv.next()).containsExactly("深圳");
    }
    assertThat(ImportFile.declared("gbk")).contains(ImportFile.GBK);
    assertThat(ImportFile.declared("utf8")).contains(StandardCharsets.UTF_8);
    assertThat(ImportFile.declared("latin1")).isEmpty();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
