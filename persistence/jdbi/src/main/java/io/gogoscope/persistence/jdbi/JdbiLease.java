package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.Lease;
import java.time.Duration;
import java.util.Map;

/** A lease on a row of the {@code locks} table, owned by its random token. */
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
    return db.runner().run("check lock", key, connection -> db.queryOne(
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
    boolean wasHeld = updateOwnRow("release lock", db.sql().release(), -1);
    // Held or not, the lease is done: a lease that had expired stays unheld.
    released = true;
    return wasHeld;
  }

  private boolean updateOwnRow(String operation, NamedSql statement, long ttlMillis) {
    Map<String, Object> args = ttlMillis >= 0
        ? Map.of("key", key, "owner", owner, "ttl", ttlMillis)
        : Map.of("key", key, "owner", owner);
    return db.runner().run(operation, key, connection -> db.update(connection, statement, args)) == 1;
  }

  @Override
  public String toString() {
    return "Lease[" + key + ", fencing token " + fencingToken + (released ? ", released]" : "]");
  }
}
