package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.store.Lease;
import io.gogoscope.store.StoreException;
import io.gogoscope.testing.RequiresServerExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database lost mid-run: the stores' connections are ended from a separate admin connection
 * ({@code pg_terminate_backend} on PostgreSQL, {@code KILL CONNECTION} on MariaDB) while calls are
 * in flight, and a SQLite file stays write-locked by another connection. Every call returns in
 * bounded time, with a result or a {@link StoreException}, never anything else and never a hang;
 * once the database is back, calls succeed again (the pool replaces the dead connections).
 */
class BackendLossTest {

  private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
  /** Statement timeout, plus the pool's connection timeout, plus slack for a loaded machine. */
  private static final Duration CALL_BOUND = STATEMENT_TIMEOUT.plus(Duration.ofSeconds(3)).plus(Duration.ofSeconds(3));

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  /** A database the stores use through their own pool, and an admin connection that can end them. */
  private interface Lab {
    JdbiStores stores();

    Connection admin();

    /** Ends every connection of the stores' pool; returns how many. */
    int killStoreConnections() throws SQLException;

    /** Whether a statement of the stores waits on a row lock right now. */
    boolean storeWaitsOnALock() throws SQLException;

    String rateLimitTable();

    /** Locks the rate-limit row of {@code key} from the admin connection until {@link #unlockRows()}. */
    default void lockRateLimitRow(String key) throws SQLException {
      admin().setAutoCommit(false);
      try (Statement s = admin().createStatement()) {
        s.executeQuery("SELECT * FROM " + rateLimitTable() + " WHERE rl_key = '" + key + "' FOR UPDATE").close();
      }
    }

    default void unlockRows() throws SQLException {
      admin().commit();
      admin().setAutoCommit(true);
    }
  }

  private Lab lab(SqlDialect dialect) throws SQLException {
    return dialect == SqlDialect.POSTGRESQL ? postgresLab() : mariaDbLab();
  }

  private Lab postgresLab() throws SQLException {
    RequiresServerExtension.require("PostgreSQL", "127.0.0.1", 5432);
    String app = "gogoscope-loss-" + UUID.randomUUID().toString().substring(0, 8);
    HikariDataSource pool = SqlBackend.pool(SqlBackend.POSTGRES_URL, "postgres", 4,
        config -> config.addDataSourceProperty("ApplicationName", app));
    return labOn(pool, DriverManager.getConnection(SqlBackend.POSTGRES_URL, "postgres", ""), SqlDialect.POSTGRESQL,
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" + app + "'",
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + app + "' AND wait_event_type = 'Lock'");
  }

  private Lab mariaDbLab() throws SQLException {
    RequiresServerExtension.require("MariaDB", "127.0.0.1", 3306);
    // The stores' connections are told apart by a database of their own.
    String database = "gs_loss_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Connection admin = DriverManager.getConnection(SqlBackend.MARIADB_URL, "root", "");
    try (Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    cleanup.add(() -> {
      try (Connection c = DriverManager.getConnection(SqlBackend.MARIADB_URL, "root", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    });
    HikariDataSource pool = SqlBackend.pool("jdbc:mariadb://127.0.0.1:3306/" + database, "root", 4);
    return new LabImpl(pool, admin, SqlDialect.MARIADB, database + ".") {
      @Override
      public int killStoreConnections() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = admin().createStatement();
            var rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '" + database + "'")) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
        for (long id : ids) {
          try (Statement s = admin().createStatement()) {
            s.execute("KILL CONNECTION " + id);
          } catch (SQLException alreadyGone) {
            // The connection ended between listing and killing it: what this method wants anyway.
          }
        }
        return ids.size();
      }

      @Override
      public boolean storeWaitsOnALock() throws SQLException {
        try (Statement s = admin().createStatement();
            var rs = s.executeQuery("SELECT count(*) FROM information_schema.innodb_trx t"
                + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                + " WHERE t.trx_state = 'LOCK WAIT' AND p.db = '" + database + "'")) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    };
  }

  private Lab labOn(HikariDataSource pool, Connection admin, SqlDialect dialect, String kill, String waiting) {
    return new LabImpl(pool, admin, dialect, "") {
      @Override
      public int killStoreConnections() throws SQLException {
        try (Statement s = admin().createStatement(); var rs = s.executeQuery(kill)) {
          rs.next();
          return rs.getInt(1);
        }
      }

      @Override
      public boolean storeWaitsOnALock() throws SQLException {
        try (Statement s = admin().createStatement(); var rs = s.executeQuery(waiting)) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    };
  }

  private abstract class LabImpl implements Lab {
    private final JdbiStores stores;
    private final Connection admin;
    private final String rateLimitTable;

    LabImpl(HikariDataSource pool, Connection admin, SqlDialect dialect, String schema) {
      this.admin = admin;
      String prefix = "gs_loss_";
      this.stores = JdbiStores.using(Jdbi.create(pool)).dialect(dialect).tablePrefix(prefix)
          .statementTimeout(STATEMENT_TIMEOUT).build();
      this.rateLimitTable = schema + prefix + "rate_limits";
      cleanup.add(admin);
      if (schema.isEmpty()) { // PostgreSQL: the tables live in the shared database
        cleanup.add(() -> {
          if (!admin.getAutoCommit()) {
            admin.rollback(); // a test that failed half-way may still hold its row lock
            admin.setAutoCommit(true);
          }
          try (Statement s = admin.createStatement()) {
            for (String table : List.of("locks", "rate_limits", "circuits")) {
              s.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
          }
        });
      }
      cleanup.add(pool);
      cleanup.add(stores);
      stores.migrate();
    }

    @Override
    public JdbiStores stores() {
      return stores;
    }

    @Override
    public Connection admin() {
      return admin;
    }

    @Override
    public String rateLimitTable() {
      return rateLimitTable;
    }
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void aCallWhoseConnectionIsEndedFailsAtOnceAndTheNextOneSucceeds(SqlDialect dialect) throws Exception {
    Lab lab = lab(dialect);
    String key = "loss:" + UUID.randomUUID();
    var rateLimits = lab.stores().rateLimitStore();
    assertThat(rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1)).allowed()).isTrue();

    // The admin locks the key's row, so the next check waits inside the database...
    lab.lockRateLimitRow(key);
    CompletableFuture<Object> call = CompletableFuture.supplyAsync(
        () -> rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1)), command -> Thread.ofVirtual().start(command));
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(lab::storeWaitsOnALock);

    // ...and is cut off there.
    long killedAt = System.nanoTime();
    assertThat(lab.killStoreConnections()).isPositive();
    assertThatThrownBy(() -> call.get(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS))
        .hasCauseInstanceOf(StoreException.class)
        .cause().hasMessageContaining(dialect.displayName()).hasMessageContaining("check rate limit").hasMessageContaining(key);
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("failed after the kill").isLessThan(STATEMENT_TIMEOUT);
    lab.unlockRows();

    await().atMost(Duration.ofSeconds(10)).ignoreException(StoreException.class)
        .until(() -> rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1)).allowed());
    try (Lease lease = lab.stores().lockProvider().tryAcquire(key, Duration.ofSeconds(5)).orElseThrow()) {
      assertThat(lease.isValid()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void aCallBlockedLongerThanTheStatementTimeoutFailsAtTheTimeout(SqlDialect dialect) throws Exception {
    Lab lab = lab(dialect);
    String key = "stuck:" + UUID.randomUUID();
    var rateLimits = lab.stores().rateLimitStore();
    rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1));
    lab.lockRateLimitRow(key);
    long start = System.nanoTime();
    assertThatThrownBy(() -> rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("statement timeout of " + STATEMENT_TIMEOUT);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(STATEMENT_TIMEOUT.minusMillis(100)).isLessThan(CALL_BOUND);
    lab.unlockRows();
    assertThat(rateLimits.checkAndIncrement(key, 100, Duration.ofMinutes(1)).allowed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB"})
  void callsUnderRepeatedConnectionLossReturnInBoundedTimeAndRecover(SqlDialect dialect) throws Exception {
    Lab lab = lab(dialect);
    var locks = lab.stores().lockProvider();
    var rateLimits = lab.stores().rateLimitStore();
    AtomicBoolean stop = new AtomicBoolean();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    List<Long> slowCalls = new CopyOnWriteArrayList<>();
    List<StoreException> failures = new CopyOnWriteArrayList<>();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String key = "chaos:" + t + ":" + UUID.randomUUID();
      clients.add(Thread.ofVirtual().start(() -> {
        while (!stop.get()) {
          long start = System.nanoTime();
          try {
            locks.tryAcquire(key, Duration.ofSeconds(5)).ifPresent(Lease::release);
            rateLimits.checkAndIncrement(key, 1_000, Duration.ofSeconds(1));
          } catch (StoreException e) {
            failures.add(e);
          } catch (Throwable e) {
            unexpected.add(e);
          }
          long took = System.nanoTime() - start;
          if (took > CALL_BOUND.toNanos()) {
            slowCalls.add(took / 1_000_000);
          }
        }
      }));
    }
    Thread.sleep(500);
    int killed = 0;
    for (int i = 0; i < 10; i++) {
      killed += lab.killStoreConnections();
      Thread.sleep(200);
    }
    int failuresDuringLoss = failures.size();
    // Back: every client gets through again.
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
      int before = failures.size();
      Thread.sleep(1_000);
      return failures.size() == before;
    });
    stop.set(true);
    for (Thread client : clients) {
      assertThat(client.join(CALL_BOUND.multipliedBy(2))).as("client stopped").isTrue();
    }
    assertThat(unexpected).as("failures other than StoreException").isEmpty();
    assertThat(slowCalls).as("calls slower than %s (ms)", CALL_BOUND).isEmpty();
    assertThat(killed).as("connections ended").isPositive();
    assertThat(failuresDuringLoss).as("calls that met an ended connection").isPositive();
    try (Lease lease = locks.tryAcquire("after:" + UUID.randomUUID(), Duration.ofSeconds(5)).orElseThrow()) {
      assertThat(lease.isValid()).isTrue();
    }
    System.out.printf("%s: %d connections ended, %d calls failed with StoreException, all recovered%n",
        dialect, killed, failuresDuringLoss);
  }

  @Test
  void aSqliteFileLockedByAnotherWriterFailsCallsAtTheBusyTimeoutAndRecovers() throws Exception {
    SqlBackend backend = SqlBackend.sqlite().migrate();
    cleanup.add(backend);
    JdbiStores stores = backend.stores(b -> b.statementTimeout(Duration.ofSeconds(1)));
    var locks = stores.lockProvider();
    locks.tryAcquire("warm", Duration.ofSeconds(5)).orElseThrow().release();

    try (Connection other = DriverManager.getConnection(backend.url());
        Statement s = other.createStatement()) {
      s.execute("BEGIN EXCLUSIVE"); // holds the file's write lock until COMMIT
      long start = System.nanoTime();
      assertThatThrownBy(() -> locks.tryAcquire("busy", Duration.ofSeconds(5)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("SQLite")
          .hasMessageContaining("busy");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(5));
      s.execute("COMMIT");
    }
    try (Lease lease = locks.tryAcquire("busy", Duration.ofSeconds(5)).orElseThrow()) {
      assertThat(lease.isValid()).isTrue();
    }
  }
}
