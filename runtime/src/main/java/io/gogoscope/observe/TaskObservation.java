package io.gogoscope.observe;

import io.gogoscope.ScopeError;
import java.time.Duration;

/** The observation of one task or guarded call (for tracing: its span). */
public interface TaskObservation {

  /** Observes nothing. */
  TaskObservation NONE = new TaskObservation() {};

  /** Makes this observation current on the calling thread until the handle is closed. */
  default Restore makeCurrent() {
    return Restore.NOTHING;
  }

  /** Attempt {@code failedAttempt} failed with {@code failure}; the next starts after {@code delay}. */
  default void retrying(int failedAttempt, Duration delay, ScopeError failure) {}

  /**
   * The task finished after {@code duration}, with {@code outcome}; called exactly once, through
   * {@link #finished(long, ScopeError, int)} unless an observation overrides that.
   *
   * @param duration how long the task ran, from start to its result
   * @param outcome the error ({@code null} on success) and the number of attempts
   */
  default void finished(Duration duration, ScopeObserver.Outcome outcome) {}

  /**
   * The task finished after {@code nanos} nanoseconds, failed with {@code error} ({@code null} on
   * success) after {@code attempts} attempts; called exactly once. The runtime calls this form; it
   * lets an observation record without allocating a {@link Duration} and an
   * {@link ScopeObserver.Outcome}. The default hands both to {@link #finished(Duration,
   * ScopeObserver.Outcome)}, so an observation may override either.
   */
  default void finished(long nanos, ScopeError error, int attempts) {
    finished(Duration.ofNanos(nanos), new ScopeObserver.Outcome(error, attempts));
  }
}
