package org.onedoor.directory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The character set of an uploaded file: declared (UTF-8, GBK or GB18030), or detected — a UTF-8
 * byte order mark, else valid UTF-8 throughout, else GB18030 (a superset of GBK, what Chinese Excel
 * writes).
 */
public final class ImportFile {

  public static final Charset GBK = Charset.forName("GBK");
  public static final Charset GB18030 = Charset.forName("GB18030");

  private ImportFile() {}

  /** The charset a user declared, if it is one of those accepted; empty for an unknown name. */
  public static Optional<Charset> declared(String name) {
    return switch (name.strip().toUpperCase(Locale.ROOT).replace("_", "-")) {
      case "UTF-8", "UTF8" -> Optional.of(StandardCharsets.UTF_8);
      case "GBK" -> Optional.of(GBK);
      case "GB18030" -> Optional.of(GB18030);
      default -> Optional.empty();
    };
  }

  public static boolean startsWith(Path file, byte... prefix) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(prefix.length);
      return java.util.Arrays.equals(head, prefix);
    }
  }

  public static boolean hasUtf8Bom(Path file) throws IOException {
    return startsWith(file, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
  }

  /** Detects the charset of a file (reads it through once). */
  public static Charset detect(Path file) throws IOException {
    if (hasUtf8Bom(file)) {
      return StandardCharsets.UTF_8;
    }
    return isValidUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
  }

  static boolean isValidUtf8(Path file) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(65_536);
    CharBuffer out = CharBuffer.allocate(65_536);
    try (InputStream stream = Files.newInputStream(file)) {
      boolean end = false;
      while (!end) {
        int n = stream.read(in.array(), in.position(), in.remaining());
        if (n < 0) {
          end = true;
        } else {
          in.position(in.position() + n);
        }
        in.flip();
        CoderResult result = decoder.decode(in, out, end);
        if (result.isError()) {
          return false;
        }
        in.compact();
        out.clear();
      }
      return !decoder.flush(out).isError();
    }
  }

  /**
   * A reader of the file's text: strict (an undecodable byte is an error, not a replacement
   * character), without a leading byte order mark.
   */
  public static Reader open(Path file, Charset charset) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536);
    if (charset.equals(StandardCharsets.UTF_8)) {
      in.mark(3);
      byte[] head = in.readNBytes(3);
      if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
        in.reset();
      }
    }
    return new InputStreamReader(
        in,
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
