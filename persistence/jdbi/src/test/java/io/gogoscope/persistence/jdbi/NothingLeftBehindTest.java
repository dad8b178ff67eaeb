package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CircuitState;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tables do not grow with use: after 10,000 acquire-and-release pairs the lock table holds one
 * free row per key (kept for its fencing counter, which says all 10,000 happened), and rate-limit
 * rows go once their window has passed.
 */
class NothingLeftBehindTest {

  private static final int THREADS = 8;
  private static final int PAIRS = 10_000;

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void tenThousandLockPairsLeaveOneFreeRowPerKey(SqlDialect dialect) throws Exception {
    try (SqlBackend backend = SqlBackend.require(dialect).migrate()) {
      LockProvider locks = backend.stores().lockProvider();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String key = "pairs:" + t;
        threads.add(Thread.ofVirtual().start(() -> {
          try {
            for (int i = 0; i < PAIRS / THREADS; i++) {
              assertThat(locks.tryAcquire(key, Duration.ofSeconds(30)).orElseThrow().release()).isTrue();
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(failures).isEmpty();

      backend.jdbi().useHandle(h -> {
        String table = backend.prefix() + "locks";
        assertThat(backend.count("locks")).as("rows in %s", table).isEqualTo(THREADS);
        assertThat(h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE owner IS NOT NULL OR expires_at <> 0")
            .mapTo(Long.class).one()).as("rows still held").isZero();
        assertThat(h.createQuery("SELECT SUM(fencing) FROM " + table).mapTo(Long.class).one())
            .as("fencing counters: every pair counted").isEqualTo(PAIRS);
      });
      assertThat(backend.count("rate_limits")).isZero();
      assertThat(backend.count("circuits")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void rateLimitRowsGoOnceTheirWindowPassed(SqlDialect dialect) {
    try (SqlBackend backend = SqlBackend.require(dialect).migrate()) {
      JdbiStores manual = backend.stores();
      RateLimitStore rateLimits = manual.rateLimitStore();
      for (int i = 0; i < 200; i++) {
        rateLimits.checkAndIncrement("burst:" + (i % 20), 5, Duration.ofMillis(200));
      }
      rateLimits.checkAndIncrement("long", 5, Duration.ofMinutes(10));
      assertThat(backend.count("rate_limits")).isEqualTo(21);
      await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(200))
          .until(() -> manual.purgeExpired() >= 0 && backend.count("rate_limits") == 1);

      // The store purges by itself after a check once per purge interval (here: every check).
      RateLimitStore selfCleaning = backend.stores(b -> b.purgeInterval(Duration.ZERO)).rateLimitStore();
      selfCleaning.checkAndIncrement("short", 5, Duration.ofMillis(100));
      assertThat(backend.count("rate_limits")).isEqualTo(2);
      await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(150)).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            selfCleaning.checkAndIncrement("long", 5, Duration.ofMinutes(10));
            return backend.count("rate_limits") == 1;
          });

      // Circuit rows are state, kept per name: one row however often it changes.
      var circuits = manual.circuitStateStore();
      for (int v = 1; v <= 50; v++) {
        circuits.publish("breaker", new CircuitSnapshot(v % 2 == 0 ? CircuitState.OPEN : CircuitState.CLOSED, Instant.now(), v));
      }
      assertThat(backend.count("circuits")).isEqualTo(1);
    }
  }
}
