package io.gogoscope.store;

import java.time.Instant;

/**
 * The admission times of one rate-limit key, oldest first: an exact sliding-window log. A call
 * admitted at {@code t} counts against every window {@code (s - window, s]} with
 * {@code t <= s < t + window}, and leaves the window at {@code t + window}. Holds at most
 * {@code max} times, so memory per key is bounded by its limit. Not thread-safe: the store
 * confines each log to its map entry's lock.
 */
final class SlidingLog {
  private static final int INITIAL_CAPACITY = 8;

  private long[] times; // a ring: times[head] is the oldest of size entries
  private int head;
  private int size;
  private long windowNanos;

  SlidingLog(int max) {
    this.times = new long[Math.min(max, INITIAL_CAPACITY)];
  }

  /** Evicts times that left the window ending at {@code now}, then admits {@code now} if room. */
  RateLimitDecision admit(long now, int max, long windowNanos, Instant wallNow) {
    this.windowNanos = windowNanos;
    while (size > 0 && now - times[head] >= windowNanos) {
      head = (head + 1) % times.length;
      size--;
    }
    boolean allowed = size < max;
    if (allowed) {
      append(now);
    }
    long leavesInNanos = times[head] + windowNanos - now;
    return new RateLimitDecision(
        allowed, Math.max(0, max - size), wallNow.plusNanos(leavesInNanos), max);
  }

  /** Whether every admitted time has left its window, so forgetting this key changes nothing. */
  boolean idle(long now) {
    return size == 0 || now - newest() >= windowNanos;
  }

  private long newest() {
    return times[(head + size - 1) % times.length];
  }

  private void append(long time) {
    if (size == times.length) {
      long[] grown = new long[times.length * 2];
      // Unroll the ring so the copy starts at the oldest entry.
      System.arraycopy(times, head, grown, 0, times.length - head);
      System.arraycopy(times, 0, grown, times.length - head, head);
      times = grown;
      head = 0;
    }
    times[(head + size) % times.length] = time;
    size++;
  }
}
