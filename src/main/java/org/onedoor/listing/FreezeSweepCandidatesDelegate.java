package org.onedoor.listing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "冻结未年报名单": freezes the sweep's candidates and shows their number ({@code candidates}). */
@Component
public class FreezeSweepCandidatesDelegate implements JavaDelegate {

  private final ListingSweep sweeps;

  public FreezeSweepCandidatesDelegate(ListingSweep sweeps) {
    this.sweeps = sweeps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("candidates", sweeps.freeze(((Number) execution.getVariable("sweepId")).longValue()));
  }
}
