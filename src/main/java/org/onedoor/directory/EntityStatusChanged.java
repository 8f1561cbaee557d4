package org.onedoor.directory;

import java.time.Instant;

/**
 * Domain event: an entity's registration status (登记状态) changed, by an import, the API or another
 * feature (the abnormal list). Published inside the writing transaction, once per history row; a
 * listener that fails rolls the change back. Listings end their open cases when an entity is
 * deregistered ({@code deregistered}).
 */
public record EntityStatusChanged(
    String uscc, String oldStatus, String newStatus, String reason, String source, Instant at) {}
