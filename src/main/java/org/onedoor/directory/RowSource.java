package org.onedoor.directory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.onedoor.platform.spreadsheet.XlsxReader;

/**
 * The rows of an uploaded file, whatever its format: a CSV (in a charset) or the first sheet of an
 * .xlsx workbook. Each row comes with its number as a spreadsheet shows it (the header is row 1).
 * Every import kind reads its file through this, so CSV and XLSX are read alike.
 */
@FunctionalInterface
public interface RowSource {

  /** Receives each row; returns false to stop reading. */
  @FunctionalInterface
  interface Handler {
    boolean row(long rowNumber, List<String> cells) throws IOException;
  }

  /** Streams the rows to {@code handler}, in file order. */
  void read(Handler handler) throws IOException;

  /** The magic bytes of a zip file, hence of an .xlsx workbook. */
  byte[] ZIP = {'P', 'K', 3, 4};

  /** The magic bytes of an OLE2 compound file: a legacy .xls or an encrypted workbook. */
  byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

  static boolean isXlsx(Path file) throws IOException {
    return ImportFile.startsWith(file, ZIP);
  }

  static boolean isLegacyExcel(Path file) throws IOException {
    return ImportFile.startsWith(file, OLE2);
  }

  /**
   * Passes the first row to {@code header} and counts the rows after it, stopping once there are
   * more than {@code limit}. Decodes the whole file strictly (an undecodable byte is a {@link
   * java.nio.charset.CharacterCodingException}) like {@link #read}.
   */
  default long count(Handler header, long limit) throws IOException {
    long[] rows = {0};
    boolean[] first = {true};
    read((number, cells) -> {
      if (first[0]) {
        first[0] = false;
        return header.row(number, cells);
      }
      return ++rows[0] <= limit;
    });
    return rows[0];
  }

  static RowSource csv(Path file, Charset charset) {
    return new RowSource() {
      @Override
      public void read(Handler handler) throws IOException {
        try (CsvReader csv = new CsvReader(ImportFile.open(file, charset))) {
          List<String> record;
          while ((record = csv.next()) != null) {
            if (!handler.row(csv.recordNumber(), record)) {
              return;
            }
          }
        }
      }

      /** Reads the header row only; the other rows are passed over without building their cells. */
      @Override
      public long count(Handler header, long limit) throws IOException {
        try (CsvReader csv = new CsvReader(ImportFile.open(file, charset))) {
          List<String> first = csv.next();
          if (first == null || !header.row(csv.recordNumber(), first)) {
            return 0;
          }
          long rows = 0;
          while (rows <= limit && csv.skip()) {
            rows++;
          }
          return rows;
        }
      }
    };
  }

  /** The first worksheet; rows Excel leaves out (never filled) are not passed on. */
  static RowSource xlsx(Path file, XlsxReader.Limits limits) {
    return handler -> XlsxReader.read(file, limits, handler::row);
  }
}
