package org.onedoor.monitoring;

import java.time.Instant;

/**
 * One monitoring reading, checked: a configured source and one of its indicators (codes), a valid
 * USCC, a finite value inside the indicator's plausible range, a time of measurement. Its key — source,
 * business, indicator, time — identifies it: the same reading sent again is not stored again.
 */
public record Reading(String source, String uscc, String indicator, Instant measuredAt, double value) {

  /** The reading's identity. */
  record Key(String source, String uscc, String indicator, Instant measuredAt) {}

  Key key() {
    return new Key(source, uscc, indicator, measuredAt);
  }
}
