package org.onedoor.directory;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming CSV reader (RFC 4180, as Excel writes it): fields separated by commas, records by
 * CRLF, LF or CR; a quoted field may hold commas, line breaks and doubled quotes. Lenient where
 * Excel is: a quote inside an unquoted field, or text after a closing quote, is kept as it is.
 * Records are numbered from 1, as a spreadsheet numbers its rows (a line break inside quotes does
 * not start a new row).
 */
public final class CsvReader implements Closeable {

  /** A file that cannot be read as CSV at all (not one bad row). */
  public static final class CsvFormatException extends IOException {
    private final long row;

    CsvFormatException(long row, String message) {
      super(message);
      this.row = row;
    }

    /** The row (record number) at which the problem starts. */
    public long row() {
      return row;
    }
  }

  /** Longest field accepted: longer is almost certainly an unclosed quote. */
  public static final int MAX_FIELD_LENGTH = 100_000;

  /** Most fields in one record. */
  public static final int MAX_FIELDS = 1_000;

  private final Reader reader;
  private final char[] buffer = new char[65_536];
  private int position;
  private int limit;
  private long records;

  public CsvReader(Reader reader) {
    this.reader = reader;
  }

  /** The number of the record last returned (1 for the first). */
  public long recordNumber() {
    return records;
  }

  /** The next record's fields, or null at the end of the input. */
  public List<String> next() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    records++;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false; // inside quotes
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new CsvFormatException(records, "第 " + records + " 行的引号没有闭合（直到文件结尾）");
        }
        if (c == '"') {
          int n = read();
          if (n == '"') {
            append(field, '"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          append(field, (char) c);
        }
      } else {
        if (c < 0 || c == '\n' || c == '\r') {
          fields.add(field.toString());
          if (c == '\r') {
            int n = read();
            if (n != '\n' && n >= 0) {
              position--; // a lone CR ends the record; keep what follows
            }
          }
          return fields;
        }
        if (c == ',') {
          fields.add(field.toString());
          if (fields.size() >= MAX_FIELDS) {
            throw new CsvFormatException(records, "第 " + records + " 行超过 " + MAX_FIELDS + " 列");
          }
          field.setLength(0);
        } else if (c == '"' && field.isEmpty()) {
          quoted = true;
        } else {
          append(field, (char) c);
        }
      }
      c = read();
    }
  }

  /**
   * Passes over the next record exactly as {@link #next} reads it (same record boundaries, same
   * limits, same errors) without building its fields; false at the end of the input. For counting
   * the rows of a file before importing it.
   */
  public boolean skip() throws IOException {
    int c = read();
    if (c < 0) {
      return false;
    }
    records++;
    int fields = 0;
    int length = 0;
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new CsvFormatException(records, "第 " + records + " 行的引号没有闭合（直到文件结尾）");
        }
        if (c == '"') {
          int n = read();
          if (n != '"') {
            quoted = false;
            c = n;
            continue;
          }
        }
        length = grow(length);
      } else {
        if (c < 0 || c == '\n' || c == '\r') {
          if (c == '\r') {
            int n = read();
            if (n != '\n' && n >= 0) {
              position--;
            }
          }
          return true;
        }
        if (c == ',') {
          if (++fields >= MAX_FIELDS) {
            throw new CsvFormatException(records, "第 " + records + " 行超过 " + MAX_FIELDS + " 列");
          }
          length = 0;
        } else if (c == '"' && length == 0) {
          quoted = true;
        } else {
          length = grow(length);
        }
      }
      c = read();
    }
  }

  private int grow(int length) throws CsvFormatException {
    if (length >= MAX_FIELD_LENGTH) {
      throw new CsvFormatException(
          records, "第 " + records + " 行有单元格超过 " + MAX_FIELD_LENGTH + " 个字符（引号可能没有闭合）");
    }
    return length + 1;
  }

  private void append(StringBuilder field, char c) throws CsvFormatException {
    if (field.length() >= MAX_FIELD_LENGTH) {
      throw new CsvFormatException(
          records, "第 " + records + " 行有单元格超过 " + MAX_FIELD_LENGTH + " 个字符（引号可能没有闭合）");
    }
    field.append(c);
  }

  private int read() throws IOException {
    if (position >= limit) {
      limit = reader.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++];
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
