package io.gogoscope;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Where the policies read time and wait: retry delays, circuit-breaker reset timeouts, local rate
 * limit windows. Tests pass a controllable one so delays are checked without sleeping.
 *
 * <h2>Timeouts</h2>
 * Timeouts that interrupt work (a guard's attempt and overall timeouts, a scope's timeout and
 * deadline) follow the real monotonic clock, fired by the runtime's watchdog and timer, unless the
 * source {@linkplain #drivesTimeouts drives them}: then their deadlines are readings of
 * {@link #nanoTime()} and the source fires each through {@link #schedule} when its time comes (the
 * test kit's virtual clock does, on {@code advance}). The system source does not, so the real-time
 * path schedules nothing per call.
 */
public interface TimeSource {

  /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** The wall-clock time. */
  Instant now();

  /**
   * Waits for {@code duration}; returns at once for zero or negative durations.
   *
   * @throws InterruptedException when the waiting thread is interrupted (timeouts and
   *     cancellation reach a waiting retry this way)
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Whether this source also fires the timeouts that interrupt work, through {@link #schedule};
   * {@code false} (the default, and the system source's): they follow the real monotonic clock.
   * Read once, when a runtime is built.
   */
  default boolean drivesTimeouts() {
    return false;
  }

  /**
   * Runs {@code action} once {@link #nanoTime()} reads {@code nanoTime} or later, on whatever thread
   * moves this source's time (at once, on the calling thread, when that time has already come).
   * The runtime calls this only when {@link #drivesTimeouts()}; the action interrupts the thread of
   * a call whose deadline came, or cancels a scope, and returns quickly.
   *
   * @return the scheduled action; {@link Future#cancel cancel} drops it if it has not run
   */
  default Future<?> schedule(long nanoTime, Runnable action) {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not drive timeouts (drivesTimeouts() is false)");
  }

  /** The system clocks and {@link Thread#sleep(Duration)}. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}
