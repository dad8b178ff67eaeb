package io.gogoscope.persistence.jdbi;

import java.sql.Connection;
import java.sql.SQLException;

/** Commits or rolls back work on a borrowed connection, leaving its auto-commit as it was. */
final class Transactions {

  private Transactions() {}

  /** The work of a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. On a
   * connection with auto-commit already off (the caller's transaction) it only runs the work.
   */
  static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    if (!connection.getAutoCommit()) {
      return work.run();
    }
    connection.setAutoCommit(false);
    try {
      return commitOrRollBack(connection, work);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Runs {@code work} on a connection with auto-commit off and commits it; when the work or the
   * commit throws, rolls back (a failed rollback is added to the failure, never replaces it).
   */
  static <T> T commitOrRollBack(Connection connection, Work<T> work) throws SQLException {
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
  }
}
