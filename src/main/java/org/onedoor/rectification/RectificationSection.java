package org.onedoor.rectification;

import java.util.ArrayList;
import java.util.List;
import org.onedoor.inspection.InspectionSection;
import org.springframework.stereotype.Component;

/** The inspection page's "责令改正" section: each order, its deadline and kind, reports and the re-check. */
@Component
class RectificationSection implements InspectionSection {

  private final Rectifications rectifications;
  private final org.onedoor.inspection.InspectionFacts facts;

  private final org.onedoor.platform.PersonNames names;

  RectificationSection(Rectifications rectifications, org.onedoor.inspection.InspectionFacts facts,
      org.onedoor.platform.PersonNames names) {
    this.names = names;
    this.rectifications = rectifications;
    this.facts = facts;
  }

  /** Per department with an order: its page (register the business's report or extension request) and the notice. */
  @Override
  public List<Link> links(String inspectionNumber) {
    List<Link> links = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Rectifications.Rectification> all = new ArrayList<>(rectifications.list(inspectionNumber));
    java.util.Collections.reverse(all); // the latest per department
    for (Rectifications.Rectification r : all) {
      if (!seen.add(r.department())) {
        continue;
      }
      String base = "/staff/inspections/" + inspectionNumber + "/rectifications/" + r.department();
      String name = facts.departmentName(r.department());
      links.add(new Link(name + "：登记企业整改报告、延期申请", base));
      if (r.orderNumber() != null) {
        links.add(new Link(name + "：责令改正通知书 " + r.orderNumber() + "（PDF）", base + "/order.pdf"));
      }
    }
    return links;
  }

  @Override
  public String key() {
    return "rectifications";
  }

  @Override
  public String title() {
    return "责令改正";
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public Object data(String inspectionNumber) {
    return rectifications.list(inspectionNumber);
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    for (Rectifications.Rectification r : rectifications.list(inspectionNumber)) {
      StringBuilder reports = new StringBuilder();
      for (Rectifications.Report report : r.reports()) {
        if (!reports.isEmpty()) {
          reports.append("\n");
        }
        reports.append(report.reportedOn()).append(report.late() ? "（逾期）" : "").append("：").append(report.text());
      }
      String recheck = r.outcome() == null ? "—"
          : r.outcome() + " " + (Rectifications.CORRECTED_CODE.equals(r.outcome()) ? "已改正" : "未改正，已移送")
              + "（" + r.recheckedOn() + "，" + names.name(r.recheckedBy()) + "）：" + r.recheckFindings()
              + (r.transferReason() == null ? "" : "；移送线索：" + r.transferReason());
      StringBuilder extended = new StringBuilder();
      for (Rectifications.Extension e : r.extensions()) {
        if (!extended.isEmpty()) {
          extended.append("\n");
        }
        extended.append(e.statusLabel()).append("：原期限 ").append(e.originalDeadline()).append("，申请延至 ")
            .append(e.requestedDeadline()).append("（").append(names.name(e.requestedBy())).append(" 登记）；理由：")
            .append(e.reason());
        if (e.decidedBy() != null) {
          extended.append("；").append(names.name(e.decidedBy())).append(" 审批：").append(e.decisionReason());
        }
      }
      String department = facts.departmentName(r.department());
      rows.add(List.of(department, r.statusLabel(), r.orderNumber() == null ? "—" : r.orderNumber(),
          r.period() == null ? "—" : r.period(),
          r.deadline() == null ? "（现场记录）" + r.proposedDeadline() : r.deadline().toString(),
          extended.isEmpty() ? "—" : extended.toString(), reports.isEmpty() ? "—" : reports.toString(), recheck));
    }
    return new Table(List.of("部门", "状态", "文书编号", "期限", "整改期限", "延期整改", "企业报告", "复查结论"), rows);
  }
}
