package io.gogoscope.policy;

import java.time.Duration;

/**
 * Caps how many calls run at once; a call waits up to {@code maxWait} for a slot (fairly, first
 * come first served) and is refused after that.
 */
public final class Bulkhead {

  private Bulkhead() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** A bulkhead of {@code maxConcurrent} slots with a bounded wait (zero: refuse at once). */
  public static Bulkhead of(int maxConcurrent, Duration maxWait) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The number of slots. */
  public int limit() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Takes a slot, waiting up to the bulkhead's wait.
   *
   * @return {@code false} when no slot freed in time
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean tryEnter() throws InterruptedException {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Gives a slot back. */
  public void exit() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
