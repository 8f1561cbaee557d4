package org.onedoor.credit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.credit.RiskWarningService.Warning;
import org.onedoor.inspection.InspectionSection;
import org.onedoor.platform.PersonNames;
import org.onedoor.security.OrganisationProperties;
import org.springframework.stereotype.Component;

/**
 * The inspection file's "风险预警" section (issue 15 item 4): for a targeted inspection a warning's approval
 * opened, that warning — where it came from (monitoring source and rule, or the reporter), what it said, the
 * check, the chief's approval and, for a joint targeted inspection, what each other department asked answered
 * (部门会签: agreed, declined with reasons, no answer in time) — with a link to the warning's page. Empty for the
 * inspections plans drew.
 */
@Component
class RiskWarningSection implements InspectionSection {

  private final RiskWarningService warnings;
  private final TargetedCountersign countersign;
  private final OrganisationProperties organisation;
  private final PersonNames names;
  private final DateTimeFormatter time;

  RiskWarningSection(RiskWarningService warnings, TargetedCountersign countersign, OrganisationProperties organisation,
      PersonNames names, CalendarProperties calendar) {
    this.warnings = warnings;
    this.countersign = countersign;
    this.organisation = organisation;
    this.names = names;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
  }

  @Override
  public String key() {
    return "risk-warnings";
  }

  @Override
  public String title() {
    return "风险预警（定向检查的来由）";
  }

  @Override
  public int order() {
    return 5;
  }

  /**
   * What the API shows: each warning as stored (no credit class or risk level of the business), with the
   * departments asked to join its targeted inspection and their answers (empty when only its department was named).
   */
  @Override
  public Object data(String inspectionNumber) {
    return warnings.ofInspection(inspectionNumber).stream()
        .map(w -> new RiskWarningService.InFile(w, countersign.of(w.id()))).toList();
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    for (Warning w : warnings.ofInspection(inspectionNumber)) {
      rows.add(List.of(
          "#" + w.id(),
          source(w),
          w.description(),
          time.format(w.receivedAt()),
          w.conclusion() == null ? "" : RiskWarningService.CONCLUSION_LABELS.getOrDefault(w.conclusion(), w.conclusion())
              + "（" + names.name(w.checkedBy()) + "）\n" + w.findings(),
          w.decidedBy() == null ? "" : "批准定向检查（" + names.name(w.decidedBy()) + "）"
              + (w.decisionOpinion() == null || w.decisionOpinion().isBlank() ? "" : "：" + w.decisionOpinion()),
          countersigned(w)));
    }
    return new Table(List.of("预警", "来源", "预警内容", "收到时间", "核查", "审批", "部门会签"), rows);
  }

  /** One line per department asked: 文化和旅游局：同意参加（吴浩） / 不同意参加（林海）：理由 / 逾期未答复，未参加. */
  private String countersigned(Warning w) {
    List<String> lines = new ArrayList<>();
    for (TargetedCountersign.Countersign c : countersign.of(w.id())) {
      String name = organisation.department(c.department()).map(OrganisationProperties.Department::name)
          .orElse(c.department());
      String label = TargetedCountersign.STATUS_LABELS.getOrDefault(c.status(), c.status());
      boolean answered = TargetedCountersign.AGREED.equals(c.status()) || TargetedCountersign.DECLINED.equals(c.status());
      lines.add(name + "：" + label + (answered ? "（" + names.name(c.answeredBy()) + "）" : "")
          + (c.reason() == null ? "" : "：" + c.reason()));
    }
    return lines.isEmpty() ? "无（仅本部门）" : String.join("\n", lines);
  }

  @Override
  public List<Link> links(String inspectionNumber) {
    return warnings.ofInspection(inspectionNumber).stream()
        .map(w -> new Link("风险预警 #" + w.id(), "/staff/warnings/" + w.id())).toList();
  }

  static String source(Warning w) {
    String label = RiskWarningService.SOURCE_LABELS.getOrDefault(w.source(), w.source());
    return w.ruleCode() == null ? label : label + " · 规则 " + w.ruleCode() + " " + w.ruleName();
  }
}
