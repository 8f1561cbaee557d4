package org.onedoor.inspection;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Domain event: a department's inspection result was approved for publication (R7, R8). Carries exactly
 * the fields of a public result notice and nothing a result notice must not show (no inspector, no
 * credit class, no risk level). Published inside the approving transaction.
 *
 * @param taskNumber the sampling task's number (the inspection number)
 * @param taskName the sampling task's name as published
 * @param inspectionType 定向 (targeted) or 不定向 (untargeted) random inspection
 * @param department the inspecting department's code
 * @param authority the inspecting authority's published name
 * @param completedOn the day the inspection was completed: the 20 working days run from here
 * @param resultLabel the R7 label of {@code resultCode}, e.g. 未发现问题
 * @param confidential a superior marked the result confidential: it is recorded, never published
 */
public record ResultApproved(
    String planNumber,
    String planName,
    String taskNumber,
    String taskName,
    String inspectionType,
    String department,
    String authority,
    String entityName,
    String uscc,
    LocalDate completedOn,
    String resultCode,
    String resultLabel,
    String remarks,
    boolean confidential,
    Instant approvedAt) {}
