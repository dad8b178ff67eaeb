package io.gogoscope.store.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer thread of gogoscope's runtime that a redeploy can get rid of: one daemon thread per
 * timer, made on first use, stopped by {@link io.gogoscope.ScopeRuntime#shutdown} (with every
 * other timer of this class loader), and made again by the next use after that. A thread that
 * outlived its application would keep the application's class loader alive.
 *
 * <p>The runtime's scope timeouts and {@link io.gogoscope.store.WatchdogLockProvider}'s lease
 * renewals each have one. A store that needs a periodic action of its own (and that has no
 * {@code close} its owner calls) should use one too. Actions must be short: they share the
 * timer's one thread, so hand longer work to a virtual thread.
 *
 * <p>Shutting down drops what is still scheduled: shut down after scopes are closed and calls have
 * returned. Leases a {@code WatchdogLockProvider} still renews then stop being renewed and expire
 * after their TTL.
 */
public final class RuntimeTimer {
  private static final List<RuntimeTimer> ALL = new CopyOnWriteArrayList<>();

  private final String threadName;
  private volatile ScheduledThreadPoolExecutor executor;
  /** The executor's one thread, the latest made; {@link #shutdown} waits for it to end. */
  private volatile Thread thread;

  private RuntimeTimer(String threadName) {
    this.threadName = threadName;
  }

  /**
   * A new timer whose thread is called {@code threadName}; keep it in a static field (each one
   * stays registered for {@link #shutdownAll} as long as the class loader lives).
   */
  public static RuntimeTimer create(String threadName) {
    RuntimeTimer timer = new RuntimeTimer(Objects.requireNonNull(threadName, "threadName"));
    ALL.add(timer);
    return timer;
  }

  /** Runs {@code action} once, after {@code delayNanos}. */
  public ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    Objects.requireNonNull(action, "action");
    for (;;) {
      ScheduledThreadPoolExecutor e = running();
      try {
        return e.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException rejected) {
        retryAfterShutdown(e, rejected);
      }
    }
  }

  /** Runs {@code action} every {@code periodNanos}, the first time after one period. */
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable action, long periodNanos) {
    Objects.requireNonNull(action, "action");
    for (;;) {
      ScheduledThreadPoolExecutor e = running();
      try {
        return e.scheduleAtFixedRate(action, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException rejected) {
        retryAfterShutdown(e, rejected);
      }
    }
  }

  /** A shutdown racing with scheduling rejects it: try again on the next executor. */
  private void retryAfterShutdown(ScheduledThreadPoolExecutor e, RejectedExecutionException rejected) {
    if (executor == e) {
      throw rejected; // not a shutdown racing with this: a real refusal
    }
  }

  /** Whether this timer has a thread (or is about to make one). */
  public boolean isRunning() {
    return executor != null;
  }

  /** Actions still scheduled (for tests). */
  public int pending() {
    ScheduledThreadPoolExecutor e = executor;
    return e == null ? 0 : e.getQueue().size();
  }

  /**
   * Stops every timer of this class loader, dropping what is scheduled, and waits up to
   * {@code waitNanos} in all for their threads to end. {@link io.gogoscope.ScopeRuntime#shutdown}
   * calls it; applications call that.
   *
   * @return {@code true} when every timer's thread ended (or none ran)
   * @throws InterruptedException when interrupted while waiting
   */
  public static boolean shutdownAll(long waitNanos) throws InterruptedException {
    long deadline = System.nanoTime() + waitNanos;
    boolean all = true;
    for (RuntimeTimer timer : ALL) {
      all &= timer.shutdown(deadline - System.nanoTime());
    }
    return all;
  }

  private synchronized boolean shutdown(long waitNanos) throws InterruptedException {
    ScheduledThreadPoolExecutor e = executor;
    if (e == null) {
      return true;
    }
    executor = null;
    e.shutdownNow();
    long deadline = System.nanoTime() + waitNanos;
    if (!e.awaitTermination(Math.max(1, waitNanos), TimeUnit.NANOSECONDS)) {
      return false;
    }
    // The executor reports termination from its worker's exit path, before the thread has ended;
    // "stopped" promises the thread is gone (a container undeploying checks for leaked threads).
    Thread t = thread;
    if (t != null) {
      t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      return !t.isAlive();
    }
    return true;
  }

  private ScheduledThreadPoolExecutor running() {
    ScheduledThreadPoolExecutor e = executor;
    return e != null ? e : start();
  }

  private synchronized ScheduledThreadPoolExecutor start() {
    ScheduledThreadPoolExecutor e = executor;
    if (e == null) {
      e = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread t = Thread.ofPlatform().name(threadName).daemon(true).unstarted(runnable);
        t.setContextClassLoader(null); // holds no application's class loader beyond its own code's
        thread = t;
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      e.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
      executor = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return "RuntimeTimer[" + threadName + (isRunning() ? ", running]" : "]");
  }
}
