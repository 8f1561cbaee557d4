package org.onedoor.platform.tasks;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda grants a task's assignee and owner a user authorization on it (READ and UPDATE, Camunda's
 * {@code defaultUserPermissionForTask}) and never takes it back: after an unclaim, a reassignment or
 * a delegation the former holder would keep reading and updating the task. Here the former
 * assignee's or owner's own grant on the task is removed, unless they still hold the task another
 * way (assignee, owner, candidate user). Access through a candidate group is the group's grant and stays.
 */
class FormerAssigneesLoseTheTask extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
    revoke(task, oldAssignee, newAssignee);
    return super.newTaskAssignee(task, oldAssignee, newAssignee);
  }

  @Override
  public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
    revoke(task, oldOwner, newOwner);
    return super.newTaskOwner(task, oldOwner, newOwner);
  }

  @Override
  public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
    if (IdentityLinkType.CANDIDATE.equals(type)) {
      revoke(task, userId, null);
    }
    return super.deleteTaskUserIdentityLink(task, userId, type);
  }

  private static void revoke(Task task, String former, String next) {
    if (former == null || former.equals(next) || stillHolds(task, former)) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return;
    }
    AuthorizationManager authorizations = context.getAuthorizationManager();
    AuthorizationEntity grant = authorizations.findAuthorizationByUserIdAndResourceId(
        Authorization.AUTH_TYPE_GRANT, former, Resources.TASK, task.getId());
    if (grant != null) {
      authorizations.delete(grant);
    }
  }

  private static boolean stillHolds(Task task, String user) {
    if (user.equals(task.getAssignee()) || user.equals(task.getOwner())) {
      return true;
    }
    return task instanceof TaskEntity entity && entity.getIdentityLinks().stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && user.equals(link.getUserId()));
  }
}
