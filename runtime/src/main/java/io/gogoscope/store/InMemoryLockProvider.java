package io.gogoscope.store;

/** Locks within one JVM: token-owned leases with TTLs and per-key fencing tokens. The default when nothing else is configured. */
public final class InMemoryLockProvider implements LockProvider {
  /** Creates an empty store. */
  public InMemoryLockProvider() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public java.util.Optional<Lease> tryAcquire(String key, java.time.Duration ttl) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public java.util.Optional<Lease> acquire(String key, java.time.Duration ttl, java.time.Duration maxWait) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
