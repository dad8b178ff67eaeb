package io.gogoscope.persistence.jdbi;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Where the statements read "now". In production that is the database's own clock, written into
 * the SQL, so every instance measures TTLs and windows on one clock. Tests in this package may
 * supply the time as a bound parameter instead, to check window edges to the millisecond without
 * sleeping.
 */
final class StatementClock {

  /** The parameter name a test clock's time is bound to. */
  static final String PARAMETER = "now_ms";

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
    return epochMillis == null ? dialect.serverNow() : ":" + PARAMETER;
  }

  /** The test clock's time now, bound as {@value #PARAMETER}; only statements rendered with it ask. */
  long parameterMillis() {
    if (epochMillis == null) {
      throw new IllegalStateException("the database clock has no :" + PARAMETER + " parameter");
    }
    return epochMillis.getAsLong();
  }
}
