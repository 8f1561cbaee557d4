package org.onedoor.security;

/**
 * The roles of onedoor staff. Each role is a Camunda group ({@link #groupId()}); combined with a
 * department it is also a work group ({@code market-chief}) that BPMN models use as candidate group.
 */
public enum Role {
  INSPECTOR("inspector", "检查员"),
  CHIEF("chief", "科长"),
  LEGAL_REVIEWER("legal-reviewer", "法制审核员"),
  MANAGER("manager", "监管主管"),
  /** The department's case-handling unit (办案机构): receives transferred case clues (移送, 立案). */
  CASE_HANDLER("case-handler", "办案人员"),
  /**
   * A monitoring platform's account (issue 15): sends readings to {@code POST /api/v1/monitoring/records};
   * no Tasklist, no work group, no task.
   */
  MONITORING_SYSTEM("monitoring-system", "监测平台接口"),
  ADMIN("admin", "系统管理员");

  /** Camunda's own administrators group; the admin role maps onto it. */
  public static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

  private final String code;
  private final String chineseName;

  Role(String code, String chineseName) {
    this.code = code;
    this.chineseName = chineseName;
  }

  public String code() {
    return code;
  }

  public String chineseName() {
    return chineseName;
  }

  /** The role group every holder of the role belongs to. */
  public String groupId() {
    return this == ADMIN ? CAMUNDA_ADMIN_GROUP : "role-" + code;
  }

  /** The group of this role within one department, e.g. {@code market-chief}. */
  public String workGroupId(String departmentCode) {
    return departmentCode + "-" + code;
  }

  /** Roles that work inside a department and get a department work group and Tasklist filter. */
  public boolean isDepartmental() {
    return this != ADMIN && this != MONITORING_SYSTEM;
  }

  public static Role fromCode(String code) {
    for (Role role : values()) {
      if (role.code.equals(code)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + code + "'");
  }
}
