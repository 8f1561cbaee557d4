package org.onedoor.inspection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.onedoor.plan.PlanService;
import org.onedoor.plan.Plans;
import org.onedoor.platform.web.NotFoundException;
import org.onedoor.security.OrganisationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the joint inspection's steps read about an inspection: its row, its plan (published plans do not
 * change, so they are cached by number) and the Chinese names of departments.
 */
@Component
public class InspectionFacts {

  /** One inspection's own row. */
  public record Facts(String number, String planNumber, int batch, String uscc) {}

  private final JdbcClient jdbc;
  private final PlanService plans;
  private final OrganisationProperties organisation;
  private final Map<String, Plans.Plan> planCache = new ConcurrentHashMap<>();

  private final org.onedoor.platform.PersonNames names;

  /** A person's name for pages and forms (系统 for "system"), never the bare user id. */
  public String personName(String userId) {
    return names.name(userId);
  }

  public InspectionFacts(JdbcClient jdbc, PlanService plans, OrganisationProperties organisation,
      org.onedoor.platform.PersonNames names) {
    this.names = names;
    this.jdbc = jdbc;
    this.plans = plans;
    this.organisation = organisation;
  }

  public Facts facts(String inspectionNumber) {
    return jdbc.sql("SELECT number, plan_number, batch, uscc FROM inspection WHERE number = :n")
        .param("n", inspectionNumber)
        .query((rs, i) -> new Facts(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)))
        .optional().orElseThrow(() -> new NotFoundException("inspectionNumber", "没有检查 " + inspectionNumber));
  }

  /** The plan of the inspection (published: never changes, cached). */
  public Plans.Plan plan(String inspectionNumber) {
    return planCache.computeIfAbsent(facts(inspectionNumber).planNumber(), plans::get);
  }

  public String leadDepartment(String inspectionNumber) {
    return plan(inspectionNumber).leadDepartment();
  }

  /** The batch window the visit must fall in. */
  public Plans.BatchWindow window(String inspectionNumber) {
    Facts facts = facts(inspectionNumber);
    Plans.Plan plan = plan(inspectionNumber);
    int index = Math.min(Math.max(facts.batch(), 1), plan.batches().size()) - 1;
    return plan.batches().get(index);
  }

  /** 定向 or 不定向 (R3 mode). */
  public String inspectionType(String inspectionNumber) {
    return "targeted".equals(plan(inspectionNumber).mode()) ? "定向" : "不定向";
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
