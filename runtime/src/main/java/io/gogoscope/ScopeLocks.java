package io.gogoscope;

import io.gogoscope.store.Lease;
import io.gogoscope.store.StoreException;
import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Distributed locks held for the rest of a scope: a lease taken here from the scope's
 * {@link ScopeRuntime#lockProvider() lock provider} is {@link Scope#register registered} with the
 * scope, so it is released when the scope closes, unless released earlier by hand.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open("nightly-report")) {
 *   if (ScopeLocks.tryAcquire(scope, "report:nightly", Duration.ofMinutes(10)).isEmpty()) {
 *     return; // another instance runs it
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>A guarded call takes its lock through its {@link Guard} instead ({@code @DistributedLock}).
 */
public final class ScopeLocks {
  private ScopeLocks() {}

  /**
   * Tries once to take the distributed lock {@code key} for {@code ttl}.
   *
   * @return the lease, or empty when another owner holds {@code key}
   * @throws IllegalArgumentException when {@code key} is empty or {@code ttl} is not positive
   * @throws IllegalStateException when the scope has already disposed its resources
   * @throws StoreException when the lock store cannot be reached
   */
  public static Optional<Lease> tryAcquire(Scope scope, String key, Duration ttl) {
    Objects.requireNonNull(scope, "scope");
    return registered(scope, scope.runtime().lockProvider().tryAcquire(key, ttl));
  }

  /**
   * Takes the distributed lock {@code key} for {@code ttl}, waiting up to {@code maxWait} for it to
   * become free, but never past the scope's deadline.
   *
   * @return the lease, or empty when the wait (or the scope's time) ran out first
   * @throws IllegalArgumentException when {@code key} is empty, {@code ttl} is not positive or
   *     {@code maxWait} is negative
   * @throws IllegalStateException when the scope has already disposed its resources
   * @throws InterruptedException when the waiting thread is interrupted (as by cancellation)
   * @throws StoreException when the lock store cannot be reached
   */
  public static Optional<Lease> acquire(Scope scope, String key, Duration ttl, Duration maxWait)
      throws InterruptedException {
    Objects.requireNonNull(scope, "scope");
    Duration wait = StoreArguments.maxWait(maxWait);
    Optional<Duration> left = scope.remaining();
    if (left.isPresent() && left.get().compareTo(wait) < 0) {
      wait = left.get().isNegative() ? Duration.ZERO : left.get();
    }
    return registered(scope, scope.runtime().lockProvider().acquire(key, ttl, wait));
  }

  private static Optional<Lease> registered(Scope scope, Optional<Lease> lease) {
    if (lease.isPresent()) {
      try {
        scope.register(lease.get());
      } catch (RuntimeException e) {
        lease.get().close(); // nobody would release it before its TTL
        throw e;
      }
    }
    return lease;
  }
}
