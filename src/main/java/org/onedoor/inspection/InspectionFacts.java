package org.onedoor.inspection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the joint inspection's steps read about an inspection: its row, its plan (published plans do not
 * change, so they are cached by number) — or, for a targeted inspection (no plan), what it was opened on —
 * and the Chinese names of departments.
 */
@Component
public class InspectionFacts {

  /** One inspection's own row; {@code planNumber} null and {@code batch} 0 for a targeted inspection. */
  public record Facts(String number, String planNumber, int batch, String uscc, String kind) {
    public boolean targeted() {
      return TargetedInspections.KIND.equals(kind);
    }
  }

  /** A department's items in one catalogue version: what its on-site record answers. */
  public record Items(int catalogVersion, List<String> codes) {}

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final OrganisationProperties organisation;
  private final Map<String, Plans.Plan> planCache = new ConcurrentHashMap<>();

  private final org.onedoor.platform.PersonNames names;

  /** A person's name for pages and forms (系统 for "system"), never the bare user id. */
  public String personName(String userId) {
    return names.name(userId);
  }

  private final TargetedInspections targeted;
  private final Map<String, TargetedInspections.Targeted> targetedCache = new ConcurrentHashMap<>();

  public InspectionFacts(JdbcClient jdbc, PlanService plans, OrganisationProperties organisation,
      org.onedoor.platform.PersonNames names, TargetedInspections targeted) {
    this.targeted = targeted;
    this.names = names;
    this.jdbc = jdbc;
    this.plans = plans;
    this.organisation = organisation;
  }

  public Facts facts(String inspectionNumber) {
    return jdbc.sql("SELECT number, plan_number, batch, uscc, kind FROM inspection WHERE number = :n")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Facts(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)))
        .optional().orElseThrow(() -> new NotFoundException("inspectionNumber", "没有检查 " + inspectionNumber));
  }

  /** The plan of the inspection (published: never changes, cached); empty for a targeted inspection. */
  public Optional<Plans.Plan> plan(String inspectionNumber) {
    String planNumber = facts(inspectionNumber).planNumber();
    return planNumber == null ? Optional.empty() : Optional.of(planCache.computeIfAbsent(planNumber, plans::get));
  }

  /** What a targeted inspection was opened on (never changes, cached); empty for one a plan drew. */
  public Optional<TargetedInspections.Targeted> targeted(String inspectionNumber) {
    TargetedInspections.Targeted cached = targetedCache.get(inspectionNumber);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<TargetedInspections.Targeted> found = targeted.find(inspectionNumber);
    found.ifPresent(t -> targetedCache.put(inspectionNumber, t));
    return found;
  }

  private TargetedInspections.Targeted requireTargeted(String inspectionNumber) {
    return targeted(inspectionNumber).orElseThrow(() -> new IllegalStateException(
        "inspection " + inspectionNumber + " has neither a plan nor a targeted record"));
  }

  public String leadDepartment(String inspectionNumber) {
    return plan(inspectionNumber).map(Plans.Plan::leadDepartment)
        .orElseGet(() -> requireTargeted(inspectionNumber).leadDepartment());
  }

  /** The window the visit must fall in: the plan batch's, or the targeted inspection's. */
  public Plans.BatchWindow window(String inspectionNumber) {
    Optional<Plans.Plan> plan = plan(inspectionNumber);
    if (plan.isEmpty()) {
      TargetedInspections.Targeted t = requireTargeted(inspectionNumber);
      return new Plans.BatchWindow(t.windowFrom(), t.windowTo());
    }
    Facts facts = facts(inspectionNumber);
    int index = Math.min(Math.max(facts.batch(), 1), plan.get().batches().size()) - 1;
    return plan.get().batches().get(index);
  }

  /** 定向 or 不定向 (R3 mode of the plan), or 定向检查 for a targeted inspection (no plan, no draw). */
  public String inspectionType(String inspectionNumber) {
    return plan(inspectionNumber).map(p -> "targeted".equals(p.mode()) ? "定向" : "不定向").orElse("定向检查");
  }

  /** The department's items and their catalogue version: the plan's, or the targeted inspection's. */
  public Items items(String inspectionNumber, String department) {
    Optional<Plans.Plan> plan = plan(inspectionNumber);
    if (plan.isPresent()) {
      return new Items(plan.get().catalogVersion(), plan.get().departments().stream()
          .filter(d -> d.department().equals(department)).findFirst().map(Plans.DepartmentItems::items)
          .orElse(List.of()));
    }
    TargetedInspections.Targeted t = requireTargeted(inspectionNumber);
    return new Items(t.catalogVersion(), t.items().getOrDefault(department, List.of()));
  }

  /** The department's Chinese name (the inspecting authority), or the code when unknown. */
  public String departmentName(String department) {
    return department == null ? "" : organisation.department(department)
        .map(OrganisationProperties.Department::name).orElse(department);
  }

  public boolean knownDepartment(String department) {
    return department != null && organisation.department(department).isPresent();
  }

  /** Name, address and category of the business from the directory (empty text when absent). */
  public Map<String, String> business(String uscc) {
    return jdbc.sql("SELECT name, address, category FROM directory_entity WHERE uscc = :u").param("u", uscc)
        .query((rs, i) -> Map.of("name", nz(rs.getString(1)), "address", nz(rs.getString(2)),
            "category", nz(rs.getString(3))))
        .optional().orElse(Map.of("name", "", "address", "", "category", ""));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
