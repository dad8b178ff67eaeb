package io.gogoscope.processor.validation;

import java.time.Duration;

/**
 * The bounds every store (and the runtime) puts on what a generated method passes them, so that the
 * processor refuses at compile time what would fail on every call. The processor does not depend on
 * the runtime; {@code StoreBoundsTest} checks these copies against the runtime's own constants.
 */
final class StoreBounds {
  /** The longest key the SQL stores hold, in UTF-16 chars ({@code DialectSql.MAX_KEY_LENGTH}). */
  static final int MAX_KEY_LENGTH = 255;

  /** The highest rate limit the SQL stores count per window ({@code JdbiRateLimitStore.MAX_LIMIT}). */
  static final int MAX_RATE_LIMIT = 10_000;

  /** The longest lock TTL or rate-limit window a store takes ({@code StoreArguments.MAX_DURATION}). */
  static final Duration MAX_STORED_DURATION = Duration.ofDays(36_500);

  /** The longest reset timeout a circuit breaker takes: {@code Long.MAX_VALUE} nanoseconds. */
  static final Duration MAX_RESET_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);

  /** The largest circuit-breaker window ({@code CircuitBreaker.Config.MAX_WINDOW_SIZE}). */
  static final int MAX_WINDOW_SIZE = 100_000;

  /** The characters that may separate key references ({@code KeyValues.SEPARATORS}). */
  static final String KEY_SEPARATORS = ":/|,;={}#";

  private StoreBounds() {}
}
