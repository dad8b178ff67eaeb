package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Classifies and reports database failures. */
final class SqlFailures {

  /** Attempts per operation when the database aborts it to resolve a deadlock. */
  static final int ATTEMPTS = 3;

  private SqlFailures() {}

  /**
   * Whether {@code failure} is a deadlock or serialization failure: the database rolled this
   * statement back so another could go on, and running it again is the documented remedy.
   */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // 40001: serialization failure (MySQL/MariaDB deadlock 1213 too); 40P01: PostgreSQL deadlock.
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The failure to report for {@code cause}. */
  static StoreException wrap(SqlDialect dialect, String operation, String subject, Throwable cause) {
    String hint = isMissingTable(cause) ? " (the stores never create their tables: call JdbiStores.migrate() once)" : "";
    String message =
        dialect.displayName() + " store could not " + operation + " '" + subject + "': " + describe(cause) + hint;
    return dialect == SqlDialect.SQLITE && isBusy(cause) ? new StoreBusyException(message, cause) : new StoreException(message, cause);
  }

  /** SQLite's SQLITE_BUSY (5): another connection held the file's write lock for the whole busy timeout. */
  private static boolean isBusy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && (sql.getErrorCode() == 5 || String.valueOf(sql.getMessage()).contains("SQLITE_BUSY"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMissingTable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        // 42P01: PostgreSQL undefined table; 42S02: MySQL/MariaDB; SQLite has no state but says so.
        if ("42P01".equals(sql.getSQLState()) || "42S02".equals(sql.getSQLState())
            || String.valueOf(sql.getMessage()).contains("no such table")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String describe(Throwable cause) {
    // Jdbi's messages repeat the whole statement; the driver's own message (innermost SQLException) says what went wrong.
    // A timeout of the stores' own (StatementDeadlines) says more than the driver's "cancelled" under it.
    Throwable deepestSql = null;
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLTimeoutException) {
        deepestSql = t;
        break;
      }
      if (t instanceof SQLException) {
        deepestSql = t;
      }
    }
    Throwable shown = deepestSql != null ? deepestSql : cause;
    return shown.getClass().getSimpleName() + ": " + shown.getMessage();
  }
}
