package org.onedoor.security;

import java.util.List;
import java.util.Map;

/**
 * A process that people start themselves (in Tasklist's start form or over the engine REST API),
 * declared by the feature that owns it. Only these processes get CREATE_INSTANCE ({@link
 * IdentitySeeder}); every other process is started by the application alone. {@link
 * EngineApiGuard} checks each person start against its rule before the engine runs it: the
 * process's start form declares the variables a person may set, the initiator is the signed-in user,
 * and {@link #check} adds what the feature requires (the department acting is the user's own, …).
 */
public interface PersonStartRule {

  /** The process definition key. */
  String processKey();

  /**
   * Refuses a start the user may not make: throw {@link PersonStartRule.Refused} (403) or a {@code
   * BadRequestException} (400 naming the field). The default accepts.
   */
  default void check(Starter starter, Map<String, Object> variables) {}

  /** Who starts: the signed-in user and their groups (departments, roles, work groups). */
  record Starter(String userId, List<String> groupIds) {

    public boolean belongsTo(String group) {
      return group != null && groupIds.contains(group);
    }

    /** Refuses unless the department named by {@code variable} is one the user belongs to. */
    public void requireOwnDepartment(Map<String, Object> variables, String variable) {
      Object department = variables.get(variable);
      if (department instanceof String code && !code.isBlank() && !belongsTo(code)) {
        throw new Refused(variable + ": 只能以本人所在部门的名义发起（" + userId + " 不属于 " + code + "）"
            + " / only on behalf of one's own department");
      }
    }
  }

  /** The user may not make this start (HTTP 403). */
  class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }
}
