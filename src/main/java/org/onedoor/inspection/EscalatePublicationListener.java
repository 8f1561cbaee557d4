package org.onedoor.inspection;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.calendar.Workdays;
import org.springframework.stereotype.Component;

/** "公示即将逾期": the manager is told (created) and acknowledges (completed, only the manager group). */
@Component
public class EscalatePublicationListener implements TaskListener {

  private final ResultPublication publication;
  private final InspectionRecords records;
  private final InspectionFacts facts;
  private final Workdays workdays;
  private final InspectionAudit audit;

  public EscalatePublicationListener(ResultPublication publication, InspectionRecords records, InspectionFacts facts,
      InspectionAudit audit, Workdays workdays) {
    this.workdays = workdays;
    this.publication = publication;
    this.records = records;
    this.facts = facts;
    this.audit = audit;
  }

  @Override
  public void notify(DelegateTask task) {
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("department");
    if (TaskActors.isCreate(task)) {
      publication.escalated(number, department, ClockUtil.now().toInstant());
      task.setVariableLocal("departmentName", facts.departmentName(department));
      task.setVariableLocal("recordSummary", records.summary(number, department));
      java.time.LocalDate deadline = publication.deadlineDay(number);
      task.setVariableLocal("publicationDeadline", deadline.toString());
      task.setVariableLocal("publicationDeadlineNote", workdays.deadlineNote(deadline));
      return;
    }
    String manager = TaskActors.requireCandidate(task, "只有监管主管可以处理公示督办");
    audit.record(number, department, "publication-escalation-seen", manager, ClockUtil.now().toInstant(),
        "监管主管已知悉" + facts.departmentName(department) + "检查结果公示即将逾期",
        InspectionRecords.text(TaskActors.string(task, "escalationNote"), "escalationNote"));
    TaskActors.clear(task, "escalationNote");
  }
}
