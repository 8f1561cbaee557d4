package org.onedoor.demo;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A streaming CSV file as Excel writes it: UTF-8 with a byte order mark, CRLF line ends, fields
 * quoted (RFC 4180) only when they hold a comma, a quote, CR or LF. Counts data rows and computes
 * the SHA-256 of the bytes while writing.
 */
final class CsvOut implements Closeable {

  private final MessageDigest digest;
  private final BufferedWriter out;
  private long rows;
  private String sha256;

  CsvOut(Path file, String... header) throws IOException {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    OutputStream stream = new DigestOutputStream(Files.newOutputStream(file), digest);
    out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write('\uFEFF');
    writeRow(header);
  }

  /** Writes one data row. */
  void row(String... fields) throws IOException {
    writeRow(fields);
    rows++;
  }

  private void writeRow(String[] fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      field(fields[i] == null ? "" : fields[i]);
    }
    out.write("\r\n");
  }

  private void field(String value) throws IOException {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      out.write(value);
      return;
    }
    out.write('"');
    out.write(value.replace("\"", "\"\""));
    out.write('"');
  }

  long rows() {
    return rows;
  }

  /** The file's SHA-256 in lower-case hex; only after {@link #close()}. */
  String sha256() {
    return sha256;
  }

  @Override
  public void close() throws IOException {
    if (sha256 == null) {
      out.close();
      sha256 = HexFormat.of().formatHex(digest.digest());
    }
  }
}
