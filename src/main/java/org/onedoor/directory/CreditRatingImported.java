package org.onedoor.directory;

import java.time.Instant;

/**
 * Domain event: an import (or the directory API) changed an existing entity's credit class or risk level —
 * values an official classification system delivered. Published inside the writing transaction, once per
 * entity whose rating changed; the credit feature keeps it in the rating's history as a cause of its own.
 */
public record CreditRatingImported(String uscc, String oldClass, String oldLevel, String newClass, String newLevel,
    String reason, String source, Instant at) {}
