package org.onedoor.catalog;

import java.util.Arrays;
import java.util.Optional;

/** General items have a capped sampling ratio; key items have no upper limit (R1, R13). */
public enum ItemKind {
  GENERAL("general", "一般"),
  KEY("key", "重点");

  private final String code;
  private final String label;

  ItemKind(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<ItemKind> parse(String value) {
    String v = value == null ? "" : value.strip();
    return Arrays.stream(values()).filter(k -> k.code.equals(v) || k.label.equals(v)).findFirst();
  }
}
