package org.onedoor.inspection;

import static org.onedoor.platform.ProcessValidation.validating;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * "现场检查". Created: the form gets the business (address, category), the agreed visit time and the
 * department's content lines (after a return: the last submission and the reason). Completed: only a
 * drawn inspector of the task's department (a chief of it for a flagged pair) may record (else 403);
 * the record is validated (400 naming the field) and stored.
 */
@Component
public class RecordInspectionListener implements TaskListener {

  static final String[] FIELDS = {"checkLines", "linesConforming", "linesProblem", "linesNotApplicable",
      "problemDescription", "checkMethods", "resultCode", "followUps", "rectificationDeadline", "notifyDepartment",
      "remarks", "earlyRecordReason"};

  private final InspectionRecording recording;
  private final InspectionRecords records;
  private final InspectionFacts facts;
  private final VisitCoordination visits;

  public RecordInspectionListener(InspectionRecording recording, InspectionRecords records, InspectionFacts facts,
      VisitCoordination visits) {
    this.recording = recording;
    this.records = records;
    this.facts = facts;
    this.visits = visits;
  }

  @Override
  public void notify(DelegateTask task) {
    // the business key, not a variable: a submission could overwrite variables
    String number = task.getExecution().getProcessBusinessKey();
    String department = (String) task.getVariable("department");
    if (TaskActors.isCreate(task)) {
      prefill(task, number, department);
      return;
    }
    String refusal = "只有本次抽取的" + facts.departmentName(department) + "检查人员可以记录检查 " + number + " 的结果";
    String user = TaskActors.requireCandidate(task, refusal);
    if (!recording.mayRecord(number, department, user, TaskActors.groups(task))) {
      throw new AuthorizationException(refusal);
    }
    validating(() -> visits.checkRecordDate(number, department, TaskActors.string(task, "earlyRecordReason"), user,
        ClockUtil.now().toInstant()));
    validating(() -> records.record(number, department, new InspectionRecords.Submission(
        task.getVariable("checkLines"), task.getVariable("linesConforming"), task.getVariable("linesProblem"),
        task.getVariable("linesNotApplicable"), TaskActors.string(task, "problemDescription"),
        task.getVariable("checkMethods"), TaskActors.string(task, "resultCode"),
        task.getVariable("followUps"), task.getVariable("rectificationDeadline"),
        TaskActors.string(task, "notifyDepartment"), TaskActors.string(task, "remarks")),
        user, ClockUtil.now().toInstant()));
    // the submitted fields may have landed on the process instance: clear them so the next
    // department's task never sees (or silently reuses) this department's answer
    TaskActors.clear(task, FIELDS);
  }

  private void prefill(DelegateTask task, String number, String department) {
    InspectionFacts.Facts f = facts.facts(number);
    Map<String, String> business = facts.business(f.uscc());
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("departmentName", facts.departmentName(department));
    shown.put("entityAddress", business.get("address").isEmpty() ? "（名录库未登记）" : business.get("address"));
    shown.put("entityCategory", business.get("category").isEmpty() ? "（名录库未登记）" : business.get("category"));
    shown.put("visitTime", visits.current(number).map(v -> visits.show(v.agreedAt())).orElse(""));
    task.setVariablesLocal(shown);
    List<InspectionRecords.Line> lines = records.formLines(number, department);
    // the department's content lines (the plan's catalogue version) as options of the three checklists
    task.setVariableLocal("lineOptions", SpinValues.jsonValue(records.lineOptionsJson(lines)).create());
    // the full text as a numbered list: checklist labels do not wrap on a phone
    task.setVariableLocal("lineText", String.join("\n", lines.stream()
        .map(l -> l.no() + ". " + l.content() + "（" + l.item() + "）").toList()));
    task.setVariableLocal("linesConforming", json(records.lineNumbers(lines, "conforms")));
    task.setVariableLocal("linesProblem", json(records.lineNumbers(lines, "problem")));
    task.setVariableLocal("linesNotApplicable", json(records.lineNumbers(lines, "na")));
    lines.stream().filter(l -> l.description() != null).findFirst()
        .ifPresent(l -> task.setVariableLocal("problemDescription", l.description()));
    Optional<InspectionRecords.Record> returned = records.find(number, department);
    task.setVariableLocal("checkMethods", json(returned.map(InspectionRecords.Record::methods).orElse(List.of())));
    task.setVariableLocal("followUps", json(returned.map(InspectionRecords.Record::followUps).orElse(List.of())));
    task.setVariableLocal("returnReason", returned.map(InspectionRecords.Record::returnReason).orElse(""));
    returned.ifPresent(r -> {
      task.setVariableLocal("resultCode", r.resultCode());
      if (r.remarks() != null) {
        task.setVariableLocal("remarks", r.remarks());
      }
      if (r.rectificationDeadline() != null) {
        task.setVariableLocal("rectificationDeadline", r.rectificationDeadline().toString());
      }
      if (r.notifyDepartment() != null) {
        task.setVariableLocal("notifyDepartment", r.notifyDepartment());
      }
    });
  }

  private org.camunda.spin.plugin.variable.value.JsonValue json(Object value) {
    return SpinValues.jsonValue(records.write(value)).create();
  }
}
