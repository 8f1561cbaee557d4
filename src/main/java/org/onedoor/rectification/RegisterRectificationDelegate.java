package org.onedoor.rectification;

import static org.onedoor.platform.ProcessValidation.validating;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.platform.ProcessValidation;
import org.onedoor.security.OrganisationProperties;
import org.springframework.stereotype.Component;

/**
 * "登记整改": checks what the joint inspection passed in (inspectionNumber, department,
 * rectificationDeadline, recheckCandidates) and records the rectification; prefills the order form with
 * the period in calendar days that leads to the deadline proposed on site.
 */
@Component
public class RegisterRectificationDelegate implements JavaDelegate {

  private final Rectifications rectifications;
  private final OrganisationProperties organisation;

  public RegisterRectificationDelegate(Rectifications rectifications, OrganisationProperties organisation) {
    this.rectifications = rectifications;
    this.organisation = organisation;
  }

  /** The contract says an ISO date string; a date value (a form's date field, a java.time date) is taken too. */
  private String isoDate(Object deadline) {
    if (deadline instanceof java.util.Date date) {
      return java.time.Instant.ofEpochMilli(date.getTime()).atZone(rectifications.zone()).toLocalDate().toString();
    }
    if (deadline instanceof java.time.temporal.TemporalAccessor t && !(deadline instanceof java.time.LocalDate)) {
      return java.time.LocalDate.from(t).toString();
    }
    return deadline == null ? null : deadline.toString();
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object deadline = execution.getVariable("rectificationDeadline");
    validating(() -> {
      Rectifications.Registered registered = rectifications.register(execution.getProcessInstanceId(),
          (String) execution.getVariable("inspectionNumber"), (String) execution.getVariable("department"),
          isoDate(deadline), (String) execution.getVariable("recheckCandidates"),
          ProcessValidation.actor(execution), ClockUtil.now().toInstant());
      execution.setVariable("rectificationId", registered.id());
      // the forms name the department as officials write it (市场监管局), not by its code
      String department = (String) execution.getVariable("department");
      execution.setVariable("departmentName", organisation.department(department)
          .map(OrganisationProperties.Department::name).orElse(department));
      execution.setVariable("deadlineKind", registered.defaultKind());
      execution.setVariable("periodLength", (long) registered.defaultPeriod());
      execution.setVariable("reportSummary", "尚未收到企业的整改报告");
      execution.setVariable("recheckWorkingDays", rectifications.properties().recheckWorkingDays());
    });
  }
}
