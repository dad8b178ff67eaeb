package io.gogoscope.observe.otel;

import io.gogoscope.observe.Restore;
import io.opentelemetry.context.Scope;

/**
 * Closes an OpenTelemetry {@link Scope} once: {@link Restore} promises that a second close is
 * harmless, while closing an OpenTelemetry scope twice restores a stale context.
 */
final class OnceRestore implements Restore {
  private final Scope scope;
  private boolean closed; // Restore handles are closed on the thread that opened them.

  private OnceRestore(Scope scope) {
    this.scope = scope;
  }

  static Restore of(Scope scope) {
    return new OnceRestore(scope);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      scope.close();
    }
  }
}
