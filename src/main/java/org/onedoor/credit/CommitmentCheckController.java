package org.onedoor.credit;

import java.util.List;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The commitment checks of a business, one check, and its notice as a PDF (staff). */
@RestController
class CommitmentCheckController {

  private final CommitmentChecks checks;

  CommitmentCheckController(CommitmentChecks checks) {
    this.checks = checks;
  }

  @GetMapping("/api/v1/entities/{uscc}/commitment-checks")
  List<CommitmentChecks.Check> of(@PathVariable String uscc) {
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> {
      throw new BadRequestException("uscc", p);
    });
    return checks.of(code);
  }

  @GetMapping("/api/v1/commitment-checks/{id}")
  CommitmentChecks.Check one(@PathVariable long id) {
    return checks.get(id);
  }

  /** 责令限期办理变更登记通知书 or 注销登记建议书; 409 when the disposition has no notice or none is issued yet. */
  @GetMapping("/api/v1/commitment-checks/{id}/notice.pdf")
  ResponseEntity<byte[]> notice(@PathVariable long id) {
    return pdf(id);
  }

  /** The same from the staff entity page (reached with the Tasklist sign-in); 404 for another business's check. */
  @GetMapping("/staff/entities/{uscc}/commitment-checks/{id}/notice.pdf")
  ResponseEntity<byte[]> noticeOfEntity(@PathVariable String uscc, @PathVariable long id) {
    if (!checks.get(id).uscc().equals(Uscc.normalise(uscc))) {
      throw new org.onedoor.platform.web.NotFoundException("id", "检查对象 " + uscc + " 没有编号为 " + id + " 的信用承诺核查");
    }
    return pdf(id);
  }

  private ResponseEntity<byte[]> pdf(long id) {
    byte[] pdf = checks.pdf(id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("notice-" + id + ".pdf").build().toString())
        .body(pdf);
  }
}
