package org.onedoor.oversight;

import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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
    requireManager(caller);
    var today = oversight.today(ClockUtil.now().toInstant());
    return oversight.figures(oversight.year(year, today), oversight.department(department), today);
  }

  /** 403 unless the caller is a manager (监管主管) or an administrator. */
  static void requireManager(Authentication caller) {
    List<String> groups = caller == null ? List.of()
        : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (!groups.contains(Role.MANAGER.groupId()) && !groups.contains(Role.CAMUNDA_ADMIN_GROUP)) {
      throw new AccessDeniedException("只有监管主管或系统管理员可以查看监管指标");
    }
  }
}
