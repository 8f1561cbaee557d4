package org.onedoor.listing.letter;

import java.nio.charset.StandardCharsets;
import org.onedoor.inspection.InspectionAccess;
import org.onedoor.listing.Listings;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A decision letter downloaded from the inspection page (its "经营异常名录决定书" section): staff of the
 * inspection's departments, signed in to Tasklist or with Basic, get the PDF of a letter of a case that
 * this inspection started or joined.
 */
@RestController
class InspectionLetterController {

  private final InspectionAccess access;
  private final Listings listings;
  private final DecisionLetters letters;

  InspectionLetterController(InspectionAccess access, Listings listings, DecisionLetters letters) {
    this.access = access;
    this.listings = listings;
    this.letters = letters;
  }

  @GetMapping("/staff/inspections/{number}/listings/{id}/letters/{letterId}.pdf")
  ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id, @PathVariable long letterId,
      Authentication caller) {
    access.requireAccess(number, caller);
    boolean ofThisInspection = listings.referralsOf(number).stream().anyMatch(r -> r.listingId() == id);
    DecisionLetters.Pdf pdf = (ofThisInspection ? letters.pdf(id, letterId) : java.util.Optional.<DecisionLetters.Pdf>empty())
        .orElseThrow(() -> new NotFoundException("letterId",
            "检查 " + number + " 的经营异常名录案件没有编号为 " + letterId + " 的决定书"));
    ContentDisposition disposition = ContentDisposition.inline()
        .filename(pdf.letter().title() + " " + pdf.letter().decisionNumber() + ".pdf", StandardCharsets.UTF_8).build();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString()).header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(pdf.bytes());
  }
}
