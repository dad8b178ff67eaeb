package io.gogoscope.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Hands out distributed locks. A lock is owned by the {@link Lease} (a random token), not by a
 * thread, so any thread or task may release it; it expires after its TTL if its holder dies; and
 * each lease carries a fencing token that grows strictly per key across all owners.
 *
 * <p>Implementations: {@link InMemoryLockProvider} (one JVM), and in the persistence modules Redis
 * (Redisson) and SQL (Jdbi: PostgreSQL, MySQL/MariaDB, SQLite).
 */
public interface LockProvider {

  /**
   * Tries once to acquire {@code key} for {@code ttl}.
   *
   * @return the lease, or empty when another owner holds an unexpired lease on {@code key}
   * @throws StoreException when the store cannot be reached
   */
  Optional<Lease> tryAcquire(String key, Duration ttl);

  /**
   * Acquires {@code key} for {@code ttl}, waiting up to {@code maxWait} for it to become free.
   *
   * @return the lease, or empty when {@code maxWait} passed first
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws StoreException when the store cannot be reached
   */
  Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) throws InterruptedException;
}
