package org.onedoor.credit;

import java.time.Instant;
import java.util.Set;

/**
 * Domain event: a risk warning was registered for a department (R13), inside the registering
 * transaction — for a warning a monitoring rule raised, inside the transaction that starts its process
 * ({@link WarningStarter}). Concerns the department's chiefs (its inspectors get the check task itself). Carries
 * the business's name and where the warning came from, never its description (a complaint may name a
 * person) nor its level.
 *
 * @param sourceLabel 监测数据, 投诉举报, 其他部门推送 or 其他
 */
public record RiskWarningRaised(
    long warningId,
    String entityName,
    String department,
    String sourceLabel,
    String receivedBy,
    Instant at,
    Set<String> concernedGroups) {

  public RiskWarningRaised {
    concernedGroups = Set.copyOf(concernedGroups);
  }
}
