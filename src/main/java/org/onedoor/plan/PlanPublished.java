package org.onedoor.plan;

import java.time.Instant;

/**
 * Domain event: a plan, its items and its draw commitment became public (R3, R8). Published inside the
 * publishing transaction, so a listener that fails (the disclosure projection, say) rolls the
 * publication back and the engine retries it: a publication is never dropped.
 */
public record PlanPublished(String planNumber, Instant publishedAt) {}
