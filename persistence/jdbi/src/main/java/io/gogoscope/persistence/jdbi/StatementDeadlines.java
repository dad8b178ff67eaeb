package io.gogoscope.persistence.jdbi;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cancels the statements of one {@link JdbiStores} that run past its statement timeout.
 *
 * <p>Why not {@link Statement#setQueryTimeout}: PostgreSQL's and MySQL's drivers arm a
 * {@link java.util.Timer} task per statement, which wakes the timer's thread on every statement (the
 * new task is always the queue's head) and cost about a tenth of a PostgreSQL lock pair on two cores
 * (measured in {@code PostgresLockBenchmark}). Here a statement only joins a set, and one thread
 * looks over the set every {@linkplain #tick(Duration) tick}; a statement past its deadline is
 * cancelled with {@link Statement#cancel()}, as the drivers' own timers do. Timeouts fire up to one
 * tick late, which for a bound meant to catch a stuck database is no loss.
 *
 * <p>Idle, it costs nothing: a tick that finds no statement running parks the thread without a
 * timeout, and the next statement to start wakes it (one unpark per idle spell, not per
 * statement), so stores that see no traffic cause no wake-ups at all.
 *
 * <p>A cancel never reaches a later statement on the same pooled connection: the owner ends its
 * {@link Watch} (waiting for a cancel in flight) before it closes the statement and gives the
 * connection back.
 */
final class StatementDeadlines implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(StatementDeadlines.class.getName());

  private final Duration timeout;
  private final long timeoutNanos;
  private final long tickNanos;
  private final Set<Watch> running = ConcurrentHashMap.newKeySet();
  private final Thread scanner;
  private final AtomicLong ticks = new AtomicLong();
  private volatile boolean idle;
  private volatile boolean closed;

  StatementDeadlines(Duration timeout) {
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    this.tickNanos = tick(timeout).toNanos();
    this.scanner = Thread.ofPlatform().daemon().name("gogoscope-sql-statement-timeout").start(this::scan);
  }

  /** How often the set is looked over: a tenth of the timeout, between 10 ms and 100 ms. */
  static Duration tick(Duration timeout) {
    long millis = Math.clamp(timeout.toMillis() / 10, 10, 100);
    return Duration.ofMillis(millis);
  }

  /** The timeout statements are held to. */
  Duration timeout() {
    return timeout;
  }

  /** Starts timing {@code statement}, which is about to run; end the watch before closing it. */
  Watch watch(Statement statement) {
    Watch watch = new Watch(statement, System.nanoTime() + timeoutNanos);
    running.add(watch);
    if (idle) {
      // Added before reading idle, and the scanner sets idle before it looks at the set one last
      // time: either it sees this statement, or this sees it idle and wakes it.
      idle = false;
      LockSupport.unpark(scanner);
    }
    return watch;
  }

  /** Whether statements are being timed right now (tests). */
  int running() {
    return running.size();
  }

  /** How many times the scanning thread has woken to look over the set (tests). */
  long ticks() {
    return ticks.get();
  }

  /** Whether the scanning thread is parked until the next statement (tests). */
  boolean sleepsUntilNextStatement() {
    return idle && scanner.getState() == Thread.State.WAITING;
  }

  private void scan() {
    while (!closed) {
      if (running.isEmpty()) {
        idle = true;
        if (running.isEmpty() && !closed) {
          LockSupport.park(this);
        }
        idle = false;
        continue;
      }
      LockSupport.parkNanos(this, tickNanos);
      ticks.incrementAndGet();
      cancelOverdue();
    }
  }

  private void cancelOverdue() {
    long now = System.nanoTime();
    for (Watch watch : running) {
      if (now - watch.deadline >= 0 && running.remove(watch)) {
        // Cancelling opens a connection of its own (PostgreSQL's cancel request, MySQL's KILL QUERY),
        // which can take long when the database is in trouble: never on the scanning thread.
        Thread.ofVirtual().name("gogoscope-sql-cancel").start(watch::cancel);
      }
    }
  }

  /** Stops the scanning thread; statements running now are no longer timed. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(scanner);
    running.clear();
  }

  /** One running statement and its deadline. */
  final class Watch implements AutoCloseable {
    private final Statement statement;
    private final long deadline;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean ended; // guarded by lock
    private volatile boolean cancelled;

    private Watch(Statement statement, long deadline) {
      this.statement = statement;
      this.deadline = deadline;
    }

    /** Whether the statement was cancelled for running past the timeout. */
    boolean cancelled() {
      return cancelled;
    }

    private void cancel() {
      lock.lock();
      try {
        if (ended) {
          return; // finished meanwhile; its connection may already serve another statement
        }
        cancelled = true;
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cancelling a statement past the timeout of " + timeout + " failed", e);
      } finally {
        lock.unlock();
      }
    }

    /** Stops timing the statement; waits for a cancel in flight, so none reaches a later one. */
    @Override
    public void close() {
      running.remove(this);
      lock.lock();
      try {
        ended = true;
      } finally {
        lock.unlock();
      }
    }
  }
}
