package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "接收案件线索" (the department's case-handling unit) and "接收抄告" (the notified department's chiefs):
 * the receiver acknowledges, optionally with a note (e.g. the case number).
 */
@Component
public class AcknowledgeFollowUpListener implements TaskListener {

  static final String TRANSFER_TASK = "AcknowledgeTransfer";

  private final InspectionRecords records;
  private final InspectionFacts facts;

  public AcknowledgeFollowUpListener(InspectionRecords records, InspectionFacts facts) {
    this.records = records;
    this.facts = facts;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("department");
    String kind = TRANSFER_TASK.equals(task.getTaskDefinitionKey()) ? "transfer" : "notify";
    if (TaskActors.isCreate(task)) {
      task.setVariableLocal("departmentName", facts.departmentName(department));
      task.setVariableLocal("recordSummary", records.summary(number, department));
      return;
    }
    String user = TaskActors.requireCandidate(task, "只有接收单位的人员可以确认接收");
    validating(() -> records.acknowledge(number, department, kind, TaskActors.string(task, "acknowledgeNote"), user,
        ClockUtil.now().toInstant()));
    TaskActors.clear(task, "acknowledgeNote");
  }
}
