package org.onedoor.directory;

import java.util.Optional;

/** The 18-character resident ID number (GB 11643-1999): 17 digits and a check character. */
public final class IdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private IdNumber() {}

  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  public static Optional<String> problem(String value) {
    if (value == null || !value.matches("\\d{17}[\\dX]")) {
      return Optional.of("身份证号应为 17 位数字加 1 位数字或 X");
    }
    char expected = checkCharacter(value.substring(0, 17));
    return value.charAt(17) == expected
        ? Optional.empty()
        : Optional.of("身份证号校验位应为“" + expected + "”");
  }
}
