package io.gogoscope.persistence.jdbi;

import java.time.Instant;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Where the statements read "now". In production that is the database's own clock, written into
 * the SQL, so every instance measures TTLs and windows on one clock. Tests in this package may
 * supply the time as a bound parameter instead, to check window edges to the millisecond without
 * sleeping.
 */
final class StatementClock {

  private static final StatementClock DATABASE = new StatementClock(null);

  private final LongSupplier epochMillis;

  private StatementClock(LongSupplier epochMillis) {
    this.epochMillis = epochMillis;
  }

  /** The database's clock. */
  static StatementClock database() {
    return DATABASE;
  }

  /** A clock that reads {@code epochMillis}, bound into each statement as {@code :now_ms} (tests only). */
  static StatementClock fixedBy(LongSupplier epochMillis) {
    return new StatementClock(epochMillis);
  }

  /**
   * The caller's time now, given the database's time of the statement that just answered: the
   * system clock, or with a test clock that same time (the test's clock stands for both).
   */
  Instant clientNow(long databaseMillis) {
    return epochMillis == null ? Instant.now() : Instant.ofEpochMilli(databaseMillis);
  }

  /** What replaces {@code {now}} in the SQL. */
  String expression(DialectSql dialect) {
    return epochMillis == null ? dialect.serverNow() : ":now_ms";
  }

  /** Binds the time into {@code statement} when it is a parameter. */
  <S extends SqlStatement<S>> S bind(S statement) {
    if (epochMillis == null) {
      return statement;
    }
    // Not every statement reads the clock; the time is bound to all of them.
    statement.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    return statement.bind("now_ms", epochMillis.getAsLong());
  }
}
