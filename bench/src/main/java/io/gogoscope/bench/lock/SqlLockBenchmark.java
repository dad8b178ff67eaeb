package io.gogoscope.bench.lock;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.bench.infra.Backends;
import io.gogoscope.persistence.jdbi.JdbiStores;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acquire and release of one free lock in a SQL database: gogoscope's Jdbi lock store, the same two
 * statements written by hand in JDBC ({@link JdbcLockPair}), and ShedLock's JDBC provider, each on
 * its own tables (created here with a prefix of this run and dropped after). A subclass says which
 * database and how to connect.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5) // round trips on 2 shared cores vary by fork; five narrow the error bars
@State(Scope.Benchmark)
public abstract class SqlLockBenchmark {

  static final Duration TTL = Duration.ofSeconds(30);

  private HikariDataSource dataSource;
  private String prefix;
  private JdbcLockPair jdbc;
  private ShedLocks shedlock;
  private JdbiStores gogoscope;

  /** The pool the JDBC pair and ShedLock use. */
  abstract HikariDataSource openDataSource(String prefix) throws IOException;

  /** gogoscope's stores, with tables named {@code tablePrefix…}. */
  abstract JdbiStores.Builder stores(HikariDataSource dataSource);

  /** The hand-written statements' dialect. */
  abstract JdbcLockPair.Dialect dialect();

  /** Removes what {@link #openDataSource} made beyond the tables (files), after the pool closed. */
  void cleanUp() throws IOException {}

  @Setup
  public void setUp() throws SQLException, IOException {
    prefix = Backends.uniquePrefix();
    dataSource = openDataSource(prefix);
    jdbc = JdbcLockPair.create(dataSource, dialect(), prefix + "_jdbc");
    shedlock = ShedLocks.create(dataSource, prefix + "_shedlock");
    gogoscope = stores(dataSource).tablePrefix(prefix + "_").build();
    gogoscope.migrate();
  }

  @TearDown
  public void tearDown() throws SQLException, IOException {
    gogoscope.close();
    try {
      Sql.dropTables(dataSource, prefix + "_jdbc", prefix + "_shedlock",
          prefix + "_locks", prefix + "_rate_limits", prefix + "_circuits");
    } finally {
      dataSource.close();
      cleanUp();
    }
  }

  @Benchmark
  public long gogoscope_lockPair() {
    return LockPairs.gogoscope(gogoscope.lockProvider(), prefix + ":lock", TTL);
  }

  @Benchmark
  public long jdbc_lockPair() throws SQLException {
    return LockPairs.jdbc(jdbc, prefix + ":lock", TTL);
  }

  @Benchmark
  public boolean shedlock_lockPair() {
    return shedlock.lockPair(prefix + ":lock", TTL);
  }
}
