package org.onedoor.listing.letter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.onedoor.listing.Listings;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API: the decision letters of a listing, and each letter's PDF (ETag = its SHA-256, so a
 * client holding the same bytes gets 304 Not Modified).
 */
@RestController
@RequestMapping("/api/v1/listings/{id}/letters")
class ListingLetterController {

  private final DecisionLetters letters;
  private final Listings listings;

  ListingLetterController(DecisionLetters letters, Listings listings) {
    this.letters = letters;
    this.listings = listings;
  }

  /** One letter in the list. */
  record LetterEntry(
      long id,
      String kind,
      String title,
      String decisionNumber,
      LocalDate decidedOn,
      String sha256,
      int size,
      Instant renderedAt,
      String download) {}

  @GetMapping
  List<LetterEntry> list(@PathVariable long id) {
    // an unknown case is a 404; a case not decided yet simply has no letters
    listings.get(id);
    return letters.ofListing(id).stream()
        .map(
            l ->
                new LetterEntry(
                    l.id(),
                    l.kind().name(),
                    l.title(),
                    l.decisionNumber(),
                    l.decidedOn(),
                    l.sha256(),
                    l.size(),
                    l.renderedAt(),
                    "/api/v1/listings/" + id + "/letters/" + l.id()))
        .toList();
  }

  @GetMapping("/{letterId}")
  ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable long letterId) {
    DecisionLetters.Pdf pdf =
        letters
            .pdf(id, letterId)
            .orElseThrow(
                () -> new NotFoundException("letterId", "编号为 " + id + " 的记录没有编号为 " + letterId + " 的决定书"));
    ContentDisposition disposition =
        ContentDisposition.attachment()
            .filename(pdf.letter().decisionNumber() + ".pdf", StandardCharsets.UTF_8)
            .build();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .eTag(pdf.letter().sha256())
        .body(pdf.bytes());
  }
}
