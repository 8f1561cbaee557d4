package org.onedoor;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Steps of an end-to-end test through the engine as people take them: the due jobs of an instance run
 * explicitly, a task found by its activity, and a form submitted as its user (with the user's groups, so
 * the task listeners' checks of who may complete it apply).
 */
public final class ProcessSteps {

  private final ProcessEngine engine;

  public ProcessSteps(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Runs the jobs of the instance that exist now (no timers brought forward). */
  public void runJobs(String processInstance) {
    for (Job job : engine.getManagementService().createJobQuery().processInstanceId(processInstance).list()) {
      engine.getManagementService().executeJob(job.getId());
    }
  }

  /** The one task of the instance at {@code activity}. */
  public Task task(String processInstance, String activity) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstance)
        .taskDefinitionKey(activity).singleResult();
  }

  /** Submits the task's form as {@code user}. */
  public void complete(Task task, String user, Map<String, Object> variables) {
    var identity = engine.getIdentityService();
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    try {
      engine.getFormService().submitTaskForm(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }
}
