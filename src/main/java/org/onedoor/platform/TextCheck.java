package org.onedoor.platform;

import java.util.Optional;
import org.onedoor.platform.web.BadRequestException.FieldError;

/**
 * The one check every name and text field passes (issue 13): no control characters and no
 * bidirectional formatting. A name with U+202E (RIGHT-TO-LEFT OVERRIDE) displays reversed, so
 * "某某公司\u202E阿里" could impersonate another business on the public site; NUL and other C0/C1
 * controls corrupt files, logs and exports.
 *
 * <p>Refused: C0 controls U+0000–U+001F and DEL U+007F (tab, line feed and carriage return only in
 * multi-line text), C1 controls U+0080–U+009F, the bidirectional embeddings and overrides
 * U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E/U+200F/U+061C, the line and paragraph
 * separators U+2028/U+2029 in single-line names, and unpaired surrogates. Chinese, emoji (paired
 * surrogates) and ordinary punctuation pass.
 */
public final class TextCheck {

  private TextCheck() {}

  /** What is wrong with a single-line name or value, in Chinese; empty when nothing is. */
  public static Optional<String> singleLine(String text) {
    return problem(text, false);
  }

  /** What is wrong with a multi-line text (tab and line breaks allowed); empty when nothing is. */
  public static Optional<String> multiLine(String text) {
    return problem(text, true);
  }

  /** Adds a 400 entry naming {@code field} when the single-line {@code text} is refused. */
  public static void singleLine(java.util.List<FieldError> errors, String field, String text) {
    singleLine(text).ifPresent(p -> errors.add(new FieldError(field, p)));
  }

  /** Adds a 400 entry naming {@code field} when the multi-line {@code text} is refused. */
  public static void multiLine(java.util.List<FieldError> errors, String field, String text) {
    multiLine(text).ifPresent(p -> errors.add(new FieldError(field, p)));
  }

  private static Optional<String> problem(String text, boolean multiLine) {
    if (text == null) {
      return Optional.empty();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      String name = refused(c, multiLine);
      if (name != null) {
        return Optional.of("第 " + (i + 1) + " 个字符是不允许的" + name + "（U+" + String.format("%04X", (int) c) + "）");
      }
    }
    return Optional.empty();
  }

  private static String refused(char c, boolean multiLine) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return multiLine ? null : "换行或制表符";
    }
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
      return "控制字符";
    }
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
      return "文字方向控制符";
    }
    if (c == 0x2028 || c == 0x2029) {
      return multiLine ? null : "换行符";
    }
    if (Character.isSurrogate(c)) {
      return "不成对的代理字符";
    }
    return null;
  }
}
