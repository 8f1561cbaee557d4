package org.onedoor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onedoor.plan.Plans.BatchWindow;
import org.onedoor.plan.Plans.DepartmentItems;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.plan.Plans.PopulationFilter;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.BadRequestException.FieldError;

/** The plan start and revision forms' fields, read into a plan request and written back. */
class PlanFormTest {

  static final List<String> CITY = List.of("market", "culture", "police", "fire");

  static Map<String, Object> twoDepartments() {
    Map<String, Object> form = new HashMap<>();
    form.put("number", "2026-SJ-100");
    form.put("name", "市场与文化联合抽查");
    form.put("year", 2026L);
    form.put("mode", "untargeted");
    form.put("leadDepartment", "market");
    form.put("marketItems", "SP-M1、SP-M2");
    form.put("cultureItems", " SP-C1 ");
    form.put("policeItems", "");
    form.put("inspectorsPerDepartment", 2.0);
    form.put("batch1From", "2026-12-01");
    form.put("batch1To", "2026-12-31");
    form.put("batch2From", "");
    form.put("batch2To", null);
    form.put("drawDate", "2026-12-01");
    form.put("beaconRequired", true);
    return form;
  }

  @Test
  void departmentsTakePartWhenTheyNameItemsAndOnlyTheFilledBatchesCount() {
    PlanRequest request = PlanForm.request(twoDepartments()::get, CITY, "2026-SJ-100", "market");
    assertThat(request.departments()).containsExactly(new DepartmentItems("market", List.of("SP-M1", "SP-M2")),
        new DepartmentItems("culture", List.of("SP-C1")));
    assertThat(request.batches()).containsExactly(new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    assertThat(request.year()).isEqualTo(2026);
    assertThat(request.inspectorsPerDepartment()).isEqualTo(2);
    assertThat(request.beaconRequired()).isTrue();
    assertThat(request.publicInformation()).isFalse();
  }

  /** Issue 15: 新设主体信用承诺核查 draws only businesses registered with a credit commitment. */
  @Test
  void theCommitmentCheckBoxMakesTheFilterCommitmentOnly() {
    assertThat(PlanForm.request(twoDepartments()::get, CITY, "2026-SJ-100", "market").populationFilter()
        .commitmentOnly()).isFalse();
    Map<String, Object> form = twoDepartments();
    form.put("commitmentOnly", true);
    assertThat(PlanForm.request(form::get, CITY, "2026-SJ-100", "market").populationFilter().commitmentOnly()).isTrue();
    // a plan stored before the field existed reads as "any business"
    assertThat(new PopulationFilter(List.of("餐饮"), List.of(), List.of(), List.of(), List.of(), List.of())
        .commitmentOnly()).isFalse();
  }

  @Test
  void aHalfFilledSecondBatchIsKeptSoValidationNamesIt() {
    Map<String, Object> form = twoDepartments();
    form.put("batch2From", "2027-01-04");
    PlanRequest request = PlanForm.request(form::get, CITY, "2026-SJ-100", "market");
    assertThat(request.batches()).hasSize(2);
    assertThat(request.batches().get(1).to()).isNull();
    assertThat(PlanForm.field("batches[1]", request)).isEqualTo("batch2From");
  }

  @Test
  void unreadableDatesAndNumbersAreNamedByTheirFormField() {
    Map<String, Object> form = twoDepartments();
    form.put("batch1To", "31/12/2026");
    form.put("inspectorsPerDepartment", 2.5);
    assertThatThrownBy(() -> PlanForm.request(form::get, CITY, "2026-SJ-100", "market"))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("batch1To", "inspectorsPerDepartment"));
  }

  @Test
  void theServicesErrorsAreRenamedAfterTheFieldsAPersonSees() {
    PlanRequest request = PlanForm.request(twoDepartments()::get, CITY, "2026-SJ-100", "market");
    BadRequestException named = PlanForm.named(new BadRequestException(List.of(
        new FieldError("departments[1].items[0]", "事项 SP-C1 不在目录版本 3 中"),
        new FieldError("batches[0].to", "结束日期早于开始日期"),
        new FieldError("departments", "至少需要一个实施部门及其抽查事项"),
        new FieldError("drawDate", "抽取日期必填"))), request);
    assertThat(named.errors()).extracting(FieldError::field)
        .containsExactly("cultureItems", "batch1To", "marketItems", "drawDate");
    assertThat(named.getMessage()).startsWith("cultureItems: 事项 SP-C1");
  }

  @Test
  void aStoredPlanOpensTheRevisionFormWithItsOwnValues() {
    Plan plan = new Plan("2026-SJ-100", 2026, "联合抽查", "targeted", "market",
        List.of(new DepartmentItems("market", List.of("SP-M1", "SP-M2")), new DepartmentItems("culture", List.of("SP-C1"))),
        new PopulationFilter(List.of("餐饮", "娱乐"), List.of(), List.of(), List.of(), List.of(), List.of()), 3, true,
        List.of(new BatchWindow(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 30)),
            new BatchWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31))),
        LocalDate.of(2026, 11, 2), false, true, 3, Map.of(), PlanLifecycle.RETURNED, "chenjing", Instant.EPOCH);
    Map<String, Object> values = PlanForm.values(plan, CITY);
    assertThat(values).containsEntry("marketItems", "SP-M1、SP-M2").containsEntry("cultureItems", "SP-C1")
        .containsEntry("policeItems", "").containsEntry("categories", "餐饮、娱乐").containsEntry("batch2To", "2026-12-31")
        .containsEntry("batch3From", null).containsEntry("drawDate", "2026-11-02").containsEntry("beaconRequired", false);
    // and reads back as the same plan
    PlanRequest again = PlanForm.request(values::get, CITY, plan.number(), "market");
    assertThat(again.departments()).isEqualTo(plan.departments());
    assertThat(again.batches()).isEqualTo(plan.batches());
    assertThat(again.populationFilter().categories()).containsExactly("餐饮", "娱乐");
  }

  @Test
  void everyFieldThePlanFormsDeclareForContentIsKnown() throws Exception {
    var start = org.onedoor.platform.tasks.FormFields.parse(
        java.nio.file.Files.readAllBytes(java.nio.file.Path.of("forms", "plan-start.form")));
    var revise = org.onedoor.platform.tasks.FormFields.parse(
        java.nio.file.Files.readAllBytes(java.nio.file.Path.of("forms", "plan-revise.form")));
    List<String> content = PlanForm.contentFields(List.of("market", "culture", "police", "fire", "health", "emergency", "ecology"));
    assertThat(start.answered()).containsAll(content).contains("number", "leadDepartment");
    assertThat(revise.answered()).containsAll(content).doesNotContain("number", "leadDepartment", "returnReason");
    assertThat(revise.readOnly()).contains("returnReason", "returnedBy", "planNumber");
  }
}
