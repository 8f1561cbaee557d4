package org.onedoor.inspection;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/inspections?plan=&department=&status=&uscc=&page=&size=} (any staff) and {@code GET
 * /api/v1/inspections/{number}} (staff of its departments and administrators).
 */
@RestController
class InspectionDetailController {

  private final InspectionDetails details;
  private final InspectionAccess access;

  InspectionDetailController(InspectionDetails details, InspectionAccess access) {
    this.details = details;
    this.access = access;
  }

  @GetMapping("/api/v1/inspections")
  InspectionDetails.Page list(@RequestParam(required = false) String plan,
      @RequestParam(required = false) String department, @RequestParam(required = false) String status,
      @RequestParam(required = false) String uscc, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return details.list(plan, department, status, uscc, page, size);
  }

  @GetMapping("/api/v1/inspections/{number}")
  InspectionDetails.Detail detail(@PathVariable String number, Authentication caller) {
    access.requireAccess(number, caller);
    return details.detail(number);
  }
}
