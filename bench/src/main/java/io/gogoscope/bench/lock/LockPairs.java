package io.gogoscope.bench.lock;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** One acquire-and-release pair of a free lock, failing loudly when the lock was not free. */
final class LockPairs {

  private LockPairs() {}

  /** Through a gogoscope {@link LockProvider}; returns the lease's fencing token. */
  static long gogoscope(LockProvider provider, String key, Duration ttl) {
    Lease lease = provider.tryAcquire(key, ttl)
        .orElseThrow(() -> new IllegalStateException("gogoscope did not acquire the free lock " + key));
    long token = lease.fencingToken();
    if (!lease.release()) {
      throw new IllegalStateException("gogoscope did not release the lock " + key);
    }
    return token;
  }

  /** Through the hand-written statement pair; returns the fencing token. */
  static long jdbc(JdbcLockPair pair, String key, Duration ttl) throws SQLException {
    String owner = UUID.randomUUID().toString();
    long token = pair.acquire(key, owner, ttl);
    if (token < 0) {
      throw new IllegalStateException("the JDBC pair did not acquire the free lock " + key);
    }
    if (!pair.release(key, owner)) {
      throw new IllegalStateException("the JDBC pair did not release the lock " + key);
    }
    return token;
  }
}
