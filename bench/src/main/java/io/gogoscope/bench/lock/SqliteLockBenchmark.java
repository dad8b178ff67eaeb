package io.gogoscope.bench.lock;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.bench.infra.Backends;
import io.gogoscope.persistence.jdbi.JdbiStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Acquire and release of one free lock on SQLite, the embedded default: gogoscope's SQL lock
 * provider (which keeps one connection of its own, as it does in production), the same two
 * statements written by hand in JDBC ({@link JdbcLockPair}), and ShedLock's JDBC provider (these
 * two share a pool of one connection). One fresh database file in WAL mode, deleted after.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)

public class SqliteLockBenchmark {

  static final Duration TTL = Duration.ofSeconds(30);

  private HikariDataSource dataSource;
  private String prefix;
  private Path file;
  private JdbcLockPair jdbc;
  private ShedLocks shedlock;
  private JdbiStores gogoscope;

  @Setup
  public void setUp() throws SQLException, IOException {
    prefix = Backends.uniquePrefix();
    file = Files.createTempFile(prefix, ".db");
    dataSource = Backends.sqlite(file.toString(), 1);
    jdbc = JdbcLockPair.create(dataSource, JdbcLockPair.Dialect.SQLITE, prefix + "_jdbc");
    shedlock = ShedLocks.create(dataSource, prefix + "_shedlock");
    gogoscope = JdbiStores.sqlite(file).tablePrefix(prefix + "_").build();
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
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));
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
