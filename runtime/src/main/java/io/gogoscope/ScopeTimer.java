package io.gogoscope;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The shared timer of scope timeouts: one daemon thread for the JVM, one scheduled event per scope
 * that has a timeout (never one per call; single calls use the {@link Watchdog}). Cancelled events
 * are removed at once, so closed scopes leave nothing queued.
 */
final class ScopeTimer {
  private static final ScheduledThreadPoolExecutor EXECUTOR = create();

  private ScopeTimer() {}

  /** Runs {@code action} after {@code delayNanos}. */
  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    return EXECUTOR.schedule(action, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Events still queued (for tests). */
  static int pending() {
    return EXECUTOR.getQueue().size();
  }

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
        1, Thread.ofPlatform().name("gogoscope-scope-timer").daemon(true).factory());
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }
}
