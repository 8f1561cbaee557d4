package org.onedoor.oversight;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervision figures as JSON for managers and administrators: {@code GET
 * /api/v1/oversight/figures?year=&department=} (year defaults to the engine clock's year; no
 * department: all). SecurityConfig admits only those roles; the check here repeats it.
 */
@RestController
class OversightController {

  private final OversightService oversight;

  OversightController(OversightService oversight) {
    this.oversight = oversight;
  }

  @GetMapping("/api/v1/oversight/figures")
  OversightService.Figures figures(@RequestParam(required = false) String year,
      @RequestParam(required = false) String department, Authentication caller) {
    OversightAccess.requireManager(caller);
    var today = oversight.today(ClockUtil.now().toInstant());
    return oversight.figures(oversight.year(year, today), oversight.department(department), today);
  }
}
