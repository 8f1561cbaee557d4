package org.onedoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

class TestClockTest {

  @Test
  void anOffsetToASimulatedDayKeepsTheTimeOfDayAndLetsTimePass() throws InterruptedException {
    LocalDate leapDay = LocalDate.of(2028, 2, 29);
    long offset = TestClock.offsetMillis(leapDay);
    ZonedDateTime shifted = Instant.ofEpochMilli(System.currentTimeMillis() + offset).atZone(TestClock.ZONE);
    // the real time of day may cross midnight between the two readings: then it is the next day
    assertThat(shifted.toLocalDate()).isBetween(leapDay, leapDay.plusDays(1));
    assertThat(TestClock.offsetMillis(null)).isZero();

    ClockUtil.offset(offset);
    long first = ClockUtil.now().getTime();
    Thread.sleep(5);
    assertThat(ClockUtil.now().getTime()).as("an offset clock still runs").isGreaterThan(first);
  }

  @Test
  void resetBringsBackTheSuitesClockAfterATestFixedAMoment() {
    ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z")));
    TestClock.reset();
    LocalDate expected = TestClock.simulatedDay() == null ? LocalDate.now(TestClock.ZONE) : TestClock.simulatedDay();
    assertThat(TestClock.today()).isBetween(expected, expected.plusDays(1));
  }
}
