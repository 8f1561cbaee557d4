package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** "科长审核检查记录": the department chief approves the signed record or returns it with a reason. */
@Component
public class ReviewRecordListener implements TaskListener {

  private final InspectionRecords records;
  private final InspectionFacts facts;

  public ReviewRecordListener(InspectionRecords records, InspectionFacts facts) {
    this.records = records;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("department");
    if (TaskActors.isCreate(task)) {
      task.setVariableLocal("departmentName", facts.departmentName(department));
      task.setVariableLocal("recordSummary", records.summary(number, department));
      return;
    }
    String chief = TaskActors.requireCandidate(task, "只有" + facts.departmentName(department) + "科长可以审核检查记录");
    validating(() -> records.review(number, department, TaskActors.string(task, "reviewDecision"),
        TaskActors.string(task, "reviewReason"), chief, ClockUtil.now().toInstant()));
    TaskActors.clear(task, "reviewDecision", "reviewReason");
  }
}
