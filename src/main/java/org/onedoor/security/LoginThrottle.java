package org.onedoor.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without ever locking anybody out for good (issue 13, item 4). Failed
 * logins are counted per account and per client address; beyond the free attempts the next attempt
 * has to wait, exponentially longer up to a cap, and the count is forgotten a while after the last
 * failure. A successful login clears its account (not its address: one valid account must not buy
 * an address more guesses); an administrator's unlock in Admin clears the account too.
 *
 * <p>Kept in memory on each node: a restart forgets it, and with several nodes each counts its own
 * share. Time is the engine clock ({@link ClockUtil}), so tests move it instead of sleeping.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final LoginThrottleProperties properties;
  private final Supplier<Instant> clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  @Autowired
  public LoginThrottle(LoginThrottleProperties properties) {
    this(properties, () -> ClockUtil.now().toInstant());
  }

  public LoginThrottle(LoginThrottleProperties properties, Supplier<Instant> clock) {
    this.properties = properties;
    this.clock = clock;
  }

  private record Failures(int count, Instant last) {}

  /** How long this attempt must wait; zero when it may go ahead. */
  public Duration waitBefore(String account, String address) {
    Instant now = clock.get();
    Duration byAccount = wait(accountKey(account), properties.accountFreeAttempts(), now);
    Duration byAddress = wait(addressKey(address), properties.addressFreeAttempts(), now);
    return byAccount.compareTo(byAddress) >= 0 ? byAccount : byAddress;
  }

  /** Counts a failed login of {@code account} from {@code address}. */
  public void failed(String account, String address) {
    Instant now = clock.get();
    if (failures.size() >= properties.maxTracked()) {
      forgetOld(now);
    }
    int byAccount = count(accountKey(account), now);
    int byAddress = count(addressKey(address), now);
    if (byAccount == properties.accountFreeAttempts() || byAddress == properties.addressFreeAttempts()) {
      log.warn("failed logins: account {} {} times, address {} {} times; further attempts wait",
          account, byAccount, address, byAddress);
    }
  }

  /** A successful login: the account's failures are forgotten. */
  public void succeeded(String account) {
    failures.remove(accountKey(account));
  }

  /** An administrator unlocked the account (Admin's 解锁用户, or the REST API). */
  public void unlock(String account) {
    if (failures.remove(accountKey(account)) != null) {
      log.info("login throttle of account {} cleared by an unlock", account);
    }
  }

  /** Forgets everything (tests). */
  void clear() {
    failures.clear();
  }

  /** The wait after {@code count} failures: base × 2^(count − free), at most max; none below free. */
  Duration delayAfter(int count, int free) {
    if (count < free) {
      return Duration.ZERO;
    }
    Duration delay = properties.baseDelay();
    for (int i = free; i < count && delay.compareTo(properties.maxDelay()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
  }

  private Duration wait(String key, int free, Instant now) {
    Failures f = failures.get(key);
    if (f == null || forgotten(f, now)) {
      return Duration.ZERO;
    }
    Instant until = f.last().plus(delayAfter(f.count(), free));
    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
  }

  private int count(String key, Instant now) {
    return failures.compute(key, (k, f) -> f == null || forgotten(f, now)
        ? new Failures(1, now)
        : new Failures(f.count() + 1, now)).count();
  }

  private boolean forgotten(Failures f, Instant now) {
    return !f.last().plus(properties.forgetAfter()).isAfter(now);
  }

  private void forgetOld(Instant now) {
    failures.values().removeIf(f -> forgotten(f, now));
    if (failures.size() >= properties.maxTracked()) {
      // an attack with ever new names or addresses: drop the oldest half rather than grow
      failures.values().stream().map(Failures::last).sorted().skip(failures.size() / 2).findFirst()
          .ifPresent(median -> failures.values().removeIf(f -> f.last().isBefore(median)));
    }
  }

  private static String accountKey(String account) {
    return "u:" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + (address == null ? "" : address);
  }
}
