package io.gogoscope.test.store;

import io.gogoscope.TimeSource;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults a test injects into a store: switched on and off while the test runs, shared by the
 * stores wrapped with it. Every call into a wrapped store (and into a lease it handed out) passes
 * here first: it waits {@link #slow(Duration) the delay}, then fails with a
 * {@link StoreException} when the store is {@link #down()} or the call is one of
 * {@link #failEvery(int) every n-th}, else goes to the real store.
 *
 * <pre>{@code
 * FaultyStores stores = FaultyStores.inMemory();
 * ScopeRuntime runtime = ScopeRuntime.builder().stores(stores).build();
 * stores.faults().down();          // Redis is gone: every call throws StoreException
 * stores.faults().up().failEvery(3); // back, but every third call fails
 * }</pre>
 *
 * <p>Thread-safe. Delays wait on the {@link TimeSource} given at creation, so with a
 * {@link io.gogoscope.test.VirtualClock} a slow store costs no real time.
 */
public final class Faults {
  private final TimeSource time;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private volatile boolean down;
  private volatile Duration delay = Duration.ZERO;
  private volatile int failEvery;

  /** Faults whose delays wait in real time. */
  public Faults() {
    this(TimeSource.system());
  }

  /** Faults whose delays wait on {@code time}. */
  public Faults(TimeSource time) {
    this.time = Objects.requireNonNull(time, "time");
  }

  /** The store is unreachable: every call fails until {@link #up()}. */
  public Faults down() {
    down = true;
    return this;
  }

  /** Clears every fault: the store is reachable, fast and reliable again. */
  public Faults up() {
    down = false;
    delay = Duration.ZERO;
    failEvery = 0;
    return this;
  }

  /** Every call waits {@code delay} before it runs (or fails); {@link Duration#ZERO} for none. */
  public Faults slow(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    this.delay = delay;
    return this;
  }

  /**
   * The {@code n}-th call from now on fails, and every {@code n}-th after it; 0 for none. Counting
   * starts afresh, so {@code failEvery(1)} fails every call and {@code failEvery(2)} the second,
   * fourth, ...
   */
  public Faults failEvery(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be 0 (off) or positive, got " + n);
    }
    calls.set(0);
    failEvery = n;
    return this;
  }

  /** Calls seen since creation or the last {@link #failEvery}. */
  public long calls() {
    return calls.get();
  }

  /** How many calls failed because of an injected fault. */
  public long injectedFailures() {
    return injected.get();
  }

  /**
   * Applies the faults to one call of {@code operation}; throws what the call should throw.
   *
   * @throws StoreException when the call is to fail; also when the calling thread is interrupted
   *     during an injected delay (its interrupt status is then set again)
   */
  void beforeCall(String operation) {
    long call = calls.incrementAndGet();
    Duration wait = delay;
    if (wait.isPositive()) {
      try {
        time.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException(operation + ": interrupted while the store was slow (injected " + wait + ")", e);
      }
    }
    if (down) {
      injected.incrementAndGet();
      throw new StoreException(operation + ": store down (injected fault)");
    }
    int every = failEvery;
    if (every > 0 && call % every == 0) {
      injected.incrementAndGet();
      throw new StoreException(operation + ": call " + call + " failed (injected fault: every " + every + ")");
    }
  }
}
