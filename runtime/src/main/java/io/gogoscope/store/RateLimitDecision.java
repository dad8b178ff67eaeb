package io.gogoscope.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer of a rate-limit check.
 *
 * @param allowed whether the call is admitted
 * @param remaining how many more calls the window admits after this one
 * @param resetAt when the oldest admitted call leaves the window (a rejected call may retry then)
 * @param limit the window's limit
 */
public record RateLimitDecision(boolean allowed, int remaining, Instant resetAt, int limit) {

  /** How long from {@code now} until a call could be admitted; zero when allowed. */
  public Duration retryAfter(Instant now) {
    if (allowed) {
      return Duration.ZERO;
    }
    Duration wait = Duration.between(now, resetAt);
    return wait.isNegative() ? Duration.ZERO : wait;
  }
}
