package org.onedoor.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationPropertiesTest {

  private static NotificationProperties withRetries(Duration first, Duration max) {
    return new NotificationProperties(null, null, null, null, null, null, first, max, null, null, null);
  }

  @Test
  void backoffDoublesFromTheFirstRetryUpToTheLongest() {
    NotificationProperties p = withRetries(Duration.ofMinutes(1), Duration.ofMinutes(10));
    assertThat(List.of(p.retryAfter(1), p.retryAfter(2), p.retryAfter(3), p.retryAfter(4), p.retryAfter(5), p.retryAfter(30)))
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
            Duration.ofMinutes(10), Duration.ofMinutes(10));
  }

  @Test
  void defaultsAreSensible() {
    NotificationProperties p = withRetries(null, null);
    assertThat(p.maxAttempts()).isEqualTo(8);
    assertThat(p.email().maxPerDay()).isEqualTo(10);
    assertThat(p.email().digestAt()).isEqualTo(LocalTime.of(18, 0));
    assertThat(p.background()).isTrue();
    assertThat(p.deadlines().leadFor("Anything")).isEqualTo(1);
  }

  @Test
  void leadTimeComesFromTheTasksGroup() {
    NotificationProperties.Deadlines d = new NotificationProperties.Deadlines(1, Map.of(
        "legal-review", new NotificationProperties.Group(List.of("LegalReview"), 3),
        "publication", new NotificationProperties.Group(List.of("ConfirmPublication"), 5)));
    assertThat(d.leadFor("LegalReview")).isEqualTo(3);
    assertThat(d.leadFor("ConfirmPublication")).isEqualTo(5);
    assertThat(d.leadFor("CheckWarning")).isEqualTo(1);
    assertThat(d.leadFor(null)).as("a task outside any model").isEqualTo(1);
    assertThat(d.longestLead()).isEqualTo(5);
  }

  @Test
  void digestTimeIsReadAsHoursAndMinutes() {
    assertThat(new NotificationProperties.Email(null, null, "07:30").digestAt()).isEqualTo(LocalTime.of(7, 30));
    assertThatThrownBy(() -> new NotificationProperties.Email(null, null, "half past six"))
        .hasMessageContaining("digest-at");
  }

  @Test
  void webhookSecretsNeverShowInText() {
    NotificationProperties.Webhook hook = new NotificationProperties.Webhook("https://robot/send?access_token=T0KEN", "S3CRET");
    assertThat(hook.toString()).doesNotContain("T0KEN").doesNotContain("S3CRET");
  }
}
