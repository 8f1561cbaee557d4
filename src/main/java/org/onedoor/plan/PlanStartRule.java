package org.onedoor.plan;

import java.util.Map;
import org.onedoor.security.PersonStartRule;
import org.springframework.stereotype.Component;

/**
 * A chief drafts a sampling plan in Tasklist's start form ({@code plan-start}): only for a lead
 * department they belong to. 登记计划 then validates the plan like {@code POST /api/v1/plans}.
 */
@Component
public class PlanStartRule implements PersonStartRule {

  @Override
  public String processKey() {
    return PlanService.PROCESS;
  }

  @Override
  public void check(Starter starter, Map<String, Object> variables) {
    starter.requireOwnDepartment(variables, "leadDepartment");
  }
}
