package org.onedoor.rectification;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.inspection.InspectionAccess;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff enter what a business reported about its rectification (by phone, letter or in person):
 * {@code POST /api/v1/inspections/{number}/rectifications/{department}/report} with {@code date} and
 * {@code text}. Staff of that department or administrators only.
 */
@RestController
class RectificationController {

  private final Rectifications rectifications;
  private final InspectionAccess access;

  RectificationController(Rectifications rectifications, InspectionAccess access) {
    this.rectifications = rectifications;
    this.access = access;
  }

  record ReportRequest(String date, String text) {}

  @PostMapping("/api/v1/inspections/{number}/rectifications/{department}/report")
  @ResponseStatus(HttpStatus.CREATED)
  Rectifications.Report report(@PathVariable String number, @PathVariable String department,
      @RequestBody ReportRequest body, Authentication caller) {
    access.requireExists(number);
    if (!access.mayActFor(number, department, InspectionAccess.groups(caller))) {
      throw new AccessDeniedException("只有参加检查 " + number + " 的 " + department + " 部门人员或系统管理员可以登记整改报告");
    }
    Instant now = ClockUtil.now().toInstant();
    return rectifications.report(number, department, body == null ? null : body.date(),
        body == null ? null : body.text(), caller.getName(), now);
  }
}
