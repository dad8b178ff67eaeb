package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Borrows a connection from the user's pool for each operation: the runner of the client-server
 * databases.
 *
 * <p>Given the pool itself ({@link JdbiStores#using(DataSource)}) it borrows straight from it;
 * given only a {@link Jdbi} it opens a handle per operation. A handle costs about 3 kB and a few
 * microseconds on every lock, rate-limit and circuit operation, which the stores, running plain
 * JDBC statements, have no use for.
 *
 * <p>Interrupts: interrupting a virtual thread inside a JDBC call closes its socket (the JDK's
 * virtual-thread I/O), which fails the statement and breaks the connection, though the server may
 * still run it. {@link #runUninterruptibly} clears the interrupt for the operation and, should one
 * arrive mid-flight, runs the operation again where no interrupt reaches; {@link #runOrUndo} undoes
 * a failed write once its server session can no longer commit it. Both touch nothing on the
 * success path: no extra statement, no thread hand-off.
 */
final class PooledSqlRunner implements SqlRunner {

  private static final System.Logger LOG = System.getLogger(PooledSqlRunner.class.getName());
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Jdbi jdbi;
  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final ServerSessions sessions;
  private final Duration timeout;

  /**
   * @param dataSource the pool behind {@code jdbi}, or {@code null} when only the {@link Jdbi} is known
   * @param timeout the statement timeout: how long an undo waits for a cut-off session to end
   */
  PooledSqlRunner(Jdbi jdbi, DataSource dataSource, SqlDialect dialect, Duration timeout) {
    this.jdbi = jdbi;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.sessions = new ServerSessions(DialectSql.of(dialect), timeout);
    this.timeout = timeout;
  }

  @Override
  public <T> T run(String operation, String subject, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return borrowAndRun(connection -> committed(connection, work));
      } catch (JdbiException | SQLException e) {
        if (attempt < SqlFailures.ATTEMPTS && SqlFailures.isTransient(e)) {
          continue;
        }
        throw SqlFailures.wrap(dialect, operation, subject, e);
      }
    }
  }

  @Override
  public <T> T runUninterruptibly(String operation, String subject, SqlWork<T> work) {
    boolean interrupted = Thread.interrupted();
    try {
      return run(operation, subject, work);
    } catch (StoreException e) {
      if (!Thread.interrupted()) {
        throw e;
      }
      interrupted = true;
      // An interrupt came while the work ran and broke its connection. Run it again out of reach of
      // further interrupts; the work is a guarded update, so running it twice does no harm.
      return Uninterrupted.call("gogoscope-sql-" + operation.replace(' ', '-'), () -> run(operation, subject, work));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public <T> T runOrUndo(String operation, String subject, SqlWork<T> work, SqlWork<?> undo) {
    for (int attempt = 1; ; attempt++) {
      Attempt tried = new Attempt();
      try {
        return borrowAndRun(connection -> {
          tried.session = sessions.idOf(connection); // before anything of the work is sent
          tried.sent = true;
          try {
            return committed(connection, work);
          } catch (SQLException | RuntimeException e) {
            tried.outcomeUnknown = ServerSessions.broken(connection);
            throw e;
          }
        });
      } catch (JdbiException | SQLException e) {
        if (attempt < SqlFailures.ATTEMPTS && SqlFailures.isTransient(e)) {
          continue; // the database rolled the work back itself
        }
        StoreException failure = SqlFailures.wrap(dialect, operation, subject, e);
        if (tried.sent) {
          undo(operation, subject, undo, tried, failure);
        }
        throw failure;
      }
    }
  }

  /** What became of one attempt of {@link #runOrUndo}. */
  private static final class Attempt {
    Long session;
    boolean sent;
    boolean outcomeUnknown;
  }

  /**
   * Undoes a failed write, after its session ended when the failure broke the connection (the
   * server may still be running the write; an undo overtaking it would find nothing to undo). Runs
   * where no interrupt of the caller reaches, and waits for it: once the caller goes on, the write
   * is undone. A failed undo is added to {@code failure}; the write's row then expires by its own
   * bound (a lock's TTL).
   */
  private void undo(String operation, String subject, SqlWork<?> undo, Attempt tried, StoreException failure) {
    try {
      Uninterrupted.call("gogoscope-sql-undo", () -> {
        if (tried.outcomeUnknown && tried.session != null) {
          awaitSessionEnd(operation, subject, tried.session);
        }
        return run("undo " + operation, subject, undo);
      });
    } catch (RuntimeException undoFailure) {
      failure.addSuppressed(undoFailure);
    }
  }

  /** Waits until session {@code id} is gone, at most the statement timeout. */
  private void awaitSessionEnd(String operation, String subject, long id) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_POLL_NANOS;
    while (run("check session of " + operation, subject, connection -> sessions.exists(connection, id))) {
      if (System.nanoTime() - deadline >= 0) {
        LOG.log(System.Logger.Level.WARNING, () -> dialect.displayName() + " session " + id + ", cut off while it was"
            + " to " + operation + " '" + subject + "', still runs after " + timeout + "; undoing it now, which a"
            + " later commit of that session would outlive");
        return;
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }

  private <T> T borrowAndRun(SqlWork<T> work) throws SQLException {
    if (dataSource != null) {
      try (Connection connection = dataSource.getConnection()) {
        return work.run(connection);
      }
    }
    try (Handle handle = jdbi.open()) {
      return work.run(handle.getConnection());
    }
  }

  /**
   * Runs {@code work} and commits it. Each statement here is meant to commit on its own; a pool that
   * hands out connections with auto-commit off would otherwise have it rolled back on return.
   */
  private static <T> T committed(Connection connection, SqlWork<T> work) throws SQLException {
    if (connection.getAutoCommit()) {
      return work.run(connection);
    }
    return Transactions.commitOrRollBack(connection, () -> work.run(connection));
  }

  @Override
  public void close() {
    // Nothing held between operations: the connections belong to the user's pool.
  }
}
