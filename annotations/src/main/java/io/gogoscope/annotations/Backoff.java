package io.gogoscope.annotations;

/**
 * How the delay between retry attempts grows. With a base delay {@code d}, a multiplier {@code m},
 * retry number {@code n} (the first retry is {@code n = 1}), a maximum delay {@code M} and the
 * previous delay {@code p} ({@code 0} before the first retry):
 *
 * <ul>
 *   <li>{@link #FIXED}: {@code d} every time;
 *   <li>{@link #LINEAR}: {@code d * n};
 *   <li>{@link #EXPONENTIAL}: {@code d * m^(n-1)};
 *   <li>{@link #DECORRELATED_JITTER}: uniformly random in {@code [d, 3 * max(p, d))} (AWS's
 *       "decorrelated jitter"), which spreads the retries of many clients apart.
 * </ul>
 *
 * Every delay is capped at {@code M}. For the first three, an optional jitter fraction {@code j}
 * then spreads the capped delay {@code c} uniformly over {@code [c * (1 - j), c * (1 + j))}, again
 * capped at {@code M}. The runtime's {@code io.gogoscope.policy.Retry#delayBefore} is the
 * reference implementation of these formulas.
 */
public enum Backoff {
  /** The same delay before every retry. */
  FIXED,
  /** The delay grows by the base delay with each retry. */
  LINEAR,
  /** The delay is multiplied with each retry. */
  EXPONENTIAL,
  /** A random delay between the base delay and three times the previous delay (or base delay). */
  DECORRELATED_JITTER
}
