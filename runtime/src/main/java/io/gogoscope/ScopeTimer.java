package io.gogoscope;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared timer of scope timeouts: one daemon thread for the class loader, one scheduled event
 * per scope that has a timeout (never one per call; single calls use the {@link Watchdog}).
 * Cancelled events are removed at once, so closed scopes leave nothing queued.
 *
 * <p>The executor is made on the first scope timeout and {@link #shutdown} stops it (events still
 * queued are dropped: shut down after the scopes are closed); the next scope timeout makes a new
 * one.
 */
final class ScopeTimer {
  private static volatile ScheduledThreadPoolExecutor executor;

  private ScopeTimer() {}

  /** Runs {@code action} after {@code delayNanos}. */
  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    for (;;) {
      ScheduledThreadPoolExecutor e = executor;
      if (e == null) {
        e = start();
      }
      try {
        return e.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException rejected) {
        if (executor == e) {
          throw rejected; // not a shutdown racing with this: a real refusal
        }
      }
    }
  }

  /** Events still queued (for tests). */
  static int pending() {
    ScheduledThreadPoolExecutor e = executor;
    return e == null ? 0 : e.getQueue().size();
  }

  /** Whether a timer executor exists (for tests). */
  static boolean isRunning() {
    return executor != null;
  }

  /**
   * Stops the timer thread and waits up to {@code waitNanos} for it to end; {@code true} when it
   * ended (or none ran).
   */
  static synchronized boolean shutdown(long waitNanos) throws InterruptedException {
    ScheduledThreadPoolExecutor e = executor;
    if (e == null) {
      return true;
    }
    executor = null;
    e.shutdownNow();
    return e.awaitTermination(Math.max(1, waitNanos), TimeUnit.NANOSECONDS);
  }

  private static synchronized ScheduledThreadPoolExecutor start() {
    ScheduledThreadPoolExecutor e = executor;
    if (e == null) {
      e = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread t = Thread.ofPlatform().name("gogoscope-scope-timer").daemon(true).unstarted(runnable);
        t.setContextClassLoader(null); // holds no application's class loader beyond its own code's
        return t;
      });
      e.setRemoveOnCancelPolicy(true);
      e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      executor = e;
    }
    return e;
  }
}
