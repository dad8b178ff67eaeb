package io.gogoscope.persistence.jdbi;

import java.util.List;

/**
 * The SQL text of every operation in one dialect, rendered once per {@link JdbiStores} with its
 * table names and clock.
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns, always computed by the database
 * ({@code {now}}), so instances with skewed clocks agree and no time zone setting can shift them.
 *
 * <p>Named parameters: {@code :key}, {@code :owner}, {@code :ttl} (ms) for locks; {@code :key},
 * {@code :max}, {@code :window} (ms) for rate limits; {@code :name}, {@code :state},
 * {@code :since_s}, {@code :since_n}, {@code :version}, {@code :writer} for circuits.
 */
abstract class DialectSql {

  /** Width of one admission time in the rate-limit log: 13 zero-padded decimal digits of epoch ms (good until 2286). */
  static final int HIT_WIDTH = 13;

  /** The longest lock key, rate-limit key or circuit name the tables hold. */
  static final int MAX_KEY_LENGTH = 255;

  /** The dialect's expression for "now" in epoch milliseconds; the same value throughout one statement. */
  abstract String serverNow();

  /** Whether an upsert can return the row it left ({@code RETURNING}); when not, the row is read back in the same transaction. */
  abstract boolean returning();

  /** The statements that create the tables and indexes if they do not exist. */
  abstract List<String> createTables();

  /**
   * A statement that serializes concurrent migrations for the rest of the transaction, or
   * {@code null} when the dialect's {@code CREATE … IF NOT EXISTS} is already safe to race.
   */
  String migrationLock() {
    return null;
  }

  /**
   * Takes the lock row for {@code :key} when it is free or expired, counting its fencing token up,
   * and leaves it untouched otherwise. With {@link #returning()} it returns {@code owner, fencing}
   * of the row as left (PostgreSQL and SQLite return no row when nothing was written).
   */
  abstract String acquire();

  /** Counts one call against {@code :key}; with {@link #returning()} it returns {@code admitted, hits, checked_at}. */
  abstract String checkRate();

  /** Stores a circuit snapshot unless the stored version is newer or equal; with {@link #returning()} returns {@code writer}. */
  abstract String publish();

  /** Whether anyone holds {@code :key} right now: a read, so waiting acquirers poll without writing. */
  String isHeld() {
    return "SELECT 1 FROM {locks} WHERE lock_key = :key AND expires_at > {now}";
  }

  /** Whether {@code :owner} still holds {@code :key}. */
  String isValid() {
    return "SELECT 1 FROM {locks} WHERE lock_key = :key AND owner = :owner AND expires_at > {now}";
  }

  /** Moves the expiry of a held lease to {@code :ttl} from now; one row when it was held. */
  String extend() {
    return "UPDATE {locks} SET expires_at = {now} + :ttl"
        + " WHERE lock_key = :key AND owner = :owner AND expires_at > {now}";
  }

  /**
   * Frees a held lease. The row stays (owner cleared, expired) so the key's fencing counter goes on
   * from where it was: deleting the row would restart it at 1 and break the fencing guarantee.
   */
  String release() {
    return "UPDATE {locks} SET owner = NULL, expires_at = 0"
        + " WHERE lock_key = :key AND owner = :owner AND expires_at > {now}";
  }

  /** Reads a lock row back after {@link #acquire()} where the upsert cannot return it. */
  String selectLock() {
    return "SELECT owner, fencing FROM {locks} WHERE lock_key = :key";
  }

  /** Reads a rate-limit row back after {@link #checkRate()} where the upsert cannot return it. */
  String selectRate() {
    return "SELECT admitted, hits, checked_at FROM {rate_limits} WHERE rl_key = :key";
  }

  /** Reads a circuit row's writer back after {@link #publish()} where the upsert cannot return it. */
  String selectWriter() {
    return "SELECT writer FROM {circuits} WHERE name = :name";
  }

  /** One circuit's stored snapshot. */
  String readCircuit() {
    return "SELECT name, state, since_seconds, since_nanos, version FROM {circuits} WHERE name = :name";
  }

  /** The stored snapshots of several circuits; {@code {names}} becomes a list of bound parameters. */
  String readCircuits() {
    return "SELECT name, state, since_seconds, since_nanos, version FROM {circuits} WHERE name IN ({names})";
  }

  /**
   * Returns the id of the server session the statement runs in (one row, one number), or
   * {@code null} for an embedded database, which has no sessions to outlive a client.
   */
  String sessionId() {
    return null;
  }

  /** Returns a row while the server session with the id bound to the one {@code ?} exists. */
  String sessionExists() {
    return null;
  }

  /** Deletes rate-limit rows whose every admission has left its window. */
  String purgeRateLimits() {
    return "DELETE FROM {rate_limits} WHERE expires_at <= {now}";
  }

  /** The SQL of {@code dialect}. */
  static DialectSql of(SqlDialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresSql();
      case MARIADB -> new MariaDbSql(true);
      case MYSQL -> new MariaDbSql(false);
      case SQLITE -> new SqliteSql();
    };
  }
}
