package org.onedoor.catalog;

import java.util.Optional;

/** The check methods an item may allow (R7). Stored by code; files may use the Chinese label. */
public enum CheckMethod implements Labelled {
  ON_SITE("on-site", "现场检查"),
  DOCUMENTS("documents", "书面检查"),
  ONLINE("online", "网络监测"),
  TESTING("testing", "抽样检测"),
  ENTRUSTED("entrusted", "委托专业机构"),
  THIRD_PARTY("third-party", "采信第三方结果");

  private final String code;
  private final String label;

  CheckMethod(String code, String label) {
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

  public static Optional<CheckMethod> parse(String value) {
    return Labelled.parse(CheckMethod.class, value);
  }
}
