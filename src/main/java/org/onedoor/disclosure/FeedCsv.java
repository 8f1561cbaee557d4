package org.onedoor.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as Excel opens it in China: UTF-8 with a byte-order mark (without it Excel reads GBK and
 * garbles every Chinese character), CRLF line ends, RFC 4180 quoting. A cell that Excel would
 * take for a formula ({@code = + - @}, tab, CR) gets a leading apostrophe, so a published name
 * can never run as a formula on a reader's machine.
 */
final class FeedCsv implements FeedReader.RowSink {

  static final char BOM = '\uFEFF';

  private final Writer out;
  private long rows;

  FeedCsv(Writer out, List<String> header) {
    this.out = out;
    write(String.valueOf(BOM));
    row(header);
    rows = 0;
  }

  @Override
  public void row(List<String> values) {
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(cell(values.get(i)));
    }
    line.append("\r\n");
    write(line.toString());
    rows++;
  }

  /** Data rows written (the header not counted). */
  long rows() {
    return rows;
  }

  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String v = value;
    char first = v.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
