package io.gogoscope.test.junit;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.spi.ForwardingLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the leases it hands out until they are released: the locks a test left held. */
final class TrackingLockProvider implements LockProvider {
  private final LockProvider delegate;
  private final Set<Lease> held = ConcurrentHashMap.newKeySet();

  TrackingLockProvider(LockProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    return delegate.tryAcquire(key, ttl).map(this::track);
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) throws InterruptedException {
    return delegate.acquire(key, ttl, maxWait).map(this::track);
  }

  /** The keys of leases neither released nor expired. */
  List<String> heldKeys() {
    List<String> keys = new ArrayList<>();
    for (Lease lease : held) {
      if (lease.isValid()) {
        keys.add(lease.key() + " (fencing token " + lease.fencingToken() + ")");
      } else {
        held.remove(lease);
      }
    }
    return keys;
  }

  private Lease track(Lease lease) {
    held.add(lease);
    return new ForwardingLease(lease) {
      @Override
      public boolean release() {
        boolean released = super.release(); // a release that throws leaves the lease tracked
        held.remove(lease);
        return released;
      }

      /** Let go of by its holder: it expires by itself (a minimum hold), so it is no leak. */
      @Override
      public boolean releaseAfter(Duration delay) {
        boolean done = super.releaseAfter(delay);
        held.remove(lease);
        return done;
      }
    };
  }
}
