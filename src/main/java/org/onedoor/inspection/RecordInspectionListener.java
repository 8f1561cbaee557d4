package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.springframework.stereotype.Component;

/**
 * "现场检查" completed: only a drawn inspector of the task's department (a chief of it for a
 * flagged pair) may record (else 403), the result code and remarks are checked (else 400 naming
 * the field), and the department's result is recorded.
 */
@Component
public class RecordInspectionListener implements TaskListener {

  private final InspectionRecording recording;

  public RecordInspectionListener(InspectionRecording recording) {
    this.recording = recording;
  }

  @Override
  public void notify(DelegateTask task) {
    // the business key, not a variable: a submission could overwrite variables
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("department");
    String user = ProcessValidation.actor(task);
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    List<String> groups = auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds();
    // the task's own candidates tie the department to this task, whatever was submitted
    boolean candidate = task.getCandidates().stream().anyMatch(link ->
        (link.getUserId() != null && link.getUserId().equals(user))
            || (link.getGroupId() != null && groups.contains(link.getGroupId())));
    if (!candidate || !recording.mayRecord(number, department, user, groups)) {
      throw new AuthorizationException("只有本次抽取的" + department + "检查人员可以记录检查 " + number + " 的结果");
    }
    validating(() -> recording.record(number, department, (String) task.getVariable("resultCode"),
        (String) task.getVariable("remarks"), user, ClockUtil.now().toInstant()));
    // the submitted fields land on the process instance: clear them so the next department's
    // task never sees (or silently reuses) this department's answer
    task.removeVariable("resultCode");
    task.removeVariable("remarks");
  }
}
