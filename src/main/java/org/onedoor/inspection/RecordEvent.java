package org.onedoor.inspection;

import java.time.Instant;
import java.util.Set;

/**
 * Domain event of a department's on-site record, published inside the deciding transaction: stored and
 * waiting for the second officer's signature, the signature refused, or the record returned by the
 * chief. It names whom it concerns (the co-signers, or the department's drawn inspectors who must redo
 * it); the reasons people typed are not in it.
 */
public record RecordEvent(
    Kind kind,
    String inspectionNumber,
    String entityName,
    String department,
    String departmentName,
    String actor,
    Instant at,
    Set<String> concernedUsers,
    Set<String> concernedGroups) {

  public enum Kind {
    /** The record was made: the department's other drawn inspector (or a chief) is to sign it. */
    CO_SIGN_REQUESTED,
    /** The second officer refused to sign: the record goes back to the department's inspectors. */
    CO_SIGN_REFUSED,
    /** The chief returned the record for correction. */
    RETURNED
  }

  public RecordEvent {
    concernedUsers = Set.copyOf(concernedUsers);
    concernedGroups = Set.copyOf(concernedGroups);
  }
}
