package org.onedoor.credit;

import java.time.Instant;

/**
 * Domain event: the check of a risk warning came to its end (R13): {@code unfounded} or {@code handled}
 * at the check, {@code targeted} when the chief approved a targeted inspection, {@code targeted-rejected}
 * when the chief did not. Published inside the concluding transaction; {@link CreditFeedback} weighs it.
 */
public record RiskWarningConcluded(long warningId, String uscc, String outcome, Instant at) {

  public static final String TARGETED_REJECTED = "targeted-rejected";
}
