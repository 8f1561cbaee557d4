package org.onedoor.inspection;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Staff pages of an inspection (HTTP Basic, see SecurityConfig), linked from task forms:
 * {@code /staff/inspections/{number}} — the detail rendered on the server from the JTE template
 * {@code staff/inspection.jte} (departments, every section as a table, the audit trail), phone-friendly — and {@code /staff/inspections/{number}/evidence}, the
 * evidence page (static HTML and JS calling the evidence API).
 */
@Controller
class InspectionPages {

  private final InspectionDetails details;
  private final InspectionAccess access;
  private final DateTimeFormatter time;

  private final org.onedoor.platform.PersonNames names;
  private final TargetedInspections targeted;
  private final org.onedoor.plan.PlanService plans;

  InspectionPages(InspectionDetails details, InspectionAccess access, CalendarProperties calendar,
      org.onedoor.platform.PersonNames names, TargetedInspections targeted, org.onedoor.plan.PlanService plans) {
    this.names = names;
    this.targeted = targeted;
    this.plans = plans;
    this.details = details;
    this.access = access;
    ZoneId zone = calendar.zone();
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
  }

  @GetMapping("/staff/inspections/{number}/evidence")
  String evidence(@PathVariable String number, Authentication caller) {
    access.requireAccess(number, caller);
    return "forward:/staff/inspection/evidence.html";
  }

  /** The inspection file, rendered from the JTE template {@code staff/inspection.jte} (never cached). */
  @GetMapping("/staff/inspections/{number}")
  String detail(@PathVariable String number, Authentication caller, Model model, HttpServletResponse response) {
    access.requireAccess(number, caller);
    InspectionDetails.StaffView view = details.page(number);
    InspectionDetails.Summary s = view.inspection();
    // the lead: the plan's, or the targeted inspection's (its warning's department)
    String lead = s.planNumber() == null
        ? targeted.find(number).map(TargetedInspections.Targeted::leadDepartment).orElse(null)
        : plans.find(s.planNumber()).map(org.onedoor.plan.Plans.Plan::leadDepartment).orElse(null);
    List<List<String>> departmentRows = view.departments().stream().map(d -> List.of(
        d.code().equals(lead) && view.departments().size() > 1 ? d.name() + "（牵头）" : d.name(),
        d.flagged() ? "由科长办理：" + d.flagReason()
            : String.join("、", d.inspectors().stream().map(i -> (i.name() == null ? "" : i.name()) + " " + i.staffNumber()).toList()),
        d.result() == null ? "未记录" : d.result().code() + " " + d.result().label(),
        d.result() == null || d.result().remarks() == null ? "" : d.result().remarks())).toList();
    List<List<String>> auditRows = view.audit().stream().map(e -> List.of(at(e.occurredAt()),
        details.departmentName(e.department()), actor(e), e.summary(), e.reason() == null ? "" : e.reason())).toList();
    model.addAttribute("s", s)
        .addAttribute("openedAt", at(s.openedAt()))
        .addAttribute("doneAt", s.doneAt() == null ? null : at(s.doneAt()))
        .addAttribute("departments", new InspectionSection.Table(List.of("部门", "检查人员", "检查结果", "说明"), departmentRows))
        .addAttribute("sections", view.tables())
        .addAttribute("audit", new InspectionSection.Table(List.of("时间", "部门", "操作人", "事项", "理由"), auditRows));
    response.setHeader("Cache-Control", "no-store");
    return "staff/inspection";
  }

  /** The actor with their own department(s), e.g. "wuhao（文化和旅游局）": never the record's department. */
  private String actor(InspectionAudit.Event e) {
    if (e.actor() == null) {
      return "";
    }
    if (e.actorDepartment() == null || e.actorDepartment().isBlank()) {
      return names.name(e.actor());
    }
    return names.name(e.actor()) + "（" + String.join("、", java.util.Arrays.stream(e.actorDepartment().split(","))
        .map(details::departmentName).toList()) + "）";
  }

  private String at(java.time.Instant instant) {
    return instant == null ? "" : time.format(instant);
  }
}
