package io.gogoscope.policy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the last {@code size} calls of a closed circuit breaker, lock-free: a ring of
 * outcomes plus running counts of calls and failures packed into one atomic long, so recording an
 * outcome and reading both counts is one consistent step.
 *
 * <p>Sequentially it is exact. Under concurrency two calls racing for the same slot (one
 * {@code size} calls after the other) land in some order, so the ring holds {@code size} of the
 * most recent outcomes and the counts always match the ring.
 */
final class OutcomeWindow {
  private static final int EMPTY = 0;
  private static final int SUCCESS = 1;
  private static final int FAILURE = 2;

  private final AtomicIntegerArray ring;
  private final AtomicLong next = new AtomicLong();
  // calls << 32 + failures. A slot's failure can be removed (by the call that overwrites it) just
  // before the call that wrote it adds it, so failures may dip below zero for a moment; the
  // decoding below is exact for any failures in int range.
  private final AtomicLong counts = new AtomicLong();

  // The counts of a full window without failures: the steady state of a healthy dependency.
  private final long fullAndClean;

  OutcomeWindow(int size) {
    this.ring = new AtomicIntegerArray(size);
    this.fullAndClean = (long) size << 32;
  }

  /** Records one outcome; returns the packed counts right after it. */
  long record(boolean failure) {
    if (!failure) {
      long now = counts.get();
      if (now == fullAndClean) {
        // Every slot holds a success: one more changes nothing, not even which slot the next
        // failure lands in (any slot holds the same), so the healthy path writes no shared memory.
        return now;
      }
    }
    int slot = (int) (next.getAndIncrement() % ring.length());
    int outcome = failure ? FAILURE : SUCCESS;
    // The steady state (successes replacing successes) writes nothing but the index. Skipping the
    // write when the slot already holds this outcome is the same as this call landing first.
    if (ring.get(slot) == outcome) {
      return counts.get();
    }
    int old = ring.getAndSet(slot, outcome);
    long delta = (old == EMPTY ? 1L << 32 : 0L) + (failure ? 1 : 0) - (old == FAILURE ? 1 : 0);
    return delta == 0 ? counts.get() : counts.addAndGet(delta);
  }

  /** The packed counts now. */
  long counts() {
    return counts.get();
  }

  /** Failures counted by scanning the ring (for tests: must equal the running count when quiet). */
  int failuresInRing() {
    int failures = 0;
    for (int i = 0; i < ring.length(); i++) {
      failures += ring.get(i) == FAILURE ? 1 : 0;
    }
    return failures;
  }

  static int failures(long counts) {
    return (int) counts;
  }

  static int calls(long counts) {
    return (int) ((counts - (int) counts) >> 32);
  }
}
