package org.onedoor.rectification;

import org.onedoor.inspection.InspectionAccess;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Staff page {@code /staff/inspections/{number}/rectifications/{department}}: staff register what the
 * business handed in — its rectification report (整改报告) and its extension request (延期申请) — and see
 * the order, its deadline and the earlier entries. A static page (static/staff/inspection/rectification.html
 * and .js) calling the rectification API; linked from the inspection file and the rectification task forms,
 * reached with the Tasklist sign-in or HTTP Basic.
 */
@Controller
class RectificationPages {

  private final InspectionAccess access;

  RectificationPages(InspectionAccess access) {
    this.access = access;
  }

  @GetMapping("/staff/inspections/{number}/rectifications/{department}")
  String page(@PathVariable String number, @PathVariable String department, Authentication caller) {
    access.requireAccess(number, caller);
    return "forward:/staff/inspection/rectification.html";
  }
}
