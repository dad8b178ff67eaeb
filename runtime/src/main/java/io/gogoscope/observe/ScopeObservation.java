package io.gogoscope.observe;

import io.gogoscope.CancelReason;
import java.time.Duration;

/** The observation of one open scope (for tracing: its span). */
public interface ScopeObservation {

  /** Observes nothing. */
  ScopeObservation NONE = new ScopeObservation() {};

  /**
   * Makes this observation current on the calling thread (for tracing: the scope's span becomes
   * the current span) until the returned handle is closed.
   */
  default Restore makeCurrent() {
    return Restore.NOTHING;
  }

  /**
   * The scope closed after {@code lifetime}; {@code cancelReason} is why it was cancelled, or
   * {@code null} if it never was.
   */
  default void closed(Duration lifetime, CancelReason cancelReason) {}
}
