package org.onedoor.rectification;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Only a candidate user of the task (a re-check candidate named by the joint inspection) completes it. */
final class CandidateCheck {

  private CandidateCheck() {}

  static void requireCandidate(DelegateTask task, String user, String what) {
    boolean candidate = user != null && task.getCandidates().stream()
        .anyMatch(link -> user.equals(link.getUserId()));
    if (!candidate) {
      throw new AuthorizationException("只有指定的复查人员可以" + what + "（" + task.getExecution().getProcessBusinessKey() + "）");
    }
  }
}
