package io.gogoscope.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The server session behind each connection, so that the effect of a statement cut off on the
 * client can be undone once nothing of it can still happen on the server.
 *
 * <p>Why: interrupting a virtual thread inside a JDBC call closes its socket, but the statement it
 * had sent still runs in its session and may commit. An undo sent at once on another connection may
 * overtake it (the cut-off statement can still be waiting in the session's input, or on a row lock)
 * and find nothing to undo. A session whose client is gone ends right after its last statement, so
 * an undo that waits for the session to end comes after everything the session did.
 *
 * <p>Each physical connection's session id is asked of the server once, the first time the
 * connection is seen (one short query per connection of the pool, not per operation), and kept as
 * long as the connection object lives. Behind a proxy that pools server sessions per transaction
 * (PgBouncer in transaction mode) the id is that of the session the query happened to run in: an
 * undo may then wait, at most the statement timeout, for a session that is not the cut-off one.
 */
final class ServerSessions {

  private static final System.Logger LOG = System.getLogger(ServerSessions.class.getName());

  /** Kept for a connection whose session id the server would not give. */
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final String idQuery;
  private final String existsQuery;
  private final Duration queryTimeout;
  // Keyed by the physical connection (a pool hands out a new proxy per borrow); weak, so connections
  // the pool retires are forgotten.
  private final Map<Connection, Long> ids = Collections.synchronizedMap(new WeakHashMap<>());
  private volatile boolean warned;

  /**
   * @param sql the dialect's session queries; a dialect without them (SQLite) has no sessions here
   * @param queryTimeout how long the session queries may run
   */
  ServerSessions(DialectSql sql, Duration queryTimeout) {
    this.idQuery = sql.sessionId();
    this.existsQuery = sql.sessionExists();
    this.queryTimeout = queryTimeout;
  }

  /**
   * The id of the server session behind {@code connection}, or {@code null} when there is none to
   * wait for: the dialect has no sessions, or the server would not say (then an undo runs at once,
   * as it would without this class). Asks the server the first time a physical connection is seen.
   *
   * @throws SQLException when the connection failed (the operation fails as it would have)
   */
  Long idOf(Connection connection) throws SQLException {
    if (idQuery == null) {
      return null;
    }
    Connection physical = physical(connection);
    Long id = ids.get(physical);
    if (id == null) {
      id = ask(connection);
      ids.put(physical, id);
    }
    return id == UNKNOWN ? null : id;
  }

  private long ask(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(idQuery)) {
      statement.setQueryTimeout(timeoutSeconds());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      if (broken(connection)) {
        throw e;
      }
      // Refused (a proxy, a privilege): the operation must not fail for a safety net's sake.
      if (!connection.getAutoCommit()) {
        connection.rollback(); // a failed statement aborts the caller's transaction on PostgreSQL
      }
      if (!warned) {
        warned = true;
        LOG.log(System.Logger.Level.WARNING, "could not read the server session id (" + idQuery + "); an acquire cut"
            + " off by an interrupt is undone at once instead of after its session ends", e);
      }
      return UNKNOWN;
    }
  }

  /** Whether the session {@code id} still exists, asked on {@code connection}. */
  boolean exists(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(existsQuery)) {
      statement.setQueryTimeout(timeoutSeconds());
      statement.setLong(1, id);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  /**
   * Whether {@code connection} is broken: closed by its driver after an I/O failure, such as the
   * socket an interrupt closed. A statement that failed on a connection still open was answered by
   * the server, so its outcome is known.
   */
  static boolean broken(Connection connection) {
    try {
      return physical(connection).isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  // The drivers' own timeout, not StatementDeadlines: these queries run once per connection or on
  // a failure path, where a timer task per statement costs nothing that matters.
  private int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (queryTimeout.toMillis() + 999) / 1000));
  }

  private static Connection physical(Connection connection) throws SQLException {
    try {
      return connection.unwrap(Connection.class);
    } catch (SQLException notAWrapper) {
      return connection;
    }
  }
}
