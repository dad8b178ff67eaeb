package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.Lease;
import java.time.Duration;

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
    return db.runner().run("check lock", key, handle -> db.query(handle, db.sql().isValid())
        .bind("key", key)
        .bind("owner", owner)
        .mapTo(Integer.class)
        .findOne()
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

  private boolean updateOwnRow(String operation, String statement, long ttlMillis) {
    int rows = db.runner().run(operation, key, handle -> {
      var update = db.update(handle, statement).bind("key", key).bind("owner", owner);
      if (ttlMillis >= 0) {
        update.bind("ttl", ttlMillis);
      }
      return update.execute();
    });
    return rows == 1;
  }

  @Override
  public String toString() {
    return "Lease[" + key + ", fencing token " + fencingToken + (released ? ", released]" : "]");
  }
}
