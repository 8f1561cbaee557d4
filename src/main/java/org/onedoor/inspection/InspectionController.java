package org.onedoor.inspection;

import java.util.List;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A plan's inspections for staff: how far opening has got, a page of them, the summary. */
@RestController
class InspectionController {

  static final int MAX_SIZE = 500;

  private final InspectionOpening opening;
  private final PlanSummaries summaries;

  InspectionController(InspectionOpening opening, PlanSummaries summaries) {
    this.opening = opening;
    this.summaries = summaries;
  }

  /** The summary of a batch (default the first), once its inspections are done or its window closed. */
  @GetMapping("/api/v1/plans/{number}/summary")
  PlanSummaries.Summary summary(@PathVariable String number, @RequestParam(defaultValue = "1") int batch) {
    if (batch < 1) {
      throw new BadRequestException("batch", "批次从 1 开始");
    }
    return summaries.find(number, batch).orElseThrow(() -> new org.onedoor.platform.web.NotFoundException(
        "number", "计划 " + number + " 第 " + batch + " 批次尚未汇总（检查未全部完成，批次窗口也未结束）"));
  }

  record PlanInspections(String planNumber, int opened, int total, int done, int page, int size,
      List<InspectionOpening.Inspection> items) {}

  @GetMapping("/api/v1/plans/{number}/inspections")
  PlanInspections inspections(@PathVariable String number, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0) {
      throw new BadRequestException("page", "不能小于 0");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new BadRequestException("size", "须在 1 到 " + MAX_SIZE + " 之间");
    }
    InspectionOpening.Progress progress = opening.progress(number);
    return new PlanInspections(number, progress.opened(), progress.total(),
        opening.count(number, InspectionOpening.DONE), page, size, opening.page(number, page, size));
  }
}
