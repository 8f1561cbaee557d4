package org.onedoor.credit;

import java.util.Map;
import org.onedoor.security.PersonStartRule;
import org.springframework.stereotype.Component;

/** A chief registers a risk warning in Tasklist's start form ({@code risk-warning-start}) for their own department. */
@Component
public class RiskWarningStartRule implements PersonStartRule {

  static final String PROCESS = "risk-warning";

  @Override
  public String processKey() {
    return PROCESS;
  }

  @Override
  public void check(Starter starter, Map<String, Object> variables) {
    starter.requireOwnDepartment(variables, "department");
  }
}
