package io.gogoscope;

/**
 * The clock deadlines are readings of: the real monotonic clock ({@code null}, the default, fired
 * by the {@link Watchdog} and the {@link ScopeTimer}), or a {@link TimeSource} that
 * {@linkplain TimeSource#drivesTimeouts drives timeouts} (a test's virtual clock, which fires them
 * itself). Passing {@code null} for the real clock keeps the real-time path to a field read and a
 * branch.
 */
final class DeadlineClock {
  private DeadlineClock() {}

  /** {@code clock}'s reading ({@link System#nanoTime()} for {@code null}). */
  static long now(TimeSource clock) {
    return clock == null ? System.nanoTime() : clock.nanoTime();
  }

  /**
   * {@code deadline}, a reading of {@code from}, as a reading of {@code to}: the same time left.
   * Only where runtimes of different clocks nest (a call of one inside a scope of the other).
   */
  static long convert(long deadline, TimeSource from, TimeSource to) {
    if (from == to || deadline == DeadlineSlot.NO_DEADLINE) {
      return deadline;
    }
    long left = deadline - now(from);
    long base = now(to);
    long converted = base + left;
    if (((base ^ converted) & (left ^ converted)) < 0) { // overflowed: as far as a deadline goes
      return left > 0 ? DeadlineSlot.NO_DEADLINE - 1 : Long.MIN_VALUE;
    }
    return converted;
  }
}
