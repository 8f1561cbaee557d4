package org.onedoor.draw;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "匹配执法人员": inspectors for each drawn entity and department; too few eligible → flags. */
@Component
public class MatchInspectorsDelegate implements JavaDelegate {

  static final String SYSTEM_ACTOR = "onedoor";

  private final DrawService draws;

  public MatchInspectorsDelegate(DrawService draws) {
    this.draws = draws;
  }

  @Override
  public void execute(DelegateExecution execution) {
    InspectorMatcherV1.MatchResult result = draws.match(
        execution.getProcessBusinessKey(), org.onedoor.plan.PlanLifecycle.batchOf(execution), SYSTEM_ACTOR, ClockUtil.now().toInstant());
    execution.setVariable("matchingFlags", result.flags().size());
  }
}
