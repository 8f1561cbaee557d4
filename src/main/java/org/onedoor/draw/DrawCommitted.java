package org.onedoor.draw;

import java.time.Instant;

/**
 * Domain event: the draw commitment of a plan batch became public (R4), at the plan's publication.
 * {@code commitment} is SHA-256 of the secret nonce (which stays internal); {@code publicJson} is
 * the public record of the batch before the freeze, exactly as {@code GET /public/api/draws/{id}}
 * serves it (never with a nonce). Published inside the committing transaction, once per batch: an
 * idempotent repeat of the commitment publishes nothing.
 */
public record DrawCommitted(String drawId, String planNumber, int batch, String commitment, String publicJson,
    Instant committedAt) {}
