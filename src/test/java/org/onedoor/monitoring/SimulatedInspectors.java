package org.onedoor.monitoring;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The department's inspectors as the feed's year supposes them (benchmark and end-to-end test): once a week
 * they check every open warning of a source in Tasklist and conclude 已处置 (handled), which closes it —
 * so that the source's rules may raise the next. The job executor is off there: the start jobs of the
 * warnings (the process continues asynchronously after 监测模型预警) are run first.
 */
final class SimulatedInspectors {

  private final JdbcTemplate jdbc;
  private final ManagementService management;
  private final TaskService tasks;
  private final FormService forms;
  private final IdentityService identity;
  private final String inspector;

  SimulatedInspectors(JdbcTemplate jdbc, ManagementService management, TaskService tasks, FormService forms,
      IdentityService identity, String inspector) {
    this.jdbc = jdbc;
    this.management = management;
    this.tasks = tasks;
    this.forms = forms;
    this.identity = identity;
    this.inspector = inspector;
  }

  /** Checks every open warning of {@code feed} (status CHECKING); returns how many. */
  int checkAll(String feed) {
    // a warning whose process is not started yet (background) is checked next time
    List<String> instances = jdbc.queryForList("SELECT process_instance_id FROM credit_risk_warning WHERE feed = ?"
        + " AND status = 'CHECKING' AND process_instance_id IS NOT NULL AND process_instance_id <> 'starting'"
        + " ORDER BY id", String.class, feed);
    List<String> groups = identity.createGroupQuery().groupMember(inspector).list().stream().map(Group::getId).toList();
    int checked = 0;
    for (String instance : instances) {
      for (Job job : management.createJobQuery().processInstanceId(instance).list()) {
        management.executeJob(job.getId());
      }
      Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("CheckWarning").singleResult();
      if (task == null) {
        continue;
      }
      identity.setAuthentication(inspector, groups);
      try {
        forms.submitTaskForm(task.getId(), Map.of("conclusion", "handled", "findings", "已核查，企业已处置并复测正常"));
        checked++;
      } finally {
        identity.clearAuthentication();
      }
    }
    return checked;
  }
}
