package org.onedoor.directory;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, S, V, Z); the last is a check
 * character over the first 17 (weights 3^i mod 31).
 */
public final class Uscc {

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  public static final int LENGTH = 18;

  private Uscc() {}

  /** Why {@code code} is not a valid USCC, or empty when it is. */
  public static Optional<String> problem(String code) {
    if (code == null || code.isEmpty()) {
      return Optional.of("统一社会信用代码为空");
    }
    if (code.length() != LENGTH) {
      return Optional.of("统一社会信用代码应为18位，实为" + code.length() + "位");
    }
    for (int i = 0; i < LENGTH; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Optional.of(
            "第" + (i + 1) + "位字符“" + code.charAt(i) + "”不允许（只允许数字和除 I、O、S、V、Z 以外的大写字母）");
      }
    }
    char expected = checkCharacter(code.substring(0, LENGTH - 1));
    if (code.charAt(LENGTH - 1) != expected) {
      return Optional.of("校验位应为“" + expected + "”，实为“" + code.charAt(LENGTH - 1) + "”");
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** The check character for the first 17 characters of a code. */
  public static char checkCharacter(String first17) {
    if (first17.length() != LENGTH - 1) {
      throw new IllegalArgumentException("need 17 characters, got " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      int value = ALPHABET.indexOf(first17.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("character '" + first17.charAt(i) + "' is not allowed");
      }
      sum += value * WEIGHTS[i];
    }
    int check = (31 - sum % 31) % 31;
    return ALPHABET.charAt(check);
  }

  /** Upper-cases and trims what a user typed; does not validate. */
  public static String normalise(String input) {
    return input == null ? null : input.strip().toUpperCase(java.util.Locale.ROOT);
  }
}
