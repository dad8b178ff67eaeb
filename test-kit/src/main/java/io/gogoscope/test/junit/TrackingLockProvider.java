package io.gogoscope.test.junit;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
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
    Lease tracked = new Lease() {
      @Override
      public String key() {
        return lease.key();
      }

      @Override
      public long fencingToken() {
        return lease.fencingToken();
      }

      @Override
      public boolean isValid() {
        return lease.isValid();
      }

      @Override
      public boolean extend(Duration ttl) {
        return lease.extend(ttl);
      }

      @Override
      public boolean release() {
        boolean released = lease.release(); // a release that throws leaves the lease tracked
        held.remove(lease);
        return released;
      }

      @Override
      public String toString() {
        return lease.toString();
      }
    };
    held.add(lease);
    return tracked;
  }
}
