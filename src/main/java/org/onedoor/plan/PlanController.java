package org.onedoor.plan;

import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.plan.Plans.Plan;
import org.onedoor.plan.Plans.PlanRequest;
import org.onedoor.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sampling plans for staff: draft one, list and read them. */
@RestController
@RequestMapping("/api/v1/plans")
class PlanController {

  private final PlanService plans;
  private final PlanLifecycle lifecycle;

  PlanController(PlanService plans, PlanLifecycle lifecycle) {
    this.plans = plans;
    this.lifecycle = lifecycle;
  }

  /** A plan is drafted by a chief of its lead department (or an administrator). */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Plan create(@RequestBody PlanRequest request, Authentication user) {
    boolean admin = has(user, Role.CAMUNDA_ADMIN_GROUP);
    boolean leadChief = request != null && request.leadDepartment() != null
        && has(user, Role.CHIEF.workGroupId(request.leadDepartment()));
    if (!admin && !leadChief) {
      throw new AccessDeniedException("只有牵头部门的科长可以拟定抽查计划");
    }
    return plans.create(request, user.getName(), ClockUtil.now().toInstant());
  }

  private static boolean has(Authentication user, String group) {
    return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(group));
  }

  /** A returned plan is corrected by its drafter or a chief of its lead department, then resubmitted. */
  @PutMapping("/{number}")
  Plan update(@PathVariable String number, @RequestBody PlanRequest request, Authentication user) {
    Plan current = plans.get(number);
    if (!has(user, Role.CAMUNDA_ADMIN_GROUP) && !user.getName().equals(current.createdBy())
        && !has(user, Role.CHIEF.workGroupId(current.leadDepartment()))) {
      throw new AccessDeniedException("只有计划拟定人或牵头部门科长可以修改计划");
    }
    return plans.update(number, request, user.getName(), ClockUtil.now().toInstant());
  }

  @GetMapping("/{number}/decisions")
  List<PlanLifecycle.Decision> decisions(@PathVariable String number) {
    plans.get(number);
    return lifecycle.decisions(number);
  }

  @GetMapping
  List<Plan> list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String status) {
    return plans.list(year, status);
  }

  @GetMapping("/{number}")
  Plan get(@PathVariable String number) {
    return plans.get(number);
  }
}
