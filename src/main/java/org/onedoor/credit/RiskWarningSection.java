package org.onedoor.credit;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.onedoor.calendar.CalendarProperties;
import org.onedoor.credit.RiskWarningService.Warning;
import org.onedoor.inspection.InspectionSection;
import org.onedoor.platform.PersonNames;
import org.springframework.stereotype.Component;

/**
 * The inspection file's "风险预警" section (issue 15 item 4): for a targeted inspection a warning's approval
 * opened, that warning — where it came from (monitoring source and rule, or the reporter), what it said, the
 * check and the chief's approval — with a link to the warning's page. Empty for the inspections plans drew.
 */
@Component
class RiskWarningSection implements InspectionSection {

  private final RiskWarningService warnings;
  private final PersonNames names;
  private final DateTimeFormatter time;

  RiskWarningSection(RiskWarningService warnings, PersonNames names, CalendarProperties calendar) {
    this.warnings = warnings;
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

  /** What the API shows: the warning as stored (no credit class or risk level of the business). */
  @Override
  public Object data(String inspectionNumber) {
    return warnings.ofInspection(inspectionNumber);
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
              + (w.decisionOpinion() == null || w.decisionOpinion().isBlank() ? "" : "：" + w.decisionOpinion())));
    }
    return new Table(List.of("预警", "来源", "预警内容", "收到时间", "核查", "审批"), rows);
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
