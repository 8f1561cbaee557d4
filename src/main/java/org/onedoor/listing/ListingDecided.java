package org.onedoor.listing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Domain event: a decision on the abnormal operations list was taken (R9–R12). Published inside the
 * deciding transaction; the disclosure projection publishes the public kinds and the decision letters
 * are rendered from it.
 *
 * @param listingId the listing the decision belongs to
 * @param decisionNumber the decision letter's number, unique, e.g. 市监异〔2026〕17号
 * @param individualBusiness an individual business is marked abnormal (标记经营异常状态), not listed
 * @param ground the R9 ground: 1 annual report, 2 information not published in time, 3 false
 *     information, 4 not contactable at the registered address
 * @param reasonCode for REMOVED: the R11 remedy code (1–4); otherwise null
 * @param arisenOn the day the information arose: the 20 working days of publication run from here
 * @param facts the facts found, as the letter states them
 * @param legalBasis the articles the decision rests on
 * @param reason the written reasons (objection results, removal), may be null
 */
public record ListingDecided(
    long listingId,
    Kind kind,
    String decisionNumber,
    String uscc,
    String entityName,
    boolean individualBusiness,
    String ground,
    String groundLabel,
    String reasonCode,
    String department,
    String authority,
    LocalDate decidedOn,
    LocalDate arisenOn,
    String facts,
    String legalBasis,
    String reason,
    Instant at) {

  public enum Kind {
    /** Put on the list (or, for an individual business, marked abnormal). Public. */
    LISTED(true),
    /** An objection was rejected (not accepted, or verified and not upheld): stays listed. Not public. */
    OBJECTION_REJECTED(false),
    /** An objection was upheld: the listing is revoked (撤销) as wrongful. Public. */
    REVOKED(true),
    /** Removed (移出) after the remedy, with its reason code. Public. */
    REMOVED(true),
    /** Three years on the list: put on the serious violations list (严重违法失信名单). Public. */
    SERIOUS_LISTED(true);

    private final boolean published;

    Kind(boolean published) {
      this.published = published;
    }

    public boolean published() {
      return published;
    }
  }
}
