package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Deadlines move between clocks by their time left, and never overflow into the past. */
class DeadlineClockTest {
  private final ManualTimeSource clock = new ManualTimeSource(Instant.EPOCH, 5_000_000_000L);
  private final ManualTimeSource other = new ManualTimeSource(Instant.EPOCH, Long.MAX_VALUE - 1_000);

  @Test
  void aDeadlineKeepsItsTimeLeftOnAnotherClock() {
    long inTwoSeconds = clock.nanoTime() + Duration.ofSeconds(2).toNanos();

    long real = DeadlineClock.convert(inTwoSeconds, clock, null);
    long back = DeadlineClock.convert(real, null, clock);

    assertThat(real - System.nanoTime()).isBetween(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(2).toNanos());
    assertThat(back - clock.nanoTime()).isBetween(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(2).toNanos());
  }

  @Test
  void noDeadlineStaysNoDeadlineAndTheSameClockChangesNothing() {
    assertThat(DeadlineClock.convert(DeadlineSlot.NO_DEADLINE, clock, null)).isEqualTo(DeadlineSlot.NO_DEADLINE);
    assertThat(DeadlineClock.convert(42, clock, clock)).isEqualTo(42);
  }

  @Test
  void aFarDeadlineSaturatesInsteadOfWrappingIntoThePast() {
    long farOnClock = clock.nanoTime() + Duration.ofDays(365).toNanos();

    long onOther = DeadlineClock.convert(farOnClock, clock, other);

    assertThat(onOther).isGreaterThan(other.nanoTime());
    assertThat(DeadlineClock.now(clock)).isEqualTo(clock.nanoTime());
  }
}
