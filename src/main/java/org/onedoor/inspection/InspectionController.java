package org.onedoor.inspection;

import java.util.List;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A plan's inspections for staff: how far opening has got and a page of them. */
@RestController
class InspectionController {

  static final int MAX_SIZE = 500;

  private final InspectionOpening opening;

  InspectionController(InspectionOpening opening) {
    this.opening = opening;
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
