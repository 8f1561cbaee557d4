package org.onedoor.inspection;

import java.util.ArrayList;
import java.util.List;
import org.onedoor.catalog.CheckMethod;
import org.springframework.stereotype.Component;

/** 检查记录: each department's record — result, lines, signatures, review, follow-up and publication. */
@Component
class RecordsSection implements InspectionSection {

  private final InspectionRecords records;
  private final InspectionFacts facts;
  private final VisitCoordination visits;

  RecordsSection(InspectionRecords records, InspectionFacts facts, VisitCoordination visits) {
    this.records = records;
    this.facts = facts;
    this.visits = visits;
  }

  @Override
  public String key() {
    return "records";
  }

  @Override
  public String title() {
    return "检查记录";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public Object data(String inspectionNumber) {
    return records.all(inspectionNumber);
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    for (InspectionRecords.Record r : records.all(inspectionNumber)) {
      long problems = r.lines().stream().filter(l -> "problem".equals(l.answer())).count();
      rows.add(List.of(
          facts.departmentName(r.department()),
          r.code() + " " + ResultCodes.label(r.code()) + (r.finalCode() != null ? "（整改后）" : ""),
          r.lines().size() + " 条，发现问题 " + problems + " 条",
          String.join("、", r.methods().stream().map(m -> CheckMethod.parse(m).map(CheckMethod::label).orElse(m)).toList()),
          String.join("、", r.followUps().stream().map(f -> ResultCodes.FOLLOW_UPS.getOrDefault(f, f)).toList())
              + (r.rectificationDeadline() == null ? "" : "（期限 " + r.rectificationDeadline() + "）"),
          facts.personName(r.recordedBy()) + (r.coSignedBy() == null ? "" : "、" + facts.personName(r.coSignedBy())),
          status(r.status()) + (r.returnReason() == null ? "" : "（退回：" + r.returnReason() + "）"),
          r.publishedAt() == null ? "" : visits.show(r.publishedAt()) + (r.confidential() ? "（不予公开）" : "")));
    }
    return new Table(List.of("部门", "检查结果", "检查内容", "检查方式", "后续处理", "执法人员", "状态", "公示"), rows);
  }

  private static String status(String status) {
    return switch (status) {
      case InspectionRecords.RECORDED -> "待第二名执法人员签名";
      case InspectionRecords.CO_SIGNED -> "待科长审核";
      case InspectionRecords.RETURNED -> "已退回";
      case InspectionRecords.APPROVED -> "已审核，待公示";
      case InspectionRecords.PUBLISHED -> "已公示";
      default -> status;
    };
  }
}
