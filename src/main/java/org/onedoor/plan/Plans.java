package org.onedoor.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A sampling plan (R3) as submitted and as shown. */
public final class Plans {

  private Plans() {}

  /** What a chief submits (start form or {@code POST /api/v1/plans}); null means "default". */
  public record PlanRequest(
      Integer year,
      String number,
      String name,
      String mode,
      String leadDepartment,
      List<DepartmentItems> departments,
      PopulationFilter populationFilter,
      Integer inspectorsPerDepartment,
      Boolean crossJurisdiction,
      List<BatchWindow> batches,
      LocalDate drawDate,
      Boolean beaconRequired,
      Boolean publicInformation,
      Integer catalogVersion,
      Map<String, String> ratioOverrides) {}

  /** A participating department and the catalogue items it checks. */
  public record DepartmentItems(String department, List<String> items) {}

  /**
   * Which entities are eligible; an empty list means "any". {@code commitmentOnly}: only businesses
   * registered with a credit commitment (信用承诺, the directory's {@code commitment}) — the population of a
   * 新设主体信用承诺核查 plan, whose findings of a false commitment or an unreachable business the credit
   * feature follows up (issue 15).
   */
  public record PopulationFilter(
      List<String> categories,
      List<String> subcategories,
      List<String> types,
      List<String> regions,
      List<String> tags,
      List<String> statuses,
      boolean commitmentOnly) {

    public PopulationFilter(List<String> categories, List<String> subcategories, List<String> types,
        List<String> regions, List<String> tags, List<String> statuses) {
      this(categories, subcategories, types, regions, tags, statuses, false);
    }

    public static PopulationFilter any() {
      return new PopulationFilter(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    boolean isEmpty() {
      return categories.isEmpty() && subcategories.isEmpty() && types.isEmpty() && regions.isEmpty()
          && tags.isEmpty() && statuses.isEmpty() && !commitmentOnly;
    }
  }

  /** One batch: the inspections of the batch happen inside this window. */
  public record BatchWindow(LocalDate from, LocalDate to) {}

  public record Plan(
      String number,
      int year,
      String name,
      String mode,
      String leadDepartment,
      List<DepartmentItems> departments,
      PopulationFilter populationFilter,
      int inspectorsPerDepartment,
      boolean crossJurisdiction,
      List<BatchWindow> batches,
      LocalDate drawDate,
      boolean beaconRequired,
      boolean publicInformation,
      int catalogVersion,
      Map<String, String> ratioOverrides,
      String status,
      String createdBy,
      Instant createdAt) {}
}
