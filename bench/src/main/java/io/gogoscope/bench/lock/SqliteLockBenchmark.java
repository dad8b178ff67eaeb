package io.gogoscope.bench.lock;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.bench.infra.Backends;
import io.gogoscope.persistence.jdbi.JdbiStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link SqlLockBenchmark} on SQLite, the embedded default, in a fresh database file (WAL mode)
 * deleted after. gogoscope's store keeps one connection of its own, as it does in production; the
 * JDBC pair and ShedLock share a pool of one.
 */
public class SqliteLockBenchmark extends SqlLockBenchmark {

  private Path file;

  @Override
  HikariDataSource openDataSource(String prefix) throws IOException {
    file = Files.createTempFile(prefix, ".db");
    return Backends.sqlite(file.toString(), 1);
  }

  @Override
  JdbiStores.Builder stores(HikariDataSource dataSource) {
    return JdbiStores.sqlite(file);
  }

  @Override
  JdbcLockPair.Dialect dialect() {
    return JdbcLockPair.Dialect.SQLITE;
  }

  @Override
  void cleanUp() throws IOException {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
  }
}
