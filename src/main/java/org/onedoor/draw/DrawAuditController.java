package org.onedoor.draw;

import org.onedoor.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors (administrators): the internal part of a draw — the frozen population's exclusions
 * and the inspector matching, replayed from its stored request on every read.
 */
@RestController
@RequestMapping("/api/management/v1/draws/{planNumber}/batches/{batch}")
class DrawAuditController {

  private final DrawService draws;

  DrawAuditController(DrawService draws) {
    this.draws = draws;
  }

  @GetMapping("/freeze")
  DrawService.Freeze freeze(@PathVariable String planNumber, @PathVariable int batch) {
    return draws.frozen(planNumber, batch)
        .orElseThrow(() -> new NotFoundException("batch", "计划 " + planNumber + " 第 " + batch + " 批次尚未冻结名单"));
  }

  @GetMapping("/matching")
  DrawService.Matching matching(@PathVariable String planNumber, @PathVariable int batch) {
    return draws.matching(planNumber, batch)
        .orElseThrow(() -> new NotFoundException("batch", "计划 " + planNumber + " 第 " + batch + " 批次尚未匹配执法检查人员"));
  }
}
