package org.onedoor.plan;

import static org.onedoor.platform.ProcessValidation.validating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.ProcessValidation;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.stereotype.Component;

/**
 * "登记计划": a plan drafted in Tasklist's start form is validated like one posted to the API and
 * stored; a bad field refuses the start (400 naming it) and nothing is kept. Afterwards the
 * process carries the plan number and routing facts only.
 */
@Component
public class RegisterPlanDelegate implements JavaDelegate {

  /** The start form's fields, removed once the plan is stored. */
  static final List<String> FORM_FIELDS = List.of("number", "name", "year", "mode", "departments", "categories",
      "regions", "inspectorsPerDepartment", "crossJurisdiction", "batches", "drawDate", "publicInformation");

  private final PlanService plans;
  private final ObjectMapper json;

  public RegisterPlanDelegate(PlanService plans, ObjectMapper json) {
    this.plans = plans;
    this.json = json;
  }

  @Override
  public void execute(DelegateExecution execution) {
    validating(() -> {
      String drafter = ProcessValidation.actor(execution);
      if (drafter == null) {
        throw new BadRequestException("user", "请登录后拟定计划");
      }
      Plan plan = plans.register(request(execution), drafter, execution.getProcessInstanceId(),
          ClockUtil.now().toInstant());
      FORM_FIELDS.forEach(execution::removeVariable);
      execution.setVariable("planNumber", plan.number());
      execution.setVariable("leadDepartment", plan.leadDepartment());
      execution.setVariable("drafter", drafter);
      execution.setVariable("beaconRequired", plan.beaconRequired());
      execution.setProcessBusinessKey(plan.number());
    });
  }

  PlanRequest request(DelegateExecution execution) {
    List<DepartmentItems> departments = new ArrayList<>();
    for (JsonNode row : node(execution.getVariable("departments"))) {
      departments.add(new DepartmentItems(text(row.get("department")), split(text(row.get("items")))));
    }
    List<BatchWindow> batches = new ArrayList<>();
    int i = 0;
    for (JsonNode row : node(execution.getVariable("batches"))) {
      batches.add(new BatchWindow(date(text(row.get("from")), "batches[" + i + "].from"),
          date(text(row.get("to")), "batches[" + i + "].to")));
      i++;
    }
    Object inspectors = execution.getVariable("inspectorsPerDepartment");
    Object year = execution.getVariable("year");
    return new PlanRequest(
        year instanceof Number n ? n.intValue() : null,
        (String) execution.getVariable("number"),
        (String) execution.getVariable("name"),
        (String) execution.getVariable("mode"),
        (String) execution.getVariable("leadDepartment"),
        departments,
        new PopulationFilter(split((String) execution.getVariable("categories")), List.of(), List.of(),
            split((String) execution.getVariable("regions")), List.of(), List.of()),
        inspectors instanceof Number n ? n.intValue() : null,
        Boolean.TRUE.equals(execution.getVariable("crossJurisdiction")),
        batches,
        date((String) execution.getVariable("drawDate"), "drawDate"),
        !Boolean.FALSE.equals(execution.getVariable("beaconRequired")),
        Boolean.TRUE.equals(execution.getVariable("publicInformation")),
        null,
        Map.of());
  }

  /** Form-js submits lists as Json variables (Spin); Java callers may pass plain lists. */
  private JsonNode node(Object value) {
    if (value == null) {
      return json.createArrayNode();
    }
    try {
      return value instanceof org.camunda.spin.json.SpinJsonNode spin ? json.readTree(spin.toString())
          : json.valueToTree(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRequestException("body", "无法读取表单中的列表");
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static List<String> split(String text) {
    return text == null ? List.of()
        : Arrays.stream(text.split("[、,，;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** form-js date fields submit YYYY-MM-DD. */
  private static LocalDate date(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip().length() > 10 ? text.strip().substring(0, 10) : text.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestException(field, "日期应为 YYYY-MM-DD");
    }
  }
}
