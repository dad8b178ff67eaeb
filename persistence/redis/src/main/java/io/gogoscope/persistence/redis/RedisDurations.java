package io.gogoscope.persistence.redis;

import java.time.Duration;

/**
 * The longest durations the Redis stores accept, and the conversions that stay within them. A
 * lease's local deadline, the wait for a reply and a window's reset time are counted in
 * nanoseconds, so a duration must fit a {@code long} of them (about 292 years); within that, the
 * milliseconds sent to Redis and the microseconds its scripts count in stay exact.
 */
final class RedisDurations {
  /** The longest TTL, window or operation timeout: {@code Long.MAX_VALUE} nanoseconds. */
  static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  private RedisDurations() {}

  /** {@code value}, refused with a message naming {@code setting} when longer than {@link #MAX}. */
  static Duration atMostMax(Duration value, String setting) {
    if (value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          setting + " must be at most about 292 years on Redis (" + MAX + ", Long.MAX_VALUE nanoseconds), got "
              + value);
    }
    return value;
  }

  /** {@code value} in nanoseconds, or {@code Long.MAX_VALUE} when longer: "practically forever". */
  static long saturatedNanos(Duration value) {
    return value.compareTo(MAX) >= 0 ? Long.MAX_VALUE : value.toNanos();
  }

  /** {@code value} in whole milliseconds, at least 1 (Redis refuses a TTL of 0). */
  static String millis(Duration value) {
    return Long.toString(Math.max(1, value.toMillis()));
  }
}
