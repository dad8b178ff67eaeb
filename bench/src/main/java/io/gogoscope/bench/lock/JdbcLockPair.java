package io.gogoscope.bench.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The floor a SQL lock can reach, written by hand: one statement to acquire (an upsert that takes
 * the row only when it has expired, bumps the fencing token and returns it) and one to release
 * (expire the row if this owner still holds it; the row stays so the token keeps growing). Times
 * come from the database clock. This is the semantics of a gogoscope SQL lock, with nothing else.
 */
final class JdbcLockPair {

  /** The SQL of one database. */
  enum Dialect {
    POSTGRES(
        "CREATE TABLE %s (lock_key varchar(255) PRIMARY KEY, owner varchar(64) NOT NULL,"
            + " token bigint NOT NULL, expires_at timestamptz NOT NULL)",
        "INSERT INTO %1$s AS l (lock_key, owner, token, expires_at)"
            + " VALUES (?, ?, 1, now() + ? * interval '1 millisecond')"
            + " ON CONFLICT (lock_key) DO UPDATE SET owner = EXCLUDED.owner, token = l.token + 1,"
            + " expires_at = EXCLUDED.expires_at WHERE l.expires_at <= now() RETURNING token",
        "UPDATE %s SET expires_at = now() WHERE lock_key = ? AND owner = ? AND expires_at > now()"),
    SQLITE(
        "CREATE TABLE %s (lock_key TEXT PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL,"
            + " expires_at INTEGER NOT NULL)",
        "INSERT INTO %1$s (lock_key, owner, token, expires_at)"
            + " VALUES (?, ?, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) + ?)"
            + " ON CONFLICT (lock_key) DO UPDATE SET owner = excluded.owner, token = %1$s.token + 1,"
            + " expires_at = excluded.expires_at"
            + " WHERE %1$s.expires_at <= CAST(unixepoch('subsec') * 1000 AS INTEGER) RETURNING token",
        "UPDATE %s SET expires_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)"
            + " WHERE lock_key = ? AND owner = ? AND expires_at > CAST(unixepoch('subsec') * 1000 AS INTEGER)");

    private final String create;
    private final String acquire;
    private final String release;

    Dialect(String create, String acquire, String release) {
      this.create = create;
      this.acquire = acquire;
      this.release = release;
    }
  }

  private final DataSource dataSource;
  private final String acquireSql;
  private final String releaseSql;

  private JdbcLockPair(DataSource dataSource, String acquireSql, String releaseSql) {
    this.dataSource = dataSource;
    this.acquireSql = acquireSql;
    this.releaseSql = releaseSql;
  }

  /** Creates the table {@code table} and returns the statement pair on it. */
  static JdbcLockPair create(DataSource dataSource, Dialect dialect, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(dialect.create.formatted(table));
    }
    return new JdbcLockPair(
        dataSource, dialect.acquire.formatted(table), dialect.release.formatted(table));
  }

  /** The fencing token of the acquired lock, or -1 when another owner holds it. */
  long acquire(String key, String owner, Duration ttl) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(acquireSql)) {
      statement.setString(1, key);
      statement.setString(2, owner);
      statement.setLong(3, ttl.toMillis());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    }
  }

  /** Whether {@code owner} held {@code key} and released it. */
  boolean release(String key, String owner) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(releaseSql)) {
      statement.setString(1, key);
      statement.setString(2, owner);
      return statement.executeUpdate() == 1;
    }
  }
}
