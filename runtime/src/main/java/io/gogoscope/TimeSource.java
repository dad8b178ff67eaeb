package io.gogoscope;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the policies read time and wait: retry delays, circuit-breaker reset timeouts, local rate
 * limit windows. Tests pass a controllable one so delays are checked without sleeping. Timeouts
 * that interrupt work always use the real monotonic clock.
 */
public interface TimeSource {

  /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** The wall-clock time. */
  Instant now();

  /**
   * Waits for {@code duration}; returns at once for zero or negative durations.
   *
   * @throws InterruptedException when the waiting thread is interrupted (timeouts and
   *     cancellation reach a waiting retry this way)
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The system clocks and {@link Thread#sleep(Duration)}. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
