package org.onedoor.catalog;

import java.util.Optional;

/** General items have a capped sampling ratio; key items have no upper limit (R1, R13). */
public enum ItemKind implements Labelled {
  GENERAL("general", "一般"),
  KEY("key", "重点");

  private final String code;
  private final String label;

  ItemKind(String code, String label) {
    this.code = code;
    this.label = label;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String label() {
    return label;
  }

  public static Optional<ItemKind> parse(String value) {
    return Labelled.parse(ItemKind.class, value);
  }
}
