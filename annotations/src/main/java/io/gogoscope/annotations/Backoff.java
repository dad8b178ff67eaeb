package io.gogoscope.annotations;

/**
 * How the delay between retry attempts grows. With a base delay {@code d}, a multiplier {@code m}
 * and attempt {@code n} (the first retry is {@code n = 1}):
 *
 * <ul>
 *   <li>{@link #FIXED}: {@code d} every time;
 *   <li>{@link #LINEAR}: {@code d * n};
 *   <li>{@link #EXPONENTIAL}: {@code d * m^(n-1)};
 *   <li>{@link #DECORRELATED_JITTER}: a random delay between {@code d} and three times the
 *       previous one (AWS's "decorrelated jitter"), which spreads retries of many clients apart.
 * </ul>
 *
 * Every delay is capped at the retry's maximum delay.
 */
public enum Backoff {
  /** The same delay before every retry. */
  FIXED,
  /** The delay grows by the base delay with each retry. */
  LINEAR,
  /** The delay is multiplied with each retry. */
  EXPONENTIAL,
  /** A random delay between the base delay and three times the previous delay. */
  DECORRELATED_JITTER
}
