package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.spi.StoreArguments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the three stores of one {@link JdbiStores} share: the dialect, its statements, the clock and
 * the runner, and the plain JDBC calls that run the statements on a borrowed connection (see
 * {@link NamedSql} for why not Jdbi's statements).
 *
 * @param deadlines times each statement; {@code null} where the runner bounds the wait itself (SQLite)
 */
record StoreContext(
    SqlDialect dialect, Statements sql, StatementClock clock, SqlRunner runner, StatementDeadlines deadlines) {

  /** Runs a query and reads its first row, if any. */
  <R> Optional<R> queryOne(Connection connection, NamedSql sql, Map<String, ?> args, RowReader<R> reader) throws SQLException {
    return execute(connection, sql, args, statement -> {
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty();
      }
    });
  }

  /** Runs a query and reads all its rows. */
  <R> List<R> queryAll(Connection connection, NamedSql sql, Map<String, ?> args, RowReader<R> reader) throws SQLException {
    return execute(connection, sql, args, statement -> {
      try (ResultSet rows = statement.executeQuery()) {
        List<R> all = new ArrayList<>();
        while (rows.next()) {
          all.add(reader.read(rows));
        }
        return all;
      }
    });
  }

  /** Runs an update and returns the number of rows it changed. */
  int update(Connection connection, NamedSql sql, Map<String, ?> args) throws SQLException {
    return execute(connection, sql, args, PreparedStatement::executeUpdate);
  }

  /**
   * Runs an upsert and reads the row it left, if any: in one statement where the dialect has
   * {@code RETURNING}; otherwise (MySQL) the upsert and a read of its row in one transaction. The
   * upsert keeps the row locked to the commit, so the read sees exactly what it left.
   *
   * @param upsert the upsert, with {@code RETURNING} where the dialect has it
   * @param readBack the read of the upsert's row, used where the dialect has no {@code RETURNING}
   * @param args the upsert's parameters (the read back takes the ones it names)
   */
  <R> Optional<R> upsertReturning(
      Connection connection, NamedSql upsert, NamedSql readBack, Map<String, ?> args, RowReader<R> reader) throws SQLException {
    if (sql.returning()) {
      return queryOne(connection, upsert, args, reader);
    }
    return Transactions.inTransaction(connection, () -> {
      update(connection, upsert, args);
      return queryOne(connection, readBack, args, reader);
    });
  }

  /** What runs a prepared statement. */
  @FunctionalInterface
  private interface Execution<R> {
    R run(PreparedStatement statement) throws SQLException;
  }

  /**
   * Prepares {@code sql} on {@code connection}, binds every parameter from {@code args} or the
   * clock, and runs it under the statement timeout.
   */
  private <R> R execute(Connection connection, NamedSql sql, Map<String, ?> args, Execution<R> execution) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.jdbc())) {
      List<String> names = sql.names();
      for (int i = 0; i < names.size(); i++) {
        statement.setObject(i + 1, argument(sql, args, names.get(i)));
      }
      if (deadlines == null) {
        return execution.run(statement);
      }
      StatementDeadlines.Watch watch = deadlines.watch(statement);
      try {
        return execution.run(statement);
      } catch (SQLException e) {
        if (watch.cancelled()) {
          throw new SQLTimeoutException(
              "the statement ran past the statement timeout of " + deadlines.timeout() + " and was cancelled", e);
        }
        throw e;
      } finally {
        watch.close();
      }
    }
  }

  private Object argument(NamedSql sql, Map<String, ?> args, String name) {
    if (name.equals(StatementClock.PARAMETER)) {
      return clock.parameterMillis();
    }
    Object value = args.get(name);
    if (value == null) {
      // Every statement's parameters are fixed in this package: a missing one is a bug here, not bad input.
      throw new IllegalStateException("no value for :" + name + " in " + sql.jdbc());
    }
    return value;
  }

  /**
   * Checks a lock key, rate-limit key or circuit name: the rules of every store
   * ({@link StoreArguments#key}), and short enough for its column.
   */
  static String checkKey(String what, String text) {
    StoreArguments.key(text, what);
    int characters = text.codePointCount(0, text.length());
    if (characters > DialectSql.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(what + " \"" + text.substring(0, text.offsetByCodePoints(0, 40)) + "…\" has " + characters
          + " characters; the SQL stores hold at most " + DialectSql.MAX_KEY_LENGTH
          + " (hash longer keys before using them)");
    }
    return text;
  }
}
