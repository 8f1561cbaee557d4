package org.onedoor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The clock every test runs on. The application's time source is the engine clock
 * ({@link ClockUtil}); by default it is the real clock. With {@code -Donedoor.test.today=2027-01-04}
 * (or the environment variable {@code ONEDOOR_TEST_TODAY}) the whole suite runs as if today were
 * that day in Asia/Shanghai, at the real time of day: the engine clock is offset for the life of the
 * test JVM, so time still passes and timers still fall due.
 *
 * <p>Tests that fix a moment call {@code ClockUtil.setCurrentTime}; they restore the suite's clock
 * with {@link #reset()}, never {@code ClockUtil.reset()} (which would bring back the real date).
 * {@link TestClockExtension} does so after every test in any case.
 */
public final class TestClock {

  public static final String PROPERTY = "onedoor.test.today";
  public static final String ENVIRONMENT = "ONEDOOR_TEST_TODAY";
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** Milliseconds from the real clock to the suite's clock; 0 without a simulated day. */
  private static final long OFFSET_MILLIS = offsetMillis(simulatedDay());

  private TestClock() {}

  /** The simulated day, or null when the suite runs on the real date. */
  public static LocalDate simulatedDay() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENVIRONMENT);
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(PROPERTY + " must be a date like 2027-01-04, not '" + value + "'", e);
    }
  }

  static long offsetMillis(LocalDate day) {
    if (day == null) {
      return 0;
    }
    ZonedDateTime real = ZonedDateTime.now(ZONE);
    ZonedDateTime simulated = ZonedDateTime.of(day, real.toLocalTime(), ZONE);
    return Duration.between(real, simulated).toMillis();
  }

  /** Puts the engine clock back to the suite's clock: real, or offset to the simulated day. */
  public static void reset() {
    if (OFFSET_MILLIS == 0) {
      ClockUtil.reset();
    } else {
      ClockUtil.offset(OFFSET_MILLIS);
    }
  }

  /** Now on the application's clock: the moment a test fixed, else the suite's clock. */
  public static Instant now() {
    return ClockUtil.now().toInstant();
  }

  /** Today in Asia/Shanghai on the application's clock. */
  public static LocalDate today() {
    return LocalDate.ofInstant(now(), ZONE);
  }

  /** A moment on the suite's clock: {@code daysFromToday} days from today at {@code time}, Shanghai. */
  public static Instant at(int daysFromToday, LocalTime time) {
    return today().plusDays(daysFromToday).atTime(time).atZone(ZONE).toInstant();
  }

  public static String describe() {
    LocalDate day = simulatedDay();
    return day == null ? "the real date" : day + " (simulated with -D" + PROPERTY + ")";
  }
}
