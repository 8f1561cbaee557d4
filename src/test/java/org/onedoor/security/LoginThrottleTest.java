package org.onedoor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a clock the test moves: waits grow, are capped, expire and are forgotten. */
class LoginThrottleTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-10-12T02:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(LoginThrottleProperties.defaults(), now::get);

  void later(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void fiveFailuresOfAnAccountMakeTheNextAttemptWaitOneSecondThenTwoThenFour() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("admin", "10.0.0.1");
      assertThat(throttle.waitBefore("admin", "10.0.0.1")).isZero();
    }
    throttle.failed("admin", "10.0.0.1");
    assertThat(throttle.waitBefore("admin", "10.0.0.2")).isEqualTo(Duration.ofSeconds(1));
    later(Duration.ofSeconds(1));
    assertThat(throttle.waitBefore("admin", "10.0.0.2")).isZero();
    throttle.failed("admin", "10.0.0.2");
    assertThat(throttle.waitBefore("admin", "10.0.0.3")).isEqualTo(Duration.ofSeconds(2));
    later(Duration.ofSeconds(2));
    throttle.failed("admin", "10.0.0.3");
    assertThat(throttle.waitBefore("admin", "10.0.0.4")).isEqualTo(Duration.ofSeconds(4));
    // another account from the same addresses is not held up by admin's failures
    assertThat(throttle.waitBefore("wuhao", "10.0.0.1")).isZero();
  }

  @Test
  void theWaitIsCappedAtFiveMinutesAndTheFailuresAreForgottenFifteenMinutesAfterTheLast() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("admin", "10.0.0." + i);
      later(Duration.ofMinutes(5));
    }
    throttle.failed("admin", "10.0.0.99");
    assertThat(throttle.waitBefore("admin", "10.0.0.100")).isEqualTo(Duration.ofMinutes(5));
    later(Duration.ofMinutes(5));
    assertThat(throttle.waitBefore("admin", "10.0.0.100")).isZero();
    later(Duration.ofMinutes(10));
    // forgotten: the next failures are free again
    throttle.failed("admin", "10.0.0.100");
    assertThat(throttle.waitBefore("admin", "10.0.0.100")).isZero();
  }

  @Test
  void oneAddressTryingManyAccountsWaitsAfterTwentyFailures() {
    for (int i = 0; i < 19; i++) {
      throttle.failed("user" + i, "203.0.113.7");
    }
    assertThat(throttle.waitBefore("someone", "203.0.113.7")).isZero();
    throttle.failed("user19", "203.0.113.7");
    assertThat(throttle.waitBefore("someone", "203.0.113.7")).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.waitBefore("someone", "198.51.100.1")).isZero();
  }

  @Test
  void aSuccessfulLoginOrAnAdministratorsUnlockClearsTheAccountButNotTheAddress() {
    for (int i = 0; i < 20; i++) {
      throttle.failed("zhangwei", "203.0.113.7");
    }
    throttle.succeeded("zhangwei");
    assertThat(throttle.waitBefore("zhangwei", "198.51.100.1")).isZero();
    assertThat(throttle.waitBefore("zhangwei", "203.0.113.7")).isPositive();
    for (int i = 0; i < 5; i++) {
      throttle.failed("lina", "198.51.100.2");
    }
    throttle.unlock("LINA");
    assertThat(throttle.waitBefore("lina", "198.51.100.3")).isZero();
  }

  @Test
  void settingsThatCouldLockForGoodAreRefused() {
    assertThatThrownBy(() -> new LoginThrottleProperties(5, 20, Duration.ofSeconds(1), Duration.ofHours(1),
        Duration.ofMinutes(15), null)).hasMessageContaining("forget-after");
    assertThatThrownBy(() -> new LoginThrottleProperties(0, 20, null, null, null, null))
        .hasMessageContaining("account-free-attempts");
  }
}
