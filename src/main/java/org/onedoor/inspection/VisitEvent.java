package org.onedoor.inspection;

import java.time.Instant;
import java.util.Set;

/**
 * Domain event of the joint visit (R6), published inside the deciding transaction: a time proposed by
 * the lead department or another one, the time agreed by all, or decided by the lead chief. It names
 * whom it concerns (drawn inspectors, and the chiefs' groups of departments without drawn inspectors),
 * so that a listener need not know how a joint inspection is staffed; nothing a notice must not show.
 *
 * @param department the department that acted (the lead for PROPOSED and DECIDED)
 * @param actor who acted ({@code system} when everybody agreed)
 */
public record VisitEvent(
    Kind kind,
    String inspectionNumber,
    String entityName,
    String department,
    String departmentName,
    Instant visitAt,
    String actor,
    Instant at,
    Set<String> concernedUsers,
    Set<String> concernedGroups) {

  public enum Kind {
    /** The lead department proposed a time: the other departments are asked to confirm. */
    PROPOSED,
    /** A department proposed another time: back to the lead department. */
    COUNTERED,
    /** Every department confirmed: the visit time is fixed. */
    AGREED,
    /** The lead chief fixed the time (no agreement in time). */
    DECIDED
  }

  public VisitEvent {
    concernedUsers = Set.copyOf(concernedUsers);
    concernedGroups = Set.copyOf(concernedGroups);
  }
}
