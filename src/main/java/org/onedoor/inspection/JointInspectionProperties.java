package org.onedoor.inspection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rules of the joint inspection that a region may set differently ({@code onedoor.joint-inspection}).
 *
 * @param publicationWorkingDays a department's result is public within this many working days of the
 *     inspection's completion (R8: 20)
 * @param escalationWorkingDays the manager is told this many working days before that deadline if the
 *     result is still not public (5)
 * @param maxVisitRounds proposal rounds before the lead chief decides the visit time (3)
 * @param visitDecisionWorkingDays the lead chief decides once the batch window ends within this many
 *     working days and the departments still disagree (2)
 * @param targetedWindowWorkingDays a targeted inspection (定向检查, no plan) is visited within this many
 *     working days of its opening: its window, as a batch's for a plan (20)
 */
@ConfigurationProperties("onedoor.joint-inspection")
public record JointInspectionProperties(
    Integer publicationWorkingDays, Integer escalationWorkingDays, Integer maxVisitRounds,
    Integer visitDecisionWorkingDays, Integer targetedWindowWorkingDays) {

  public JointInspectionProperties {
    publicationWorkingDays = positive(publicationWorkingDays, 20, "publication-working-days");
    escalationWorkingDays = positive(escalationWorkingDays, 5, "escalation-working-days");
    maxVisitRounds = positive(maxVisitRounds, 3, "max-visit-rounds");
    visitDecisionWorkingDays = positive(visitDecisionWorkingDays, 2, "visit-decision-working-days");
    targetedWindowWorkingDays = positive(targetedWindowWorkingDays, 20, "targeted-window-working-days");
    if (escalationWorkingDays >= publicationWorkingDays) {
      throw new IllegalArgumentException(
          "onedoor.joint-inspection.escalation-working-days must be less than publication-working-days");
    }
  }

  private static int positive(Integer value, int fallback, String name) {
    int v = value == null ? fallback : value;
    if (v < 1) {
      throw new IllegalArgumentException("onedoor.joint-inspection." + name + " must be at least 1");
    }
    return v;
  }
}
