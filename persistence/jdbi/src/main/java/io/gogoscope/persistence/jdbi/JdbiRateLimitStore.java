package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding-window rate limits in the {@code rate_limits} table, one row per key, one statement per
 * check (see {@link HitLog} for the algorithm). Each check rewrites the key's row, whose log holds up
 * to {@code max} admission times of 13 bytes, so its cost grows with the limit; limits above
 * {@value #MAX_LIMIT} per window are refused (use Redis for those).
 *
 * <p>Rows whose every admission has left its window are deleted by {@link #purgeExpired()}, which
 * the store also starts on a virtual thread at most once per purge interval after a check.
 */
final class JdbiRateLimitStore implements RateLimitStore {

  /** The largest limit per window: a 130 kB log per check. */
  static final int MAX_LIMIT = 10_000;

  private static final System.Logger LOG = System.getLogger(JdbiRateLimitStore.class.getName());

  private final StoreContext db;
  private final long purgeIntervalNanos;
  private final AtomicLong lastPurge = new AtomicLong(System.nanoTime());

  JdbiRateLimitStore(StoreContext db, Duration purgeInterval) {
    this.db = db;
    this.purgeIntervalNanos = purgeInterval.toNanos();
  }

  private record Row(boolean admitted, String hits, long checkedAt) {}

  @Override
  public RateLimitDecision checkAndIncrement(String key, int max, Duration window) {
    StoreContext.checkKey("rate-limit key", key);
    StoreArguments.max(max);
    StoreArguments.window(window);
    if (max > MAX_LIMIT) {
      throw new IllegalArgumentException("max must be at most " + MAX_LIMIT + " for the SQL stores, got " + max
          + " (each check rewrites a log of max admission times); use the Redis store for larger limits");
    }
    // Sub-millisecond windows count as 1 ms, the resolution of the stored times; at most 100 years.
    long windowMillis = Math.max(1, window.toMillis());
    Row row = db.runner().run("check rate limit", key, connection -> db.upsertReturning(
            connection,
            db.sql().checkRate(),
            db.sql().selectRate(),
            Map.of("key", key, "max", max, "window", windowMillis),
            rs -> new Row(rs.getBoolean("admitted"), rs.getString("hits"), rs.getLong("checked_at")))
        .orElseThrow(() -> new StoreException(
            db.dialect().displayName() + " store lost the rate-limit row of '" + key + "' it had just written")));
    purgeIfDue();
    return HitLog.decide(
        row.admitted(), row.hits(), row.checkedAt(), db.clock().clientNow(row.checkedAt()), max, windowMillis);
  }

  /** Deletes the rows whose every admission has left its window; returns how many. */
  int purgeExpired() {
    return db.runner().run("purge rate limits", "*", connection -> db.update(connection, db.sql().purgeRateLimits(), Map.of()));
  }

  private void purgeIfDue() {
    long last = lastPurge.get();
    long now = System.nanoTime();
    if (now - last >= purgeIntervalNanos && lastPurge.compareAndSet(last, now)) {
      Thread.ofVirtual().name("gogoscope-rate-limit-purge").start(() -> {
        try {
          purgeExpired();
        } catch (StoreException e) {
          // Purging is housekeeping: the next interval tries again, and no check depends on it.
          LOG.log(System.Logger.Level.WARNING, "purging expired rate-limit rows failed; retrying next interval", e);
        }
      });
    }
  }
}
