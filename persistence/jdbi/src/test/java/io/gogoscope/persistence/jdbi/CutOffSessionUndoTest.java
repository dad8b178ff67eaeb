package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The undo of an acquire cut off by an interrupt comes after the cut-off upsert, however late the
 * server runs it. Here the upsert of a key never locked before waits on the server for another
 * transaction that inserted the same key and has not committed; the acquiring thread is interrupted
 * meanwhile (its socket closes) and only then is the other transaction rolled back, so the server
 * runs the upsert after the client gave up on it. An undo sent at once finds no row (the waiting
 * insert is not visible yet) and the upsert then takes the key for nobody; the undo that waits for
 * the cut-off session to end frees it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutOffSessionUndoTest {

  private static final Duration TTL = Duration.ofMinutes(1);

  private final BackendCache backends = new BackendCache();

  @AfterAll
  void close() {
    backends.close();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "MYSQL"})
  void anUpsertTheServerRunsAfterTheClientGaveUpIsUndone(SqlDialect dialect) throws Exception {
    SqlBackend backend = backends.get(dialect);
    LockProvider acquirer = backend.stores().lockProvider();
    String key = "late:" + dialect;
    AtomicReference<Object> outcome = new AtomicReference<>();
    try (Handle blocker = backend.jdbi().open()) {
      blocker.begin();
      blocker.execute("INSERT INTO " + backend.prefix() + "locks (lock_key, owner, fencing, expires_at)"
          + " VALUES (?, 'blocker', 1, 0)", key);

      Thread thread = Thread.ofVirtual().start(() -> {
        try {
          outcome.set(acquirer.tryAcquire(key, TTL));
        } catch (RuntimeException e) {
          outcome.set(e);
        }
      });
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
          .until(() -> !thread.isAlive() || upsertsWaitingForALock(backend) == 1);
      assertThat(thread.isAlive()).as("the acquire waits on the server (it returned %s)", outcome.get()).isTrue();
      thread.interrupt();
      // Give an undo that does not wait for the session the time to overtake the upsert; the undo
      // that waits cannot finish before the rollback below.
      thread.join(Duration.ofMillis(500));
      blocker.rollback();
      assertThat(thread.join(Duration.ofSeconds(30))).as("the acquire returned").isTrue();
    }
    assertThat(outcome.get()).as("the interrupted acquire failed").isInstanceOf(RuntimeException.class);
    Optional<Lease> next = backend.stores().lockProvider().tryAcquire(key, TTL);
    assertThat(next).as("the key is free once the interrupted acquire returned").isPresent();
    next.get().release();
  }

  private static long upsertsWaitingForALock(SqlBackend backend) {
    String table = backend.prefix() + "locks";
    return backend.jdbi().withHandle(h -> switch (backend.dialect()) {
      case POSTGRESQL -> h.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
              + " AND query LIKE :q")
          .bind("q", "%INSERT INTO " + table + "%").mapTo(Long.class).one();
      default -> h.createQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"
              + " AND trx_query LIKE :q")
          .bind("q", "%INSERT INTO " + table + "%").mapTo(Long.class).one();
    });
  }
}
