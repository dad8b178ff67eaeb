package io.gogoscope.store;

import io.gogoscope.TimeSource;
import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks within one JVM: token-owned leases with TTLs and fencing tokens. The default when nothing
 * else is configured.
 *
 * <p>Fencing tokens come from one counter for all keys, so they grow strictly per key (and across
 * keys) without keeping anything per key once a lease is released or expired. Waiters of
 * {@link #acquire} sleep until a release or until the holder's TTL runs out; they never spin.
 * Thread-safe; no {@code synchronized}, so virtual threads never pin.
 */
public final class InMemoryLockProvider implements LockProvider {

  /** Expired holders are swept every this many acquisitions, so abandoned keys do not pile up. */
  private static final int SWEEP_EVERY = 1024;

  /**
   * How long a waiter of {@link #acquire} sleeps at most between looks when time comes from a
   * {@link TimeSource} other than the system's: a test clock moves without waking anyone.
   */
  private static final long TEST_CLOCK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final TimeSource time;
  private final boolean systemTime;
  private final ConcurrentHashMap<String, Holder> holders = new ConcurrentHashMap<>();
  private final AtomicLong fence = new AtomicLong();
  private final AtomicInteger acquisitions = new AtomicInteger();
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock waitLock = new ReentrantLock();
  private final Condition released = waitLock.newCondition();

  /** Creates an empty store on the system clock. */
  public InMemoryLockProvider() {
    this(TimeSource.system());
  }

  /**
   * Creates an empty store whose TTLs and waits follow {@code timeSource} (a test's virtual clock;
   * the runtime passes its own time source to the in-memory stores it creates).
   */
  public InMemoryLockProvider(TimeSource timeSource) {
    this.time = Objects.requireNonNull(timeSource, "timeSource is null; pass TimeSource.system()");
    this.systemTime = timeSource == TimeSource.system();
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    StoreArguments.key(key, "lock key");
    StoreArguments.ttl(ttl); // at most 100 years: now + ttl cannot overflow past a comparable time
    long now = time.nanoTime();
    Holder mine = new Holder(now + ttl.toNanos());
    Holder current =
        holders.compute(
            key,
            (k, held) -> {
              if (held != null && !held.expired(now)) {
                return held;
              }
              mine.fencingToken = fence.incrementAndGet();
              return mine;
            });
    if ((acquisitions.incrementAndGet() & (SWEEP_EVERY - 1)) == 0) {
      sweepExpired(now);
    }
    return current == mine ? Optional.of(new InMemoryLease(key, mine)) : Optional.empty();
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait)
      throws InterruptedException {
    StoreArguments.maxWait(maxWait);
    Optional<Lease> lease = tryAcquire(key, ttl);
    if (lease.isPresent() || maxWait.isZero()) {
      return lease;
    }
    // A wait longer than 146 years waits as long as it takes: the deadline stays comparable.
    long deadline = time.nanoTime() + Math.min(StoreArguments.saturatedNanos(maxWait), Long.MAX_VALUE / 2);
    waiters.incrementAndGet();
    waitLock.lockInterruptibly();
    try {
      while (true) {
        // Retried under waitLock: a release signals under it too, so none is missed in between.
        lease = tryAcquire(key, ttl);
        long now = time.nanoTime();
        if (lease.isPresent() || now - deadline >= 0) {
          return lease;
        }
        long wait = Math.min(deadline - now, untilExpiry(key, now));
        released.awaitNanos(systemTime ? wait : Math.min(wait, TEST_CLOCK_POLL_NANOS));
      }
    } finally {
      waitLock.unlock();
      waiters.decrementAndGet();
    }
  }

  private long untilExpiry(String key, long now) {
    Holder held = holders.get(key);
    return held == null ? 0 : Math.max(held.expiresAt - now, TimeUnit.MILLISECONDS.toNanos(1));
  }

  private void sweepExpired(long now) {
    holders.values().removeIf(h -> h.expired(now));
  }

  private void signalWaiters() {
    if (waiters.get() > 0) {
      waitLock.lock();
      try {
        released.signalAll();
      } finally {
        waitLock.unlock();
      }
    }
  }

  /** The holder of a key; compared by identity, so a later holder never matches an earlier lease. */
  private static final class Holder {
    volatile long expiresAt;
    long fencingToken;

    Holder(long expiresAt) {
      this.expiresAt = expiresAt;
    }

    boolean expired(long now) {
      return now - expiresAt >= 0;
    }
  }

  private final class InMemoryLease implements Lease {
    private final String key;
    private final Holder holder;

    InMemoryLease(String key, Holder holder) {
      this.key = key;
      this.holder = holder;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long fencingToken() {
      return holder.fencingToken;
    }

    @Override
    public boolean isValid() {
      return holders.get(key) == holder && !holder.expired(time.nanoTime());
    }

    @Override
    public boolean extend(Duration ttl) {
      StoreArguments.ttl(ttl);
      long now = time.nanoTime();
      boolean[] extended = {false};
      holders.computeIfPresent(
          key,
          (k, held) -> {
            if (held == holder && !held.expired(now)) {
              held.expiresAt = now + ttl.toNanos();
              extended[0] = true;
            }
            return held;
          });
      return extended[0];
    }

    @Override
    public boolean release() {
      long now = time.nanoTime();
      boolean[] released = {false};
      holders.computeIfPresent(
          key,
          (k, held) -> {
            if (held != holder) {
              return held;
            }
            released[0] = !held.expired(now);
            return null; // an expired holder of ours is removed too
          });
      signalWaiters();
      return released[0];
    }

    @Override
    public String toString() {
      return "InMemoryLease[" + key + ", fencingToken=" + holder.fencingToken + "]";
    }
  }
}
