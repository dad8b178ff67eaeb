package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.Lease;
import java.time.Duration;
import java.util.Map;

/**
 * A lease on a row of the {@code locks} table, owned by its random token.
 *
 * <p>Its operations complete whatever the caller's interrupt status, which they leave as they found
 * it ({@link SqlRunner#runUninterruptibly}): a cancelled task releases its lock on its way out.
 */
final class JdbiLease implements Lease {

  private final StoreContext db;
  private final String key;
  private final String owner;
  private final long fencingToken;
  private volatile boolean released;

  JdbiLease(StoreContext db, String key, String owner, long fencingToken) {
    this.db = db;
    this.key = key;
    this.owner = owner;
    this.fencingToken = fencingToken;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public long fencingToken() {
    return fencingToken;
  }

  @Override
  public boolean isValid() {
    if (released) {
      return false;
    }
    return db.runner().runUninterruptibly("check lock", key, connection -> db.queryOne(
            connection, db.sql().isValid(), Map.of("key", key, "owner", owner), row -> 1)
        .isPresent());
  }

  @Override
  public boolean extend(Duration ttl) {
    long ttlMillis = JdbiLockProvider.ttlMillis(ttl); // checks it before anything else
    if (released) {
      return false;
    }
    return updateOwnRow("extend lock", db.sql().extend(), ttlMillis);
  }

  @Override
  public boolean release() {
    if (released) {
      return false;
    }
    // An interrupt that cuts the update off has it run again; should the first one have committed,
    // the second finds the row freed and this says false: the key is free either way.
    boolean wasHeld = updateOwnRow("release lock", db.sql().release(), -1);
    // Held or not, the lease is done: a lease that had expired stays unheld.
    released = true;
    return wasHeld;
  }

  private boolean updateOwnRow(String operation, NamedSql statement, long ttlMillis) {
    Map<String, Object> args = ttlMillis >= 0
        ? Map.of("key", key, "owner", owner, "ttl", ttlMillis)
        : Map.of("key", key, "owner", owner);
    return db.runner().runUninterruptibly(operation, key, connection -> db.update(connection, statement, args)) == 1;
  }

  @Override
  public String toString() {
    return "Lease[" + key + ", fencing token " + fencingToken + (released ? ", released]" : "]");
  }
}
