package io.gogoscope;

import io.gogoscope.observe.Restore;
import io.gogoscope.observe.TaskObservation;
import java.time.Duration;

/**
 * The runtime's calls into a task's observation, each shielded as {@link SafeObserver} shields the
 * observer: an exception is dropped. Shielding at the call site rather than by wrapping each
 * observation spares an object per observed call.
 */
final class Observations {
  private Observations() {}

  static Restore makeCurrent(TaskObservation observation) {
    try {
      Restore restore = observation.makeCurrent();
      return restore == null ? Restore.NOTHING : restore;
    } catch (RuntimeException e) {
      return Restore.NOTHING; // dropped: see SafeObserver
    }
  }

  static void restore(Restore restore) {
    try {
      restore.close();
    } catch (RuntimeException e) {
      // dropped: see SafeObserver
    }
  }

  static void retrying(TaskObservation observation, int failedAttempt, Duration delay, ScopeError failure) {
    try {
      observation.retrying(failedAttempt, delay, failure);
    } catch (RuntimeException e) {
      // dropped: see SafeObserver
    }
  }

  static void finished(TaskObservation observation, long nanos, ScopeError error, int attempts) {
    try {
      observation.finished(nanos, error, attempts);
    } catch (RuntimeException e) {
      // dropped: see SafeObserver
    }
  }
}
