package org.onedoor.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed logins are slowed down ({@code onedoor.security.login}). Every failure beyond the free
 * attempts of an account, or of a client address, makes the next attempt wait {@code base-delay}
 * doubled per further failure, at most {@code max-delay}; failures are forgotten {@code forget-after}
 * the last one. Nothing is ever locked for good.
 *
 * @param accountFreeAttempts failures of one account (from anywhere) before it waits (5)
 * @param addressFreeAttempts failures from one client address (any account) before it waits (20)
 * @param baseDelay the first wait (1s)
 * @param maxDelay the longest wait (5m)
 * @param forgetAfter failures are forgotten this long after the last one (15m, at least max-delay)
 * @param maxTracked most accounts and addresses remembered at once; the oldest go first (100000)
 */
@ConfigurationProperties("onedoor.security.login")
public record LoginThrottleProperties(
    Integer accountFreeAttempts,
    Integer addressFreeAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration forgetAfter,
    Integer maxTracked) {

  public LoginThrottleProperties {
    accountFreeAttempts = atLeast(accountFreeAttempts, 5, 1, "account-free-attempts");
    addressFreeAttempts = atLeast(addressFreeAttempts, 20, 1, "address-free-attempts");
    maxTracked = atLeast(maxTracked, 100_000, 100, "max-tracked");
    baseDelay = baseDelay == null ? Duration.ofSeconds(1) : baseDelay;
    maxDelay = maxDelay == null ? Duration.ofMinutes(5) : maxDelay;
    forgetAfter = forgetAfter == null ? Duration.ofMinutes(15) : forgetAfter;
    if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "onedoor.security.login.base-delay must be positive and not above max-delay");
    }
    if (forgetAfter.compareTo(maxDelay) < 0) {
      throw new IllegalArgumentException("onedoor.security.login.forget-after must be at least max-delay");
    }
  }

  /** The defaults stated above. */
  public static LoginThrottleProperties defaults() {
    return new LoginThrottleProperties(null, null, null, null, null, null);
  }

  private static int atLeast(Integer value, int fallback, int min, String name) {
    int v = value == null ? fallback : value;
    if (v < min) {
      throw new IllegalArgumentException("onedoor.security.login." + name + " must be at least " + min);
    }
    return v;
  }
}
