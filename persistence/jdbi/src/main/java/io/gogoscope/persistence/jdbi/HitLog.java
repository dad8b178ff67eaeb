package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.RateLimitDecision;
import java.time.Instant;

/**
 * Reads the admission log of a rate-limit row into a decision.
 *
 * <p>The algorithm is a sliding-window log bounded by the limit: the row keeps the times of the
 * last {@code max} admissions, oldest first, each as 13 zero-padded digits of epoch milliseconds. A
 * call at time {@code now} is admitted when fewer than {@code max} are kept or the {@code max}-th
 * most recent has left the window ({@code <= now - window}), which is exactly "fewer than
 * {@code max} admissions in {@code (now - window, now]}". The database decides and writes that in
 * one statement; this class only reads the row it returns, with the statement's own {@code now}.
 */
final class HitLog {

  private static final int WIDTH = DialectSql.HIT_WIDTH;

  private HitLog() {}

  /**
   * The decision for a check that left {@code hits} at {@code nowMillis}.
   *
   * @param admitted whether the statement admitted the call
   * @param hits the admission log as the statement left it
   * @param nowMillis the statement's time (database clock)
   * @param clientNow the caller's time when the answer arrived: the reset time is handed out on the
   *     caller's clock, as the distance the database measured from its own now, so
   *     {@link RateLimitDecision#retryAfter} is right however far the two clocks are apart
   */
  static RateLimitDecision decide(
      boolean admitted, String hits, long nowMillis, Instant clientNow, int max, long windowMillis) {
    int count = hits.length() / WIDTH;
    long cutoff = nowMillis - windowMillis;
    int firstInWindow = count;
    while (firstInWindow > 0 && at(hits, firstInWindow - 1) > cutoff) {
      firstInWindow--;
    }
    int inWindow = count - firstInWindow;
    int remaining = Math.max(0, max - inWindow);
    // A slot frees when the max-th most recent admission leaves the window (with an unchanged limit
    // that is the oldest one in the window).
    int freeing = Math.max(firstInWindow, count - max);
    long resetAt = freeing < count ? at(hits, freeing) + windowMillis : nowMillis;
    return new RateLimitDecision(admitted, remaining, clientNow.plusMillis(resetAt - nowMillis), max);
  }

  private static long at(String hits, int index) {
    return Long.parseLong(hits, index * WIDTH, (index + 1) * WIDTH, 10);
  }
}
