package org.onedoor.credit;

/**
 * What the staff entity page ({@code staff/entity.jte}) shows of a business: the directory's facts and its
 * credit class and risk level as labels; the projected ones only when pending changes differ. Internal.
 */
public record EntityCreditSummary(String uscc, String name, String status, String type, String category,
    String region, String creditClass, String riskLevel, String projectedClass, String projectedLevel,
    String pendingNote) {}
