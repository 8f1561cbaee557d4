package org.onedoor.inspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** 检查时间协商: the agreed visit, how it was fixed, every proposal and answer, the visits it replaced. */
@Component
class VisitSection implements InspectionSection {

  private final VisitCoordination visits;
  private final InspectionFacts facts;

  VisitSection(VisitCoordination visits, InspectionFacts facts) {
    this.visits = visits;
    this.facts = facts;
  }

  @Override
  public String key() {
    return "visit";
  }

  @Override
  public String title() {
    return "检查时间协商";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Object data(String inspectionNumber) {
    Map<String, Object> data = new LinkedHashMap<>();
    visits.current(inspectionNumber).ifPresentOrElse(v -> {
      data.put("round", v.round());
      data.put("proposedAt", v.proposedAt());
      data.put("agreedAt", v.agreedAt());
      data.put("decidedHow", v.decidedHow());
      data.put("decidedBy", v.decidedBy());
      data.put("visitsReplaced", v.visitsReplaced());
      data.put("steps", v.steps());
    }, () -> data.put("steps", List.of()));
    return data;
  }

  @Override
  public Table table(String inspectionNumber) {
    List<List<String>> rows = new ArrayList<>();
    visits.current(inspectionNumber).ifPresent(v -> {
      for (VisitCoordination.Step s : v.steps()) {
        rows.add(List.of(String.valueOf(s.round()), facts.departmentName(s.department()), kind(s.kind()),
            visits.show(s.visitAt()), s.reason() == null ? "" : s.reason(), facts.personName(s.actor()), visits.show(s.actedAt())));
      }
      if (v.agreedAt() != null) {
        rows.add(List.of(String.valueOf(v.round()), "", VisitCoordination.BY_CHIEF.equals(v.decidedHow())
            ? "最终：科长决定" : "最终：一致同意", visits.show(v.agreedAt()), "", facts.personName(v.decidedBy()), ""));
      }
    });
    return new Table(List.of("轮次", "部门", "意见", "检查时间", "理由", "经办人", "时间"), rows);
  }

  private static String kind(String kind) {
    return switch (kind) {
      case VisitCoordination.PROPOSE -> "提议";
      case VisitCoordination.CONFIRM -> "同意";
      case VisitCoordination.COUNTER -> "另提时间";
      case VisitCoordination.DECIDE -> "科长决定";
      default -> kind;
    };
  }
}
