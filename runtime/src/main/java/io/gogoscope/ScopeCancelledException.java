package io.gogoscope;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Scope#throwIfCancelled()} in code whose scope is cancelled; a task that lets it
 * escape completes as cancelled with the scope's reason.
 */
public final class ScopeCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final transient CancelReason reason;

  /** Creates the exception for a scope cancelled with {@code reason}. */
  public ScopeCancelledException(CancelReason reason) {
    super("scope cancelled: " + reason);
    this.reason = reason;
  }

  /** Why the scope was cancelled. */
  public CancelReason reason() {
    return reason;
  }
}
