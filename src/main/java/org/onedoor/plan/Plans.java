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

  /** Which entities are eligible; an empty list means "any". */
  public record PopulationFilter(
      List<String> categories,
      List<String> subcategories,
      List<String> types,
      List<String> regions,
      List<String> tags,
      List<String> statuses) {

    public static PopulationFilter any() {
      return new PopulationFilter(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    boolean isEmpty() {
      return categories.isEmpty() && subcategories.isEmpty() && types.isEmpty() && regions.isEmpty()
          && tags.isEmpty() && statuses.isEmpty();
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
