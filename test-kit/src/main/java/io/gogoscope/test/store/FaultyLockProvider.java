package io.gogoscope.test.store;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.spi.ForwardingLease;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link LockProvider} that passes every call, and every call on the leases it hands out, through
 * {@link Faults} before the real provider.
 */
public final class FaultyLockProvider implements LockProvider {
  private final LockProvider delegate;
  private final Faults faults;

  /** Wraps {@code delegate}, injecting {@code faults}. */
  public FaultyLockProvider(LockProvider delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** The faults this provider injects. */
  public Faults faults() {
    return faults;
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    faults.beforeCall("tryAcquire(" + key + ")");
    return delegate.tryAcquire(key, ttl).map(FaultyLease::new);
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) throws InterruptedException {
    faults.beforeCall("acquire(" + key + ")");
    return delegate.acquire(key, ttl, maxWait).map(FaultyLease::new);
  }

  private final class FaultyLease extends ForwardingLease {

    FaultyLease(Lease lease) {
      super(lease);
    }

    @Override
    public boolean isValid() {
      faults.beforeCall("isValid(" + key() + ")");
      return super.isValid();
    }

    @Override
    public boolean extend(Duration ttl) {
      faults.beforeCall("extend(" + key() + ")");
      return super.extend(ttl);
    }

    @Override
    public boolean release() {
      faults.beforeCall("release(" + key() + ")");
      return super.release();
    }

    @Override
    public boolean releaseAfter(Duration delay) {
      faults.beforeCall("releaseAfter(" + key() + ")");
      return super.releaseAfter(delay);
    }

    @Override
    public String toString() {
      return "FaultyLease[" + delegate() + "]";
    }
  }
}
