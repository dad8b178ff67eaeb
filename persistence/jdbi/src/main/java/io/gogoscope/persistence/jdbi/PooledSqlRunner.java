package io.gogoscope.persistence.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Takes a connection from the user's {@link Jdbi} (and so from their pool) for each operation: the
 * runner of the client-server databases.
 */
final class PooledSqlRunner implements SqlRunner {

  private final Jdbi jdbi;
  private final SqlDialect dialect;

  PooledSqlRunner(Jdbi jdbi, SqlDialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public <T> T run(String operation, String subject, HandleCallback<T, SQLException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.withHandle(handle -> committed(handle, work));
      } catch (JdbiException | SQLException e) {
        if (attempt < SqlFailures.ATTEMPTS && SqlFailures.isTransient(e)) {
          continue;
        }
        throw SqlFailures.wrap(dialect, operation, subject, e);
      }
    }
  }

  /**
   * Runs {@code work} and commits it. Each statement here is meant to commit on its own; a pool that
   * hands out connections with auto-commit off would otherwise have it rolled back on return.
   */
  private static <T> T committed(Handle handle, HandleCallback<T, SQLException> work) throws SQLException {
    Connection connection = handle.getConnection();
    if (connection.getAutoCommit()) {
      return work.withHandle(handle);
    }
    try {
      T result = work.withHandle(handle);
      connection.commit();
      return result;
    } catch (RuntimeException | SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    // Nothing held between operations: the connections belong to the user's pool.
  }
}
