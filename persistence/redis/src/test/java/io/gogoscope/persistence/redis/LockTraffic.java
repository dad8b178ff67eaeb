package io.gogoscope.persistence.redis;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads taking one lock in turn, as long as the test lets them, recording what happened: every
 * hold with its fencing token (in the order the holds began), holds that overlapped another (the
 * lock granted twice), and every call that failed, with its exception. The critical section is a
 * few microseconds, far shorter than the lease's TTL, so an overlap is never an expiry.
 */
final class LockTraffic implements AutoCloseable {
  private final LockProvider locks;
  private final String key;
  private final Duration ttl;
  private final Duration maxWait;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger holders = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Hold> holds = new ArrayList<>();
  private final List<Failed> failures = new ArrayList<>();
  private int overlaps;
  private int unavailable;

  /** A hold: when it began (nanoTime) and its fencing token. */
  record Hold(long at, long token) {}

  /** A call that threw: when it ended (nanoTime) and what it threw. */
  record Failed(long at, RuntimeException thrown) {}

  private LockTraffic(LockProvider locks, String key, Duration ttl, Duration maxWait) {
    this.locks = locks;
    this.key = key;
    this.ttl = ttl;
    this.maxWait = maxWait;
  }

  /** Starts {@code threads} virtual threads taking {@code key}. */
  static LockTraffic start(LockProvider locks, String key, int threads, Duration ttl, Duration maxWait) {
    LockTraffic traffic = new LockTraffic(locks, key, ttl, maxWait);
    for (int i = 0; i < threads; i++) {
      traffic.threads.add(Thread.ofVirtual().name("lock-traffic-" + i).start(traffic::run));
    }
    return traffic;
  }

  private void run() {
    while (running.get()) {
      try {
        Optional<Lease> lease = locks.acquire(key, ttl, maxWait);
        if (lease.isEmpty()) {
          synchronized (this) {
            unavailable++;
          }
          continue;
        }
        try {
          enter(lease.get().fencingToken());
        } finally {
          lease.get().release();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        synchronized (this) {
          failures.add(new Failed(System.nanoTime(), e));
        }
      }
    }
  }

  private void enter(long token) {
    boolean alone = holders.incrementAndGet() == 1;
    synchronized (this) {
      holds.add(new Hold(System.nanoTime(), token));
      if (!alone) {
        overlaps++;
      }
    }
    Thread.yield(); // let another thread run while the lock is held: a double grant would show
    holders.decrementAndGet();
  }

  /** How many holds began so far. */
  synchronized int holdCount() {
    return holds.size();
  }

  /** Waits until {@code more} holds began after this call, or fails after {@code patience}. */
  void awaitMoreHolds(int more, Duration patience) throws InterruptedException {
    int target = holdCount() + more;
    long deadline = System.nanoTime() + patience.toNanos();
    while (holdCount() < target) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the lock was taken only " + (holdCount() - target + more) + " times in " + patience);
      }
      Thread.sleep(10);
    }
  }

  /** Stops the threads and waits for them. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
  }

  synchronized List<Hold> holds() {
    return List.copyOf(holds);
  }

  synchronized List<Failed> failures() {
    return List.copyOf(failures);
  }

  /** Holds that began while another was held: the lock granted twice. */
  synchronized int overlaps() {
    return overlaps;
  }

  /** Acquires that gave up after maxWait without an error. */
  synchronized int unavailable() {
    return unavailable;
  }

  /** Holds whose token was not greater than the token of the hold before them. */
  synchronized int tokenRegressions() {
    int regressions = 0;
    for (int i = 1; i < holds.size(); i++) {
      if (holds.get(i).token() <= holds.get(i - 1).token()) {
        regressions++;
      }
    }
    return regressions;
  }

  /** The longest time in [from, to] (nanoTime) without a hold beginning. */
  synchronized Duration longestGapBetween(long from, long to) {
    long previous = from;
    long longest = 0;
    for (Hold hold : holds) {
      if (hold.at() > from && hold.at() <= to) {
        longest = Math.max(longest, hold.at() - previous);
        previous = hold.at();
      }
    }
    return Duration.ofNanos(Math.max(longest, to - previous));
  }

  /** The failures between {@code from} and {@code to} (nanoTime). */
  synchronized List<Failed> failuresBetween(long from, long to) {
    return failures.stream().filter(f -> f.at() >= from && f.at() <= to).toList();
  }

  /** The failures that were not a StoreException. */
  synchronized List<RuntimeException> untypedFailures() {
    return failures.stream().map(Failed::thrown).filter(e -> !(e instanceof StoreException)).toList();
  }
}
