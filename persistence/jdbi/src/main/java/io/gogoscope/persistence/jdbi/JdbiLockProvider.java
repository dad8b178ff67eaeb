package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Locks in the {@code locks} table: one row per key, holding the owner's random token, the expiry
 * (database time) and the key's fencing counter.
 *
 * <p>Acquire is one upsert that takes the row only when it is free or expired and counts the
 * fencing token up in the same write. Release and extend are updates guarded by the owner token and
 * the expiry (compare-and-release, compare-and-extend). Release frees the row but keeps it, so the
 * fencing counter survives; rows are never deleted (one per key ever locked).
 *
 * <p>Waiting ({@link #acquire(String, Duration, Duration)}) tries once, then polls with jittered
 * exponential backoff from 2 ms to 50 ms, so a freed or expired lock is taken within about 50 ms.
 * The polls read whether the lock is held and write (try the upsert) only when it looks free:
 * waiters of a busy key cost a read each, not a write that takes a row lock, a commit and (on
 * SQLite) the file's write lock. A poll that finds the database busy ({@link StoreBusyException})
 * counts as not acquired; the wait goes on until {@code maxWait}.
 */
final class JdbiLockProvider implements LockProvider {

  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
  private static final long MAX_PAUSE_NANOS = Duration.ofMillis(50).toNanos();

  private final StoreContext db;

  JdbiLockProvider(StoreContext db) {
    this.db = db;
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    StoreContext.checkKey("lock key", key);
    long ttlMillis = ttlMillis(ttl);
    String owner = UUID.randomUUID().toString();
    // Cut off by an interrupt (or failing after it reached the database), the upsert may still
    // commit on the server: the undo frees the row if it holds this owner's token, so the key is
    // not held by nobody until the TTL.
    Optional<Long> fencing = db.runner().runOrUndo("acquire lock", key,
        connection -> db.upsertReturning(
            connection,
            db.sql().acquire(),
            db.sql().selectLock(),
            Map.of("key", key, "owner", owner, "ttl", ttlMillis),
            row -> owner.equals(row.getString("owner")) ? row.getLong("fencing") : null),
        connection -> db.update(connection, db.sql().release(), Map.of("key", key, "owner", owner)));
    return fencing.map(token -> new JdbiLease(db, key, owner, token));
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) throws InterruptedException {
    StoreContext.checkKey("lock key", key);
    StoreArguments.ttl(ttl);
    StoreArguments.maxWait(maxWait);
    long start = System.nanoTime();
    long waitNanos = StoreArguments.saturatedNanos(maxWait); // longer than 292 years: as good as forever
    long pause = FIRST_PAUSE_NANOS;
    for (boolean first = true; ; first = false) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for lock '" + key + "'");
      }
      Optional<Lease> lease = Optional.empty();
      try {
        if (first || !isHeld(key)) {
          lease = tryAcquire(key, ttl);
        }
      } catch (StoreBusyException busy) {
        // Contention, not an outage: another writer kept the database busy. Keep waiting.
      } catch (StoreException e) {
        // Interrupted while queued for SQLite, or inside a driver call: interrupting a virtual thread
        // blocked on a socket closes the socket, so the driver reports an I/O error. Either way the
        // caller asked to stop, which this method reports as the interruption.
        if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
          Thread.interrupted(); // reported as the exception instead
          InterruptedException interrupted = new InterruptedException("interrupted while acquiring lock '" + key + "'");
          interrupted.initCause(e);
          throw interrupted;
        }
        throw e;
      }
      if (lease.isPresent()) {
        return lease;
      }
      long left = waitNanos - (System.nanoTime() - start);
      if (left <= 0) {
        return Optional.empty();
      }
      // Jitter spreads the contenders of one key so they do not poll in lockstep.
      long sleep = Math.min(left, pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
      Thread.sleep(Duration.ofNanos(sleep));
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
    }
  }

  private boolean isHeld(String key) {
    return db.runner().run("check lock", key, connection -> db.queryOne(connection, db.sql().isHeld(), Map.of("key", key), row -> 1)
        .isPresent());
  }

  /** A TTL in whole milliseconds, at least one (checked: at most 100 years, so no sum overflows). */
  static long ttlMillis(Duration ttl) {
    return Math.max(1, StoreArguments.ttl(ttl).toMillis());
  }
}
