package org.onedoor.inspection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The R7 result codes of a department's check (one provincial system's codes) and the follow-up measures. */
public final class ResultCodes {

  private ResultCodes() {}

  /** Every R7 code with its published label, in the order the form shows them. */
  public static final Map<String, String> LABELS = labels();

  /** Codes saying a problem was found: at least one content line must say "problem found". */
  public static final Set<String> PROBLEM_FOUND = Set.of("E", "A", "B", "C", "D", "3", "4", "5", "G");
  /** Codes whose remarks must say what was found, refused or could not be done. */
  public static final Set<String> REMARKS_REQUIRED = Set.of("A", "E", "8", "B", "C", "6");
  public static final String NO_PROBLEM = "1";

  /** Follow-up measures (R7, multi-select) with their labels. */
  public static final Map<String, String> FOLLOW_UPS = followUps();
  public static final String NONE = "none";
  public static final String RECTIFY = "rectify";
  public static final String TRANSFER = "transfer";
  public static final String NOTIFY = "notify";

  /** Per content line. */
  public static final Map<String, String> ANSWERS = Map.of("conforms", "符合", "problem", "发现问题", "na", "不适用");

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("1", "未发现问题");
    m.put("E", "发现问题经责令已改正");
    m.put("A", "发现问题待后续处理");
    m.put("B", "未按规定公示应当公示的信息");
    m.put("C", "公示信息隐瞒真实情况、弄虚作假");
    m.put("6", "通过登记的住所（经营场所）无法联系");
    m.put("D", "违反其他规定（本部门）");
    m.put("3", "违反其他规定（其他部门）");
    m.put("4", "违反其他规定（其他部门）");
    m.put("5", "违反其他规定（其他部门）");
    m.put("G", "违反其他规定");
    m.put("F", "未发现开展本次抽查涉及的经营活动");
    m.put("7", "已关闭停业或正在组织清算");
    m.put("8", "不配合检查情节严重");
    m.put("9", "已注销");
    m.put("10", "已被吊销营业执照");
    m.put("11", "已被撤销登记");
    m.put("12", "已迁出");
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, String> followUps() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(NONE, "无");
    m.put("routine", "转日常监管");
    m.put(RECTIFY, "责令限期改正并复查");
    m.put(TRANSFER, "移送案件线索（立案）");
    m.put(NOTIFY, "抄告相关部门");
    return Collections.unmodifiableMap(m);
  }

  public static String label(String code) {
    return LABELS.getOrDefault(code, code);
  }
}
