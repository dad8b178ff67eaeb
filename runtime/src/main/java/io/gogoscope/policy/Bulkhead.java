package io.gogoscope.policy;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps how many calls run at once; a call waits up to {@code maxWait} for a slot (fairly, first
 * come first served) and is refused after that. Thread-safe; works on virtual threads, where a
 * waiting call parks without holding a carrier thread.
 *
 * <pre>{@code
 * if (!bulkhead.tryEnter()) return refused();
 * try {
 *   return call();
 * } finally {
 *   bulkhead.exit();
 * }
 * }</pre>
 */
public final class Bulkhead {

  private final int limit;
  private final long maxWaitNanos;
  private final Semaphore slots;
  // Slots handed out and not yet given back: lets exit() refuse a release without an entry, which
  // would otherwise raise the limit silently.
  private final AtomicInteger taken = new AtomicInteger();

  private Bulkhead(int limit, long maxWaitNanos) {
    this.limit = limit;
    this.maxWaitNanos = maxWaitNanos;
    this.slots = new Semaphore(limit, true);
  }

  /**
   * A bulkhead of {@code maxConcurrent} slots with a bounded wait (zero: refuse at once).
   *
   * @throws IllegalArgumentException when {@code maxConcurrent < 1} or {@code maxWait} is negative
   */
  public static Bulkhead of(int maxConcurrent, Duration maxWait) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "maxConcurrent is " + maxConcurrent + "; a bulkhead needs at least 1 slot");
    }
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxWait is " + maxWait + "; give how long a call may wait for a slot, zero or more "
              + "(Duration.ZERO refuses at once when all slots are taken)");
    }
    long waitNanos;
    try {
      waitNanos = maxWait.toNanos();
    } catch (ArithmeticException tooLong) {
      // Longer than ~292 years waits as long as a wait can: the same thing in practice.
      waitNanos = Long.MAX_VALUE;
    }
    return new Bulkhead(maxConcurrent, waitNanos);
  }

  /** The number of slots. */
  public int limit() {
    return limit;
  }

  /** How long {@link #tryEnter()} waits for a slot. */
  public Duration maxWait() {
    return Duration.ofNanos(maxWaitNanos);
  }

  /** Slots free right now (a snapshot, for metrics and tests). */
  public int available() {
    return slots.availablePermits();
  }

  /** Callers waiting for a slot now (an estimate, for tests). */
  int waiting() {
    return slots.getQueueLength();
  }

  /**
   * Takes a slot, waiting up to the bulkhead's wait. Waiters are served in arrival order, and a
   * slot freed while callers wait goes to the longest waiting, never to a caller just arriving.
   *
   * @return {@code false} when no slot freed in time
   * @throws InterruptedException when the waiting thread is interrupted (or arrives interrupted);
   *     no slot is taken then
   */
  public boolean tryEnter() throws InterruptedException {
    if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
      return false;
    }
    taken.incrementAndGet();
    return true;
  }

  /**
   * Gives a slot back.
   *
   * @throws IllegalStateException when no slot is taken (an {@code exit()} without a successful
   *     {@link #tryEnter()})
   */
  public void exit() {
    if (taken.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      throw new IllegalStateException(
          "exit() without a matching successful tryEnter() on bulkhead of " + limit
              + " slots; call exit() exactly once per tryEnter() that returned true");
    }
    slots.release();
  }

  @Override
  public String toString() {
    return "Bulkhead[limit=" + limit + ", maxWait=" + maxWait() + ", available=" + available() + "]";
  }
}
