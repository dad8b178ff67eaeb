package io.gogoscope.store;

import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;
import java.util.Optional;

/**
 * Hands out distributed locks. A lock is owned by the {@link Lease} (a random token), not by a
 * thread, so any thread or task may release it; it expires after its TTL if its holder dies; and
 * each lease carries a fencing token that grows strictly per key across all owners, across
 * releases and across expiry.
 *
 * <p>Behaviour every implementation shows is pinned by the contract tests in the runtime's
 * test-jar ({@code io.gogoscope.store.contract.LockProviderContract}).
 *
 * <p>Implementations: {@link InMemoryLockProvider} (one JVM), and in the persistence modules Redis
 * (Redisson) and SQL (Jdbi: PostgreSQL, MySQL/MariaDB, SQLite).
 */
public interface LockProvider {

  /**
   * Tries once to acquire {@code key} for {@code ttl}.
   *
   * @return the lease, or empty when another owner holds an unexpired lease on {@code key}
   * @throws IllegalArgumentException when {@code key} breaks the key rules of
   *     {@link StoreArguments#key} or {@code ttl} is not positive or longer than
   *     {@link StoreArguments#MAX_DURATION}; checked before anything is taken
   * @throws StoreException when the store cannot be reached
   */
  Optional<Lease> tryAcquire(String key, Duration ttl);

  /**
   * Acquires {@code key} for {@code ttl}, waiting up to {@code maxWait} for it to become free.
   *
   * @param maxWait how long to wait; zero tries once, like {@link #tryAcquire}; any length (one
   *     longer than a clock counts waits as long as it takes)
   * @return the lease, or empty when {@code maxWait} passed first
   * @throws IllegalArgumentException when {@code key} breaks the key rules of
   *     {@link StoreArguments#key}, {@code ttl} is not positive or longer than
   *     {@link StoreArguments#MAX_DURATION}, or {@code maxWait} is negative
   * @throws InterruptedException when the waiting thread is interrupted; whatever the interrupted
   *     attempt may have taken is given back first
   * @throws StoreException when the store cannot be reached
   */
  Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) throws InterruptedException;
}
