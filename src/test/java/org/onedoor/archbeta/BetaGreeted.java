package org.onedoor.archbeta;

/** Fixture for ArchitectureRulesNameTheOffenderTest: an event record another feature may use. */
public record BetaGreeted(String greeting) {}
