package org.onedoor.catalog;

import java.util.Arrays;
import java.util.Optional;

/** A value stored by an English code that files and forms may also give by its Chinese label. */
interface Labelled {

  String code();

  String label();

  /** The constant whose code or label is {@code value} (surrounding blanks ignored). */
  static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String value) {
    String v = value == null ? "" : value.strip();
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.code().equals(v) || e.label().equals(v))
        .findFirst();
  }
}
