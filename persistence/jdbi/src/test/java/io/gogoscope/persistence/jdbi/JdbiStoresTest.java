package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.store.Lease;
import io.gogoscope.store.StoreException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Configuring the stores: dialect detection, migration, pools, misuse. */
class JdbiStoresTest {

  private static final BackendCache BACKENDS = new BackendCache();

  @AfterAll
  static void closeBackends() {
    BACKENDS.close();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void theDialectIsReadFromTheConnection(SqlDialect dialect) {
    SqlBackend backend = BACKENDS.get(dialect);
    try (JdbiStores stores = JdbiStores.using(backend.jdbi()).tablePrefix(backend.prefix()).build()) {
      assertThat(stores.dialect()).isEqualTo(dialect);
    }
  }

  @Test
  void detectionKnowsMariaDbBehindMySqlsDriverAndOlderMariaDb() throws Exception {
    assertThat(SqlDialect.detect(metadata("MySQL", "5.5.5-10.11.6-MariaDB", 5, 5))).isEqualTo(SqlDialect.MARIADB);
    assertThat(SqlDialect.detect(metadata("MariaDB", "10.4.32-MariaDB", 10, 4))).isEqualTo(SqlDialect.MYSQL);
    assertThat(SqlDialect.detect(metadata("MySQL", "8.0.36", 8, 0))).isEqualTo(SqlDialect.MYSQL);
    assertThat(SqlDialect.detect(metadata("PostgreSQL", "16.2", 16, 2))).isEqualTo(SqlDialect.POSTGRESQL);
    assertThatThrownBy(() -> SqlDialect.detect(metadata("Oracle", "23ai", 23, 0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Oracle 23ai")
        .hasMessageContaining("dialect(");
  }

  private static DatabaseMetaData metadata(String product, String version, int major, int minor) {
    return (DatabaseMetaData) Proxy.newProxyInstance(
        JdbiStoresTest.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) ->
            switch (method.getName()) {
              case "getDatabaseProductName" -> product;
              case "getDatabaseProductVersion" -> version;
              case "getDatabaseMajorVersion" -> major;
              case "getDatabaseMinorVersion" -> minor;
              default -> throw new UnsupportedOperationException(method.getName());
            });
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void migrateIsExplicitIdempotentAndSafeToRace(SqlDialect dialect) throws Exception {
    try (SqlBackend backend = SqlBackend.require(dialect)) {
      JdbiStores stores = backend.stores();
      assertThatThrownBy(() -> stores.lockProvider().tryAcquire("k", Duration.ofSeconds(1)))
          .as("no table before migrate()")
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("JdbiStores.migrate()");

      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> racers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racers.add(Thread.ofVirtual().start(() -> {
          try {
            backend.stores().migrate();
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      for (Thread racer : racers) {
        racer.join();
      }
      assertThat(failures).as("concurrent migrations").isEmpty();
      stores.migrate();
      try (Lease lease = stores.lockProvider().tryAcquire("k", Duration.ofSeconds(5)).orElseThrow()) {
        assertThat(lease.fencingToken()).isEqualTo(1);
      }
    }
  }

  @Test
  void theEmbeddedDefaultIsASqliteFileInWalMode(@TempDir Path folder) {
    Path file = folder.resolve("gogoscope.db");
    try (JdbiStores stores = JdbiStores.sqlite(file).build()) {
      assertThat(stores.dialect()).isEqualTo(SqlDialect.SQLITE);
      stores.migrate();
      try (Lease lease = stores.lockProvider().tryAcquire("embedded", Duration.ofSeconds(5)).orElseThrow()) {
        assertThat(lease.fencingToken()).isEqualTo(1);
      }
    }
    assertThat(file).exists();
    String mode = Jdbi.create("jdbc:sqlite:" + file)
        .withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
    assertThat(mode).isEqualToIgnoringCase("wal");
  }

  @Test
  void aPoolWithAutoCommitOffStillCommitsEachOperation() {
    SqlBackend backend = BACKENDS.get(SqlDialect.POSTGRESQL);
    try (HikariDataSource pool = SqlBackend.pool(SqlBackend.POSTGRES_URL, "postgres", 2, c -> c.setAutoCommit(false));
        JdbiStores stores = JdbiStores.using(pool).tablePrefix(backend.prefix()).build()) {
      Lease lease = stores.lockProvider().tryAcquire("autocommit-off", Duration.ofSeconds(30)).orElseThrow();
      assertThat(backend.stores().lockProvider().tryAcquire("autocommit-off", Duration.ofSeconds(30)))
          .as("seen held through another connection: committed")
          .isEmpty();
      assertThat(lease.release()).isTrue();
      assertThat(backend.stores().lockProvider().tryAcquire("autocommit-off", Duration.ofSeconds(30))).isPresent();
    }
  }

  @Test
  void misuseIsRefusedWithAMessageThatSaysWhatToDo() {
    SqlBackend backend = BACKENDS.get(SqlDialect.SQLITE);
    JdbiStores stores = backend.stores();
    assertThatThrownBy(() -> JdbiStores.using(backend.jdbi()).tablePrefix("drop table;"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
    assertThatThrownBy(() -> JdbiStores.using(backend.jdbi()).statementTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout must be between 1 ms");
    assertThatThrownBy(() -> JdbiStores.using(backend.jdbi()).pollInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval must be between 1 ms");
    assertThatThrownBy(() -> stores.lockProvider().tryAcquire("k".repeat(256), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
    assertThatThrownBy(() -> stores.rateLimitStore().checkAndIncrement("k", 10_001, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Redis");
    assertThatThrownBy(() -> JdbiStores.using(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none")).build())
        .isInstanceOf(StoreException.class).hasMessageContaining("dialect(");
  }

  @Test
  void theCircuitPollerRunsOnlyWhileSomethingIsSubscribed() throws Exception {
    // Pollers of stores that earlier tests closed end on their own time (after a poll in flight):
    // only threads started during this test are this store's.
    Set<Thread> earlier = pollerThreads();
    SqlBackend backend = BACKENDS.get(SqlDialect.SQLITE);
    JdbiStores stores = backend.stores(b -> b.pollInterval(Duration.ofMillis(20)));
    AutoCloseable first = stores.circuitStateStore().subscribe("poller-a", s -> {});
    AutoCloseable second = stores.circuitStateStore().subscribe("poller-b", s -> {});
    assertThat(pollers(earlier)).isEqualTo(1);
    first.close();
    assertThat(pollers(earlier)).isEqualTo(1);
    second.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> pollers(earlier) == 0);
    stores.circuitStateStore().subscribe("poller-c", s -> {});
    assertThat(pollers(earlier)).isEqualTo(1);
    stores.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> pollers(earlier) == 0);
  }

  private static Set<Thread> pollerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("gogoscope-circuit-poll"))
        .collect(Collectors.toSet());
  }

  private static long pollers(Set<Thread> earlier) {
    return pollerThreads().stream().filter(t -> !earlier.contains(t)).count();
  }
}
