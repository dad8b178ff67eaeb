package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.StoreArguments;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;

/**
 * What the three stores of one {@link JdbiStores} share: the dialect, its statements, the clock and
 * the runner, and the two ways an upsert hands back its row.
 */
record StoreContext(
    SqlDialect dialect, Statements sql, StatementClock clock, SqlRunner runner, int queryTimeoutSeconds) {

  /** A query on {@code handle} with the clock bound and the statement timeout set. */
  Query query(Handle handle, String text) {
    return prepare(handle.createQuery(text));
  }

  /** An update on {@code handle} with the clock bound and the statement timeout set. */
  Update update(Handle handle, String text) {
    return prepare(handle.createUpdate(text));
  }

  private <S extends SqlStatement<S>> S prepare(S statement) {
    if (queryTimeoutSeconds > 0) {
      statement.setQueryTimeout(queryTimeoutSeconds);
    }
    return clock.bind(statement);
  }

  /**
   * Runs an upsert and maps the row it left, if any: in one statement where the dialect has
   * {@code RETURNING}; otherwise (MySQL) the upsert and a read of its row in one transaction. The
   * upsert keeps the row locked to the commit, so the read sees exactly what it left.
   *
   * @param upsert the upsert, with {@code RETURNING} where the dialect has it
   * @param readBack the read of the upsert's row, used where the dialect has no {@code RETURNING}
   * @param binds binds the upsert's parameters (the read back takes the ones it names)
   */
  <R> Optional<R> upsertReturning(
      Handle handle, String upsert, String readBack, Consumer<SqlStatement<?>> binds, RowMapper<R> mapper) {
    if (sql.returning()) {
      Query query = query(handle, upsert);
      binds.accept(query);
      return query.map(mapper).findOne();
    }
    return handle.inTransaction(tx -> {
      Update update = update(tx, upsert);
      binds.accept(update);
      update.execute();
      Query query = query(tx, readBack);
      query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
      binds.accept(query);
      return query.map(mapper).findOne();
    });
  }

  /** Checks a lock key, rate-limit key or circuit name: present and short enough for its column. */
  static String checkKey(String what, String text) {
    StoreArguments.key(text, what);
    if (text.length() > DialectSql.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          what + " '" + text.substring(0, 40) + "…' has " + text.length() + " characters; the SQL stores hold"
              + " at most " + DialectSql.MAX_KEY_LENGTH + " (hash longer keys before using them)");
    }
    return text;
  }
}
