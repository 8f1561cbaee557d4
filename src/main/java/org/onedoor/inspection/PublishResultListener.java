package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.Workdays;
import org.springframework.stereotype.Component;

/**
 * "确认公示": the department chief confirms the final result for publication (or marks it confidential);
 * {@link ResultApproved} is published in this transaction.
 */
@Component
public class PublishResultListener implements TaskListener {

  private final ResultPublication publication;
  private final InspectionRecords records;
  private final InspectionFacts facts;
  private final Workdays workdays;

  public PublishResultListener(ResultPublication publication, InspectionRecords records, InspectionFacts facts, Workdays workdays) {
    this.workdays = workdays;
    this.publication = publication;
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
      java.time.LocalDate deadline = publication.deadlineDay(number);
      task.setVariableLocal("publicationDeadline", deadline.toString());
      task.setVariableLocal("publicationDeadlineNote", workdays.deadlineNote(deadline));
      task.setVariableLocal("confidential", false);
      return;
    }
    String chief = TaskActors.requireCandidate(task, "只有" + facts.departmentName(department) + "科长可以确认公示");
    Object confidential = task.getVariable("confidential");
    publication.publish(number, department, TaskActors.string(task, "entityName"),
        Boolean.TRUE.equals(confidential) || "true".equals(String.valueOf(confidential)), chief,
        ClockUtil.now().toInstant());
  }
}
