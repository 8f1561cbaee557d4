package org.onedoor.directory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of an entity: the public file format (Chinese and English header names), what a cell
 * may hold and what an empty cell means. {@link #parse} turns a cell into a stored value or says
 * why it cannot.
 */
public enum EntityColumn {
  USCC("uscc", "统一社会信用代码", 18),
  NAME("name", "名称", 200),
  TYPE("type", "类型", 50),
  CATEGORY("category", "行业门类", 100),
  SUBCATEGORY("subcategory", "行业小类", 100),
  UNIT("unit", "管辖单位", 100),
  REGION("region", "区域", 100),
  ADDRESS("address", "注册地址", 500),
  LEGAL_REPRESENTATIVE("legalRepresentative", "法定代表人", 100),
  ESTABLISHED_ON("establishedOn", "成立日期", 10),
  STATUS("status", "登记状态", 50),
  CREDIT_CLASS("creditClass", "信用等级", 10),
  RISK_LEVEL("riskLevel", "风险等级", 10),
  TAGS("tags", "监管标签", 1000),
  COMMITMENT("commitment", "信用承诺", 10);

  /** Entity types (R2) and the labels a file may use for them. */
  public static final Map<String, String> TYPES =
      labels(
          "enterprise", "企业",
          "cooperative", "农民专业合作社",
          "individual", "个体工商户",
          "foreign_office", "外国企业常驻代表机构");

  /** Registration statuses; 存续 and 在营 both mean active. */
  public static final Map<String, String> STATUSES =
      labels(
          "active", "存续",
          "active", "在营",
          "abnormal", "列入经营异常名录",
          "deregistered", "注销",
          "revoked", "吊销",
          "moved_out", "迁出");

  public static final Map<String, String> CREDIT_CLASSES = labels("A", "A级", "B", "B级", "C", "C级", "D", "D级");

  public static final Map<String, String> RISK_LEVELS =
      labels("high", "高", "medium", "中", "low", "低", "high", "高风险", "medium", "中风险", "low", "低风险");

  /** Separators between supervision tags in a cell. */
  static final String TAG_SEPARATORS = "[、;；]";

  public static final String DEFAULT_TYPE = "enterprise";
  public static final String DEFAULT_STATUS = "active";
  public static final String DEFAULT_CREDIT_CLASS = "B";
  public static final String DEFAULT_RISK_LEVEL = "medium";

  private final String english;
  private final String chinese;
  private final int maxLength;

  EntityColumn(String english, String chinese, int maxLength) {
    this.english = english;
    this.chinese = chinese;
    this.maxLength = maxLength;
  }

  public String english() {
    return english;
  }

  public String chinese() {
    return chinese;
  }

  public int maxLength() {
    return maxLength;
  }

  public boolean required() {
    return this == USCC || this == NAME;
  }

  /** The column a header cell names (Chinese, or English in any case), if any. */
  public static Optional<EntityColumn> byHeader(String header) {
    String h = header == null ? "" : header.strip();
    for (EntityColumn c : values()) {
      if (c.chinese.equals(h) || c.english.equalsIgnoreCase(h)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** A parsed cell: the value to store, or why not. */
  public record Parsed(Object value, String problem) {
    static Parsed ok(Object value) {
      return new Parsed(value, null);
    }

    static Parsed bad(String problem) {
      return new Parsed(null, problem);
    }

    public boolean isOk() {
      return problem == null;
    }
  }

  /**
   * Parses one cell. An empty cell of an optional column gives the column's default: see {@link
   * #defaultValue()}.
   */
  public Parsed parse(String cell) {
    String text = cell == null ? "" : cell.strip();
    if (text.isEmpty()) {
      return required() ? Parsed.bad(chinese + "为必填项") : Parsed.ok(defaultValue());
    }
    if (this != USCC && text.length() > maxLength) {
      return Parsed.bad("长度 " + text.length() + " 超过上限 " + maxLength + " 个字符");
    }
    // an address may run over lines (as Excel and the template allow); every other cell is one line
    java.util.Optional<String> unsafe = this == ADDRESS
        ? org.onedoor.platform.TextCheck.multiLine(text) : org.onedoor.platform.TextCheck.singleLine(text);
    if (unsafe.isPresent()) {
      return Parsed.bad(unsafe.get());
    }
    switch (this) {
      case USCC -> {
        String code = Uscc.normalise(text);
        return Uscc.problem(code).map(Parsed::bad).orElseGet(() -> Parsed.ok(code));
      }
      case TYPE -> {
        return oneOf(text, TYPES);
      }
      case STATUS -> {
        return oneOf(text, STATUSES);
      }
      case CREDIT_CLASS -> {
        return oneOf(text.toUpperCase(Locale.ROOT), CREDIT_CLASSES);
      }
      case RISK_LEVEL -> {
        return oneOf(text, RISK_LEVELS);
      }
      case ESTABLISHED_ON -> {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
          return Parsed.bad("“" + text + "”不是 YYYY-MM-DD 格式的日期");
        }
        try {
          return Parsed.ok(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
          return Parsed.bad("“" + text + "”不是有效日期");
        }
      }
      case COMMITMENT -> {
        return switch (text.toLowerCase(Locale.ROOT)) {
          case "是", "true", "yes", "y", "1" -> Parsed.ok(Boolean.TRUE);
          case "否", "false", "no", "n", "0" -> Parsed.ok(Boolean.FALSE);
          default -> Parsed.bad("“" + text + "”应为 是 或 否（true/false）");
        };
      }
      case TAGS -> {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String tag : text.split(TAG_SEPARATORS)) {
          if (!tag.isBlank()) {
            tags.add(tag.strip());
          }
        }
        return Parsed.ok(List.copyOf(tags));
      }
      default -> {
        return Parsed.ok(text);
      }
    }
  }

  /** What an empty cell, or a column the file lacks, gives a new entity. */
  public Object defaultValue() {
    return switch (this) {
      case TYPE -> DEFAULT_TYPE;
      case STATUS -> DEFAULT_STATUS;
      case CREDIT_CLASS -> DEFAULT_CREDIT_CLASS;
      case RISK_LEVEL -> DEFAULT_RISK_LEVEL;
      case COMMITMENT -> Boolean.FALSE;
      case TAGS -> List.of();
      case ESTABLISHED_ON, USCC, NAME -> null;
      default -> "";
    };
  }

  private static Parsed oneOf(String text, Map<String, String> labels) {
    String code = labels.get(text);
    if (code == null) {
      code = labels.get(text.toLowerCase(Locale.ROOT));
    }
    if (code != null) {
      return Parsed.ok(code);
    }
    return Parsed.bad("“" + text + "”不是可用的值，应为 " + String.join("、", labels.keySet()) + " 之一");
  }

  /** Codes and labels (code, label, code, label, …) → a map from each code and each label to the code. */
  private static Map<String, String> labels(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.putIfAbsent(pairs[i], pairs[i]);
    }
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i + 1], pairs[i]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
