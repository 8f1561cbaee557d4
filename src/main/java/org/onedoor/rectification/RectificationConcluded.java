package org.onedoor.rectification;

import java.time.Instant;

/**
 * Domain event: a rectification was re-checked (整改复查), corrected ({@code E}) or not ({@code A}, case
 * clues transferred). Published inside the re-check's transaction; the credit feature weighs it (R13).
 *
 * @param rectificationId the rectification's id
 * @param outcome {@link Rectifications#CORRECTED_CODE} or {@link Rectifications#PENDING_CODE}
 */
public record RectificationConcluded(
    long rectificationId, String inspectionNumber, String department, String uscc, String outcome, Instant at) {}
