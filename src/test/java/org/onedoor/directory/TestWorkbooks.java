package org.onedoor.directory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Minimal .xlsx workbooks for import tests: strings inline, numbers, dates in a date format, date-times. */
public final class TestWorkbooks {

  /** An Excel serial shown in the built-in date-time format (m/d/yy h:mm). */
  public record DateTime(double serial) {}

  private TestWorkbooks() {}

  /** A workbook whose first sheet holds {@code rows} from row 1 (a null row leaves a gap). */
  public static byte[] xlsx(List<List<Object>> rows) {
    return xlsx(rows, Map.of());
  }

  /** A workbook with a shared-string table of {@code count} strings of {@code length} 'A's: a zip bomb when large. */
  static byte[] sharedStringBomb(int count, int length) {
    StringBuilder sst = new StringBuilder("<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    String text = "A".repeat(length);
    for (int i = 0; i < count; i++) {
      sst.append("<si><t>").append(text).append("</t></si>");
    }
    return xlsx(List.of(List.of("uscc", "name")), Map.of("xl/sharedStrings.xml", sst.append("</sst>").toString()));
  }

  static byte[] xlsx(List<List<Object>> rows, Map<String, String> extraParts) {
    StringBuilder sheet = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = rows.get(r);
      if (row == null) {
        continue;
      }
      sheet.append("<row r=\"").append(r + 1).append("\">");
      for (int c = 0; c < row.size(); c++) {
        Object value = row.get(c);
        String ref = (char) ('A' + c) + String.valueOf(r + 1);
        if (value == null || "".equals(value)) {
          continue;
        }
        if (value instanceof DateTime time) {
          sheet.append("<c r=\"").append(ref).append("\" s=\"2\"><v>").append(time.serial()).append("</v></c>");
        } else if (value instanceof LocalDate date) {
          long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), date);
          sheet.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(serial).append("</v></c>");
        } else if (value instanceof Number number) {
          sheet.append("<c r=\"").append(ref).append("\"><v>").append(number).append("</v></c>");
        } else {
          sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
              .append(escape(value.toString())).append("</t></is></c>");
        }
      }
      sheet.append("</row>");
    }
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    parts.put("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        + "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "</Relationships>");
    parts.put("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>");
    parts.put("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<sheetData>" + sheet + "</sheetData></worksheet>");
    parts.putAll(extraParts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
