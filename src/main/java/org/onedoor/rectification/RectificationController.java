package org.onedoor.rectification;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.inspection.InspectionFacts;
import java.nio.charset.StandardCharsets;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff enter what a business reported about its rectification (by phone, letter or in person):
 * {@code POST /api/v1/inspections/{number}/rectifications/{department}/report} with {@code date} and
 * {@code text}; and its application for a longer period (延期整改): {@code POST
 * …/extension-requests} with {@code reason} and {@code requestedDeadline}, {@code GET …/extension-requests}
 * for the requests and their decisions. Staff of that department or administrators only.
 */
@RestController
class RectificationController {

  private final Rectifications rectifications;
  private final RectificationExtensions extensions;
  private final InspectionAccess access;
  private final RectificationOrderNotice notices;
  private final InspectionFacts facts;

  RectificationController(Rectifications rectifications, RectificationExtensions extensions,
      InspectionAccess access, RectificationOrderNotice notices, InspectionFacts facts) {
    this.facts = facts;
    this.rectifications = rectifications;
    this.extensions = extensions;
    this.access = access;
    this.notices = notices;
  }

  /** The department's latest rectification with its reports and extension requests (the staff page reads it). */
  @GetMapping("/api/v1/inspections/{number}/rectifications/{department}")
  RectificationView rectification(@PathVariable String number, @PathVariable String department,
      Authentication caller) {
    requireDepartmentStaff(number, department, caller, "查看责令改正");
    List<Rectifications.Rectification> all = rectifications.list(number).stream()
        .filter(r -> r.department().equals(department)).toList();
    if (all.isEmpty()) {
      throw new NotFoundException("department", "检查 " + number + " 没有 " + department + " 的责令改正");
    }
    return new RectificationView(all.get(all.size() - 1), facts.departmentName(department));
  }

  /** The rectification's fields, plus the department's name for the page. */
  record RectificationView(@JsonUnwrapped Rectifications.Rectification rectification, String departmentName) {}

  /** 责令改正通知书 as a PDF, shown in the browser (the task forms open it in a new tab). */
  @GetMapping({"/api/v1/inspections/{number}/rectifications/{department}/order.pdf",
      "/staff/inspections/{number}/rectifications/{department}/order.pdf"})
  ResponseEntity<byte[]> orderNotice(@PathVariable String number, @PathVariable String department,
      Authentication caller) {
    access.requireAccess(number, caller);
    Rectifications.Rectification order = notices.order(number, department);
    byte[] pdf = notices.pdf(number, department);
    ContentDisposition disposition = ContentDisposition.inline()
        .filename(RectificationOrderNotice.TITLE + " " + order.orderNumber() + ".pdf", StandardCharsets.UTF_8).build();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString()).header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(pdf);
  }

  record ReportRequest(String date, String text) {}

  record ExtensionRequest(String reason, String requestedDeadline) {}

  @PostMapping("/api/v1/inspections/{number}/rectifications/{department}/report")
  @ResponseStatus(HttpStatus.CREATED)
  Rectifications.Report report(@PathVariable String number, @PathVariable String department,
      @RequestBody ReportRequest body, Authentication caller) {
    requireDepartmentStaff(number, department, caller, "登记整改报告");
    Instant now = ClockUtil.now().toInstant();
    return rectifications.report(number, department, body == null ? null : body.date(),
        body == null ? null : body.text(), caller.getName(), now);
  }

  @PostMapping("/api/v1/inspections/{number}/rectifications/{department}/extension-requests")
  @ResponseStatus(HttpStatus.CREATED)
  Rectifications.Extension requestExtension(@PathVariable String number, @PathVariable String department,
      @RequestBody ExtensionRequest body, Authentication caller) {
    requireDepartmentStaff(number, department, caller, "登记延期申请");
    return extensions.request(number, department, body == null ? null : body.reason(),
        body == null ? null : body.requestedDeadline(), caller.getName(), ClockUtil.now().toInstant());
  }

  @GetMapping("/api/v1/inspections/{number}/rectifications/{department}/extension-requests")
  List<Rectifications.Extension> extensionRequests(@PathVariable String number, @PathVariable String department,
      Authentication caller) {
    requireDepartmentStaff(number, department, caller, "查看延期申请");
    return extensions.requests(number, department);
  }

  private void requireDepartmentStaff(String number, String department, Authentication caller, String what) {
    access.requireExists(number);
    if (!access.mayActFor(number, department, InspectionAccess.groups(caller))) {
      throw new AccessDeniedException("只有参加检查 " + number + " 的 " + department + " 部门人员或系统管理员可以" + what);
    }
  }
}
