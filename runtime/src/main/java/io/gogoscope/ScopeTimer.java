package io.gogoscope;

import io.gogoscope.store.spi.RuntimeTimer;
import java.util.concurrent.ScheduledFuture;

/**
 * The shared timer of scope timeouts: one daemon thread for the class loader, one scheduled event
 * per scope that has a timeout (never one per call; single calls use the {@link Watchdog}).
 * Cancelled events are removed at once, so closed scopes leave nothing queued.
 *
 * <p>A {@link RuntimeTimer}: its thread starts on the first scope timeout and
 * {@link ScopeRuntime#shutdown} stops it (events still queued are dropped: shut down after the
 * scopes are closed); the next scope timeout starts a new one.
 */
final class ScopeTimer {
  private static final RuntimeTimer TIMER = RuntimeTimer.create("gogoscope-scope-timer");

  private ScopeTimer() {}

  /** Runs {@code action} after {@code delayNanos}. */
  static ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
    return TIMER.schedule(action, delayNanos);
  }

  /** Events still queued (for tests). */
  static int pending() {
    return TIMER.pending();
  }

  /** Whether a timer thread exists (for tests). */
  static boolean isRunning() {
    return TIMER.isRunning();
  }
}
