package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "第二名执法人员签名": only the department's other drawn inspector (a chief other than the recorder for a
 * flagged pair) signs the record or refuses it with a reason; the recorder never co-signs (403).
 */
@Component
public class CoSignRecordListener implements TaskListener {

  private final InspectionRecords records;
  private final InspectionFacts facts;

  public CoSignRecordListener(InspectionRecords records, InspectionFacts facts) {
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
    String user = TaskActors.requireCandidate(task,
        "只有本次抽取的另一名" + facts.departmentName(department) + "检查人员可以签名（记录人不能为自己的记录签名）");
    validating(() -> records.coSign(number, department, TaskActors.string(task, "coSignDecision"),
        TaskActors.string(task, "coSignReason"), user, ClockUtil.now().toInstant()));
    TaskActors.clear(task, "coSignDecision", "coSignReason");
  }
}
