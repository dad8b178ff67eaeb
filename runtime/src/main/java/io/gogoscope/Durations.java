package io.gogoscope;

import java.time.Duration;

/** Conversions of {@link Duration}s into the nanosecond arithmetic of deadlines. */
final class Durations {
  /**
   * The longest timeout honoured (about 73 years): a deadline {@code nanoTime() + timeout} must not
   * overflow, and nothing waits that long anyway.
   */
  static final long MAX_NANOS = Long.MAX_VALUE >> 2;

  private Durations() {}

  /** {@code duration} in nanoseconds, clamped to [-{@link #MAX_NANOS}, {@link #MAX_NANOS}]. */
  static long toNanos(Duration duration) {
    if (duration.getSeconds() >= MAX_NANOS / 1_000_000_000L) {
      return MAX_NANOS;
    }
    if (duration.getSeconds() <= -MAX_NANOS / 1_000_000_000L) {
      return -MAX_NANOS;
    }
    return duration.toNanos();
  }
}
