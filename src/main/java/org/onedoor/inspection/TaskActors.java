package org.onedoor.inspection;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.onedoor.platform.ProcessValidation;

/** Who completes a joint-inspection task, and the rule that only the task's own candidates may. */
final class TaskActors {

  private TaskActors() {}

  static List<String> groups(DelegateTask task) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
  }

  /**
   * The completing user, who must be one of the task's candidate users or in one of its candidate
   * groups (the engine lets an assignee complete whatever was assigned; we do not). 403 otherwise.
   */
  static String requireCandidate(DelegateTask task, String refusal) {
    String user = ProcessValidation.actor(task);
    List<String> groups = groups(task);
    boolean candidate = user != null && task.getCandidates().stream().anyMatch(link ->
        (link.getUserId() != null && link.getUserId().equals(user))
            || (link.getGroupId() != null && groups.contains(link.getGroupId())));
    if (!candidate) {
      throw new AuthorizationException(refusal);
    }
    return user;
  }

  static String string(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : value.toString();
  }

  /** Clears submitted fields so the next task (another department, the next round) never reuses them. */
  static void clear(DelegateTask task, String... names) {
    for (String name : names) {
      task.removeVariable(name);
    }
  }

  static boolean isCreate(DelegateTask task) {
    return org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE.equals(task.getEventName());
  }
}
