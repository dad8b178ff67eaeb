package io.gogoscope.store;

import io.gogoscope.store.spi.ForwardingLease;
import io.gogoscope.store.spi.RuntimeTimer;
import io.gogoscope.store.spi.StoreArguments;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps leases alive while their work runs: every lease it hands out is extended to its TTL again
 * each third of the TTL, until it is released or closed (or found lost). The TTL then bounds only
 * how long a crashed holder keeps the key, not how long the work may take.
 *
 * <pre>{@code
 * LockProvider locks = new WatchdogLockProvider(RedisStores.create(redisson).lockProvider());
 * }</pre>
 *
 * <p>Works with any {@link LockProvider}. Renewals run on virtual threads started by one shared
 * daemon timer thread, which starts with the first lease and stops with
 * {@link io.gogoscope.ScopeRuntime#shutdown} (leases still held then stop being renewed). A renewal that fails because the store is unreachable is tried again at the
 * next tick (the lease may still be held); one that finds the lease lost stops renewing, and
 * {@link Lease#isValid()} then says so. A renewal completes whatever the interrupt status of the
 * thread it runs on, as every lease's {@code extend} must.
 */
public final class WatchdogLockProvider implements LockProvider {

  private static final System.Logger LOG = System.getLogger(WatchdogLockProvider.class.getName());

  private final LockProvider delegate;

  /** Renews the leases of {@code delegate}. */
  public WatchdogLockProvider(LockProvider delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also when {@code ttl} is longer than
   *     {@link StoreArguments#MAX_DURATION}, checked before the delegate takes anything
   */
  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    StoreArguments.ttl(ttl); // before the lock is taken: a lease that cannot be watched must not be held
    return delegate.tryAcquire(key, ttl).map(lease -> watch(lease, ttl));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also when {@code ttl} is longer than
   *     {@link StoreArguments#MAX_DURATION}, checked before the delegate takes anything
   */
  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait)
      throws InterruptedException {
    StoreArguments.ttl(ttl);
    return delegate.acquire(key, ttl, maxWait).map(lease -> watch(lease, ttl));
  }

  private static Lease watch(Lease lease, Duration ttl) {
    return new WatchedLease(lease, ttl);
  }

  /**
   * One timer thread for the class loader: it only starts renewals, each on a virtual thread of its
   * own. Started on the first watched lease, stopped by {@link io.gogoscope.ScopeRuntime#shutdown}.
   */
  private static final RuntimeTimer TIMER = RuntimeTimer.create("gogoscope-lease-watchdog");

  private static final class WatchedLease extends ForwardingLease {
    private volatile ScheduledFuture<?> renewals;
    private volatile boolean stopped;
    private volatile boolean renewing;

    WatchedLease(Lease lease, Duration ttl) {
      super(lease);
      long period = Math.max(1, ttl.toMillis() / 3);
      this.renewals = TIMER.scheduleAtFixedRate(() -> tick(ttl), TimeUnit.MILLISECONDS.toNanos(period));
    }

    private void tick(Duration ttl) {
      if (renewing) {
        return; // the previous renewal is still waiting on the store
      }
      // Writes renewing, then reads stopped; releaseAfter writes stopped, then reads renewing. So
      // either this sees the stop, or releaseAfter sees this renewal and waits for it (Dekker;
      // volatile accesses are sequentially consistent): no renewal undoes its shorter TTL.
      renewing = true;
      if (stopped) {
        renewing = false;
        renewals.cancel(false); // assigned by now: stopped is set only after the constructor
        return;
      }
      Lease lease = delegate();
      Thread.ofVirtual()
          .name("gogoscope-lease-renewal")
          .start(
              () -> {
                try {
                  if (!lease.extend(ttl)) {
                    stopped = true; // lost (expired or taken over): nothing left to renew
                  }
                } catch (RuntimeException e) {
                  // Not fatal: the lease may still be held; the next tick tries again.
                  LOG.log(Level.WARNING, "renewing the lease on '" + lease.key() + "' failed; retrying", e);
                } finally {
                  renewing = false;
                }
              });
    }

    @Override
    public boolean release() {
      stopped = true;
      renewals.cancel(false);
      return delegate().release();
    }

    /** Stops renewing first (and lets a renewal under way finish), or it would undo the shorter TTL. */
    @Override
    public boolean releaseAfter(Duration delay) {
      stopped = true;
      renewals.cancel(false);
      while (renewing) {
        LockSupport.parkNanos(100_000); // one store round trip at most
      }
      return delegate().releaseAfter(delay);
    }

    @Override
    public String toString() {
      return "Watched" + delegate();
    }
  }
}
