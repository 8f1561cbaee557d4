package org.onedoor.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;

/**
 * The plan as the Camunda Forms {@code plan-start} and {@code plan-revise} carry it: form-js 1.8 in
 * Tasklist 7.24 cannot submit dynamic lists, so every department has its own field of item codes
 * ({@code marketItems}: a department takes part when it names items) and the batches are three
 * fixed pairs of dates ({@code batch1From} … {@code batch3To}; the first is required). Reads a
 * submission into a {@link PlanRequest}, writes a stored plan back into the same fields, and names
 * a validation error by the form field a person sees.
 */
public final class PlanForm {

  /** Batch windows the forms offer. */
  public static final int BATCHES = 3;

  private static final Pattern DEPARTMENT_AT = Pattern.compile("^departments\\[(\\d+)](.*)$");
  private static final Pattern BATCH_AT = Pattern.compile("^batches\\[(\\d+)](\\.from|\\.to)?$");

  private PlanForm() {}

  /** The form field holding a department's item codes. */
  public static String itemsField(String department) {
    return department + "Items";
  }

  static String batchField(int batch, boolean from) {
    return "batch" + batch + (from ? "From" : "To");
  }

  /** Every variable the plan forms declare for the plan's content (not number and lead department). */
  public static List<String> contentFields(List<String> departments) {
    List<String> fields = new ArrayList<>(List.of("name", "year", "mode", "categories", "regions",
        "inspectorsPerDepartment", "crossJurisdiction", "drawDate", "beaconRequired", "publicInformation"));
    departments.forEach(d -> fields.add(itemsField(d)));
    for (int b = 1; b <= BATCHES; b++) {
      fields.add(batchField(b, true));
      fields.add(batchField(b, false));
    }
    return fields;
  }

  /**
   * What was submitted, as a plan request. {@code departments} are the city's departments in the
   * order the form shows them; number and lead department come from the caller.
   */
  public static PlanRequest request(Function<String, Object> form, List<String> departments, String number,
      String leadDepartment) {
    List<DepartmentItems> taking = new ArrayList<>();
    for (String department : departments) {
      List<String> items = split(text(form.apply(itemsField(department))));
      if (!items.isEmpty()) {
        taking.add(new DepartmentItems(department, items));
      }
    }
    List<FieldError> errors = new ArrayList<>();
    List<BatchWindow> batches = new ArrayList<>();
    for (int b = 1; b <= BATCHES; b++) {
      LocalDate from = date(form.apply(batchField(b, true)), batchField(b, true), errors);
      LocalDate to = date(form.apply(batchField(b, false)), batchField(b, false), errors);
      if (from == null && to == null && b > 1) {
        continue;
      }
      batches.add(new BatchWindow(from, to));
    }
    LocalDate drawDate = date(form.apply("drawDate"), "drawDate", errors);
    Integer year = integer(form.apply("year"), "year", errors);
    Integer inspectors = integer(form.apply("inspectorsPerDepartment"), "inspectorsPerDepartment", errors);
    if (!errors.isEmpty()) {
      throw new BadRequestException(errors);
    }
    return new PlanRequest(year, number, text(form.apply("name")), text(form.apply("mode")), leadDepartment, taking,
        new PopulationFilter(split(text(form.apply("categories"))), List.of(), List.of(),
            split(text(form.apply("regions"))), List.of(), List.of(), Boolean.TRUE.equals(form.apply("commitmentOnly"))),
        inspectors, Boolean.TRUE.equals(form.apply("crossJurisdiction")), batches, drawDate,
        !Boolean.FALSE.equals(form.apply("beaconRequired")), Boolean.TRUE.equals(form.apply("publicInformation")),
        null, Map.of());
  }

  /** A stored plan in the forms' fields: what 修改计划 opens with. */
  public static Map<String, Object> values(Plan plan, List<String> departments) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", plan.name());
    values.put("year", plan.year());
    values.put("mode", plan.mode());
    values.put("categories", String.join("、", plan.populationFilter().categories()));
    values.put("regions", String.join("、", plan.populationFilter().regions()));
    values.put("inspectorsPerDepartment", plan.inspectorsPerDepartment());
    values.put("crossJurisdiction", plan.crossJurisdiction());
    values.put("drawDate", plan.drawDate().toString());
    values.put("beaconRequired", plan.beaconRequired());
    values.put("publicInformation", plan.publicInformation());
    for (String department : departments) {
      values.put(itemsField(department), plan.departments().stream().filter(d -> d.department().equals(department))
          .findFirst().map(d -> String.join("、", d.items())).orElse(""));
    }
    for (int b = 1; b <= BATCHES; b++) {
      BatchWindow window = b <= plan.batches().size() ? plan.batches().get(b - 1) : null;
      values.put(batchField(b, true), window == null ? null : window.from().toString());
      values.put(batchField(b, false), window == null ? null : window.to().toString());
    }
    return values;
  }

  /**
   * The validation errors of {@link PlanService} renamed after the form fields: {@code
   * departments[1].items[0]} becomes the field of that department's items, {@code batches[0].to}
   * becomes {@code batch1To}. A plan with more batches than the form offers keeps the API's names.
   */
  public static BadRequestException named(BadRequestException e, PlanRequest request) {
    List<FieldError> renamed = new ArrayList<>();
    for (FieldError error : e.errors()) {
      renamed.add(new FieldError(field(error.field(), request), error.reason()));
    }
    return new BadRequestException(renamed);
  }

  static String field(String apiField, PlanRequest request) {
    Matcher department = DEPARTMENT_AT.matcher(apiField);
    if (department.matches() && request.departments() != null) {
      int i = Integer.parseInt(department.group(1));
      if (i < request.departments().size()) {
        return itemsField(request.departments().get(i).department());
      }
    }
    Matcher batch = BATCH_AT.matcher(apiField);
    if (batch.matches() && Integer.parseInt(batch.group(1)) < BATCHES) {
      int b = Integer.parseInt(batch.group(1)) + 1;
      return batchField(b, !".to".equals(batch.group(2)));
    }
    return switch (apiField) {
      case "departments" -> request.leadDepartment() == null ? "leadDepartment" : itemsField(request.leadDepartment());
      case "batches" -> batchField(1, true);
      case "populationFilter" -> "categories";
      default -> apiField;
    };
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  static List<String> split(String text) {
    return text == null ? List.of()
        : Arrays.stream(text.split("[、,，;；\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** form-js date fields submit YYYY-MM-DD (Tasklist may send a Date for a date variable). */
  private static LocalDate date(Object value, String field, List<FieldError> errors) {
    if (value instanceof java.util.Date date) {
      return date.toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "日期应为 YYYY-MM-DD"));
      return null;
    }
  }

  private static Integer integer(Object value, String field, List<FieldError> errors) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        errors.add(new FieldError(field, "应为整数"));
        return null;
      }
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "应为整数"));
      return null;
    }
  }
}
