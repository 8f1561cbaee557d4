package org.onedoor.draw;

import java.time.Instant;

/**
 * Domain event: the population of a plan batch was frozen on the draw date and its hash became
 * public (R4). {@code publicJson} is the public record between the freeze and the draw: the
 * commitment, the population hash, the numbers excluded by reason and the moment of the freeze
 * (never a nonce). Published inside the freezing transaction, once per batch.
 */
public record DrawFrozen(String drawId, String planNumber, int batch, String populationHash, String publicJson,
    Instant frozenAt) {}
