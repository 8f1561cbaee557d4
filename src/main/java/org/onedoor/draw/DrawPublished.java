package org.onedoor.draw;

import java.time.Instant;

/**
 * Domain event: the draw record of a plan batch became public (R4). {@code drawId} is the id of
 * {@code GET /public/api/draws/{id}}; {@code recordJson} is exactly that public record. Published inside
 * the drawing transaction.
 */
public record DrawPublished(String drawId, String planNumber, int batch, String recordJson, Instant drawnAt) {}
