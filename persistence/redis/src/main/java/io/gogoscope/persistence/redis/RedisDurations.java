package io.gogoscope.persistence.redis;

import java.time.Duration;

/**
 * The longest operation timeout the Redis stores accept, and the milliseconds sent to Redis. The
 * wait for a reply is counted in nanoseconds, so the timeout must fit a {@code long} of them (about
 * 292 years). TTLs and windows are bounded tighter, by the bound every store shares
 * ({@link io.gogoscope.store.spi.StoreArguments#MAX_DURATION}, 100 years).
 */
final class RedisDurations {
  /** The longest operation timeout: {@code Long.MAX_VALUE} nanoseconds. */
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


  /** {@code value} in whole milliseconds, at least 1 (Redis refuses a TTL of 0). */
  static String millis(Duration value) {
    return Long.toString(Math.max(1, value.toMillis()));
  }
}
