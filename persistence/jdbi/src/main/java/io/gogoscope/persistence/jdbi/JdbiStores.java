package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.StoreException;
import io.gogoscope.store.Stores;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Locks, rate limits and shared circuit state in a SQL database (PostgreSQL, MySQL/MariaDB or
 * SQLite) through Jdbi.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);           // the recommended pool
 * JdbiStores stores = JdbiStores.using(pool).build();              // dialect read from the connection
 * stores.migrate();                                                // once, at deployment or start-up
 * ScopeRuntime runtime = ScopeRuntime.builder().stores(stores).build();
 * }</pre>
 *
 * <p>Every time is the database's: lease expiry and rate-limit windows are computed in SQL from the
 * database clock, so instances with skewed clocks agree. Every failure to reach the database or run
 * a statement is a {@link StoreException}. The tables ({@code <prefix>locks},
 * {@code <prefix>rate_limits}, {@code <prefix>circuits}) are created by {@link #migrate()} only,
 * never implicitly.
 *
 * <p>Thread-safe. Close it to stop the circuit-state poller and, for SQLite, the kept connection.
 */
public final class JdbiStores implements Stores, AutoCloseable {

  private final StoreContext db;
  private final Tables tables;
  private final JdbiLockProvider locks;
  private final JdbiRateLimitStore rateLimits;
  private final JdbiCircuitStateStore circuits;

  private JdbiStores(Builder builder, SqlDialect dialect) {
    this.tables = Tables.withPrefix(builder.tablePrefix);
    SqlRunner runner = dialect == SqlDialect.SQLITE
        ? new SerialSqlRunner(builder.jdbi, builder.statementTimeout)
        : new PooledSqlRunner(builder.jdbi, builder.dataSource, dialect, builder.statementTimeout);
    // SQLite's wait is bounded by its busy timeout (set by the runner), which cancelling a statement does not cover.
    StatementDeadlines deadlines = dialect == SqlDialect.SQLITE ? null : new StatementDeadlines(builder.statementTimeout);
    DialectSql sql = DialectSql.of(dialect);
    this.db = new StoreContext(dialect, Statements.render(sql, tables, builder.clock), builder.clock, runner, deadlines);
    this.locks = new JdbiLockProvider(db);
    this.rateLimits = new JdbiRateLimitStore(db, builder.purgeInterval);
    this.circuits = new JdbiCircuitStateStore(db, builder.pollInterval);
  }

  /** Starts configuring stores on {@code jdbi} (its connections, usually from a pool). */
  public static Builder using(Jdbi jdbi) {
    return new Builder(Objects.requireNonNull(jdbi, "jdbi"), null);
  }

  /**
   * Starts configuring stores on {@code dataSource}. Give a pool (HikariCP is the recommended one):
   * a plain {@code DataSource} opens a connection per operation.
   */
  public static Builder using(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    // The stores borrow from the pool directly (see PooledSqlRunner); the Jdbi is for the rest.
    return new Builder(Jdbi.create(dataSource), dataSource);
  }

  /**
   * Starts configuring stores in the SQLite database file {@code file} (created if missing; its
   * folder must exist), the embedded default for a single machine. Needs the
   * {@code org.xerial:sqlite-jdbc} driver on the classpath. {@link #migrate()} switches the file to
   * WAL mode, so readers never wait for the writer.
   */
  public static Builder sqlite(Path file) {
    Objects.requireNonNull(file, "file");
    return using(Jdbi.create("jdbc:sqlite:" + file.toAbsolutePath())).dialect(SqlDialect.SQLITE);
  }

  /** The dialect these stores speak. */
  public SqlDialect dialect() {
    return db.dialect();
  }

  /**
   * Creates the tables if they do not exist (idempotent, and safe to run from several instances at
   * once). Call it once at deployment or start-up before using the stores; they never create
   * tables on their own.
   *
   * @throws StoreException when the database refuses (for example, no privilege to create tables)
   */
  public void migrate() {
    db.runner().run("create tables", tables.locks() + ", " + tables.rateLimits() + ", " + tables.circuits(), connection -> {
      try (Statement statement = connection.createStatement()) {
        if (db.dialect() == SqlDialect.SQLITE) {
          // WAL is a property of the file: readers and the writer stop blocking each other, and commits
          // append instead of rewriting pages. It cannot change inside a transaction.
          statement.executeQuery("PRAGMA journal_mode = WAL").close();
        }
        return Transactions.inTransaction(connection, () -> {
          if (db.sql().migrationLock() != null) {
            statement.execute(db.sql().migrationLock());
          }
          for (String create : db.sql().createTables()) {
            statement.execute(create);
          }
          return null;
        });
      }
    });
  }

  /** The lock provider: token-owned leases with TTLs and per-key fencing tokens. */
  @Override
  public LockProvider lockProvider() {
    return locks;
  }

  /** The sliding-window rate-limit store. */
  @Override
  public RateLimitStore rateLimitStore() {
    return rateLimits;
  }

  /** The shared circuit-state store; subscribers are told of changes by polling (see {@link Builder#pollInterval}). */
  @Override
  public CircuitStateStore circuitStateStore() {
    return circuits;
  }

  /**
   * Deletes the rate-limit rows whose every admission has left its window, and returns how many.
   * The rate-limit store also does this by itself once per {@link Builder#purgeInterval}; call it
   * from a scheduler of your own if you set that interval to zero. Lock rows are never deleted: each
   * keeps its key's fencing counter.
   */
  public int purgeExpired() {
    return rateLimits.purgeExpired();
  }

  /**
   * Stops the circuit-state poller and the statement-timeout thread and closes a kept SQLite
   * connection; the user's pool stays open.
   */
  @Override
  public void close() {
    circuits.close();
    if (db.deadlines() != null) {
      db.deadlines().close();
    }
    db.runner().close();
  }

  /** Configures {@link JdbiStores}. */
  public static final class Builder {

    /** The longest {@link #statementTimeout}: 24 days, within SQLite's busy timeout (an int of milliseconds). */
    public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofDays(24);

    /** The longest {@link #pollInterval}: one day. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

    /** The longest {@link #purgeInterval}: 365 days. */
    public static final Duration MAX_PURGE_INTERVAL = Duration.ofDays(365);

    private final Jdbi jdbi;
    private final DataSource dataSource; // null when only the Jdbi was given
    private SqlDialect dialect;
    private String tablePrefix = Tables.DEFAULT_PREFIX;
    private Duration statementTimeout = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration purgeInterval = Duration.ofMinutes(1);
    private StatementClock clock = StatementClock.database();

    private Builder(Jdbi jdbi, DataSource dataSource) {
      this.jdbi = jdbi;
      this.dataSource = dataSource;
    }

    /** Speaks {@code dialect} instead of detecting it from the connection's metadata. */
    public Builder dialect(SqlDialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Names the tables {@code prefix + "locks"}, {@code prefix + "rate_limits"} and
     * {@code prefix + "circuits"} (default {@code "gogoscope_"}). Letters, digits and underscores.
     */
    public Builder tablePrefix(String prefix) {
      Tables.withPrefix(Objects.requireNonNull(prefix, "prefix")); // fails early on a bad prefix
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * How long one statement may run, default 5 s, between 1 ms and {@link #MAX_STATEMENT_TIMEOUT}.
     * A statement over it is cancelled (within a tenth of the timeout, at most 100 ms, after it
     * passes) and fails with a {@link StoreException}; for SQLite it is the busy timeout and the
     * wait for the serialized connection. Getting a connection is bounded by the pool's own timeout
     * (HikariCP's {@code connectionTimeout}, 30 s by default: set it to your budget).
     *
     * @throws IllegalArgumentException when {@code timeout} is null or out of those bounds
     */
    public Builder statementTimeout(Duration timeout) {
      this.statementTimeout = between("statementTimeout", timeout, Duration.ofMillis(1), MAX_STATEMENT_TIMEOUT,
          "SQLite's busy timeout counts milliseconds in an int; no statement of the stores needs more");
      return this;
    }

    /**
     * How often circuit-state subscribers poll the database for changes (default 1 s), between 1 ms
     * and {@link #MAX_POLL_INTERVAL}: a circuit opened by another instance is seen here within this
     * interval. One query per interval reads all subscribed circuits, and only while something is
     * subscribed.
     *
     * @throws IllegalArgumentException when {@code interval} is null or out of those bounds
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = between("pollInterval", interval, Duration.ofMillis(1), MAX_POLL_INTERVAL,
          "a breaker opened by another instance would go unseen here for longer than any reset timeout");
      return this;
    }

    /**
     * How often the rate-limit store deletes expired rows by itself (default 1 min; one
     * {@code DELETE} on a virtual thread after a check), at most {@link #MAX_PURGE_INTERVAL}.
     * {@link Duration#ZERO} purges after every check: for tests only.
     *
     * @throws IllegalArgumentException when {@code interval} is null, negative or too long
     */
    public Builder purgeInterval(Duration interval) {
      this.purgeInterval = between("purgeInterval", interval, Duration.ZERO, MAX_PURGE_INTERVAL,
          "rows of past windows would pile up for longer than that");
      return this;
    }

    private static Duration between(String setting, Duration value, Duration min, Duration max, String whyMax) {
      if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException("JdbiStores.Builder." + setting + " must be between " + shown(min)
            + " and " + shown(max) + ", got " + value + (value != null && value.compareTo(max) > 0 ? " (" + whyMax + ")" : ""));
      }
      return value;
    }

    private static String shown(Duration duration) {
      if (duration.isZero()) {
        return "0";
      }
      long days = duration.toDays();
      return days == 1 ? "1 day" : days > 1 ? days + " days" : duration.toMillis() + " ms";
    }

    /** Tests only: reads "now" from {@code epochMillis} instead of the database clock. */
    Builder clock(java.util.function.LongSupplier epochMillis) {
      this.clock = StatementClock.fixedBy(epochMillis);
      return this;
    }

    /**
     * Creates the stores. Without {@link #dialect(SqlDialect)} this opens one connection to read
     * the database's product name.
     *
     * @throws StoreException when the dialect is to be detected and the database cannot be reached
     * @throws IllegalStateException when the database is not one of the supported ones
     */
    public JdbiStores build() {
      SqlDialect resolved = dialect;
      if (resolved == null) {
        try {
          resolved = jdbi.withHandle(handle -> SqlDialect.detect(handle.getConnection().getMetaData()));
        } catch (JdbiException | java.sql.SQLException e) {
          throw new StoreException("could not read the database's product name to choose the SQL dialect: "
              + e.getMessage() + " (name it with JdbiStores.Builder.dialect(...) to skip detection)", e);
        }
      }
      return new JdbiStores(this, resolved);
    }
  }
}
