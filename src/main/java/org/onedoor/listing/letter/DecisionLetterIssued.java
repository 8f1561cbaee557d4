package org.onedoor.listing.letter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Domain event: the decision letter of an abnormal-list decision was rendered and stored, inside the
 * deciding transaction. Names the groups it concerns (the deciding department's inspectors and chiefs,
 * who work its listing cases).
 */
public record DecisionLetterIssued(
    long letterId,
    long listingId,
    String title,
    String decisionNumber,
    String entityName,
    String department,
    LocalDate decidedOn,
    Instant at,
    Set<String> concernedGroups) {

  public DecisionLetterIssued {
    concernedGroups = Set.copyOf(concernedGroups);
  }
}
