package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs all SQLite work of one {@link JdbiStores} on one kept connection, one operation at a time,
 * in arrival order.
 *
 * <p>Why: the SQLite driver runs in native code, and a virtual thread inside native code (including
 * SQLite's own busy-wait for the file lock) pins its carrier thread. Eight virtual threads calling
 * SQLite directly on two carriers left 12 to 18 of 24 thread-rounds without progress in a
 * measurement: the pinned carriers kept serving the threads already inside SQLite. Behind this
 * fair {@link ReentrantLock} at most one thread is in native code; the others park, unmounting from
 * their carriers, and are let in first come first served. A {@code synchronized} block would pin the
 * waiters too on JDK 21 and is not fair. SQLite runs one writer per file anyway, so the queue costs
 * no throughput.
 */
final class SerialSqlRunner implements SqlRunner {

  private final Jdbi jdbi;
  private final Duration timeout;
  private final ReentrantLock gate = new ReentrantLock(true);
  private Handle handle; // guarded by gate

  /**
   * @param timeout how long an operation waits for its turn, and how long SQLite waits for another
   *     process's write lock on the file (busy timeout)
   */
  SerialSqlRunner(Jdbi jdbi, Duration timeout) {
    this.jdbi = jdbi;
    this.timeout = timeout;
  }

  @Override
  public <T> T run(String operation, String subject, SqlWork<T> work) {
    try {
      enter(operation, subject);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // keep the interruption for the caller's cancellation handling
      throw new StoreException("SQLite store could not " + operation + " '" + subject + "': interrupted while queued", e);
    }
    return runEntered(operation, subject, work);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only the wait for the connection heeds interrupts here: the driver runs in native code, which
   * an interrupt does not reach, so a statement under way is never cut off.
   */
  @Override
  public <T> T runUninterruptibly(String operation, String subject, SqlWork<T> work) {
    boolean interrupted = Thread.interrupted();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          enter(operation, subject, deadline);
          break;
        } catch (InterruptedException e) {
          interrupted = true; // kept for the caller; the wait goes on to its deadline
        }
      }
      return runEntered(operation, subject, work);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Never undoes here: a SQLite statement runs in this process and is not cut off by interrupts,
   * so a statement that failed took no effect.
   */
  @Override
  public <T> T runOrUndo(String operation, String subject, SqlWork<T> work, SqlWork<?> undo) {
    return run(operation, subject, work);
  }

  /** Waits for the connection up to the timeout. */
  private void enter(String operation, String subject) throws InterruptedException {
    enter(operation, subject, System.nanoTime() + timeout.toNanos());
  }

  private void enter(String operation, String subject, long deadline) throws InterruptedException {
    if (!gate.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw new StoreBusyException(
          "SQLite store could not " + operation + " '" + subject + "': waited " + timeout
              + " for its turn on the database connection; operations are queued one at a time,"
              + " so raise JdbiStores.Builder.statementTimeout or take load off this SQLite store");
    }
  }

  /** Runs {@code work} on the kept connection, the gate held, and leaves the gate. */
  private <T> T runEntered(String operation, String subject, SqlWork<T> work) {
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return work.run(handle().getConnection());
        } catch (JdbiException | SQLException e) {
          // A failed connection may be unusable (file gone, driver state): open a fresh one next time.
          discardHandle();
          if (attempt < SqlFailures.ATTEMPTS && SqlFailures.isTransient(e)) {
            continue;
          }
          throw SqlFailures.wrap(SqlDialect.SQLITE, operation, subject, e);
        }
      }
    } finally {
      gate.unlock();
    }
  }

  private Handle handle() {
    if (handle == null) {
      Handle opened = jdbi.open();
      try {
        // Per connection: how long SQLite waits for another process's write lock before SQLITE_BUSY.
        long busyTimeout = opened.createQuery("PRAGMA busy_timeout = " + timeout.toMillis()).mapTo(Long.class).one();
        if (busyTimeout != timeout.toMillis()) {
          // SQLite keeps it in an int and silently takes 0 for what does not fit: never wait on that.
          throw new IllegalStateException("SQLite took busy_timeout = " + busyTimeout + " ms for a statement timeout of "
              + timeout + "; JdbiStores.Builder.statementTimeout should have refused it");
        }
        // In WAL mode NORMAL syncs at checkpoints instead of every commit. A crash of the process
        // loses nothing; a power loss may lose the last commits, but SQLite serves one machine, so
        // every holder of those locks and windows went down with it.
        opened.execute("PRAGMA synchronous = NORMAL");
      } catch (JdbiException e) {
        opened.close();
        throw e;
      }
      handle = opened;
    }
    return handle;
  }

  private void discardHandle() {
    Handle failed = handle;
    handle = null;
    if (failed != null) {
      try {
        failed.close();
      } catch (JdbiException e) {
        // The connection is being thrown away after a failure that is reported to the caller; a
        // second failure while closing it adds nothing the caller can act on.
      }
    }
  }

  @Override
  public void close() {
    gate.lock();
    try {
      discardHandle();
    } finally {
      gate.unlock();
    }
  }
}
