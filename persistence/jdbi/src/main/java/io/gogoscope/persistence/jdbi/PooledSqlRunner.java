package io.gogoscope.persistence.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Borrows a connection from the user's pool for each operation: the runner of the client-server
 * databases.
 *
 * <p>Given the pool itself ({@link JdbiStores#using(DataSource)}) it borrows straight from it;
 * given only a {@link Jdbi} it opens a handle per operation. A handle costs about 3 kB and a few
 * microseconds on every lock, rate-limit and circuit operation, which the stores, running plain
 * JDBC statements, have no use for.
 */
final class PooledSqlRunner implements SqlRunner {

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final SqlDialect dialect;

  /** @param dataSource the pool behind {@code jdbi}, or {@code null} when only the {@link Jdbi} is known */
  PooledSqlRunner(Jdbi jdbi, DataSource dataSource, SqlDialect dialect) {
    this.jdbi = jdbi;
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  @Override
  public <T> T run(String operation, String subject, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return borrowAndRun(work);
      } catch (JdbiException | SQLException e) {
        if (attempt < SqlFailures.ATTEMPTS && SqlFailures.isTransient(e)) {
          continue;
        }
        throw SqlFailures.wrap(dialect, operation, subject, e);
      }
    }
  }

  private <T> T borrowAndRun(SqlWork<T> work) throws SQLException {
    if (dataSource != null) {
      try (Connection connection = dataSource.getConnection()) {
        return committed(connection, work);
      }
    }
    try (Handle handle = jdbi.open()) {
      return committed(handle.getConnection(), work);
    }
  }

  /**
   * Runs {@code work} and commits it. Each statement here is meant to commit on its own; a pool that
   * hands out connections with auto-commit off would otherwise have it rolled back on return.
   */
  private static <T> T committed(Connection connection, SqlWork<T> work) throws SQLException {
    if (connection.getAutoCommit()) {
      return work.run(connection);
    }
    return Transactions.commitOrRollBack(connection, () -> work.run(connection));
  }

  @Override
  public void close() {
    // Nothing held between operations: the connections belong to the user's pool.
  }
}
