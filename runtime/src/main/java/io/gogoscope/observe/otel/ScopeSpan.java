package io.gogoscope.observe.otel;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.SCOPE_CANCEL_REASON;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.SCOPE_DURATION_MS;

import io.gogoscope.CancelReason;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeObservation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.time.Duration;

/** A scope's span, and the context that its tasks and child scopes descend from. */
final class ScopeSpan implements ScopeObservation {
  /**
   * Marks every context made current for this scope or one of its tasks (and every context derived
   * from those), so a task can tell whether the current span lies inside its own scope.
   */
  private static final ContextKey<ScopeSpan> SCOPE = ContextKey.named("gogoscope.scope");

  private final Span span;
  private final Context context;

  private ScopeSpan(Span span, Context parent) {
    this.span = span;
    this.context = parent.with(span).with(SCOPE, this);
  }

  static ScopeSpan start(SpanBuilder builder, Context parent) {
    return new ScopeSpan(builder.startSpan(), parent);
  }

  Context context() {
    return context;
  }

  /** {@code true} when {@code current} was made current for this scope or one of its tasks. */
  boolean isCurrentIn(Context current) {
    return current.get(SCOPE) == this;
  }

  @Override
  public Restore makeCurrent() {
    return OnceRestore.of(context.makeCurrent());
  }

  @Override
  public void closed(Duration lifetime, CancelReason cancelReason) {
    span.setAttribute(SCOPE_DURATION_MS, Milliseconds.of(lifetime));
    if (cancelReason != null) {
      // The variant's name only (Requested, ScopeTimedOut, …): a hand-written cancel's detail is any
      // object the user passed, which has no place in a bounded attribute.
      span.setAttribute(SCOPE_CANCEL_REASON, cancelReason.getClass().getSimpleName());
      if (cancelReason instanceof CancelReason.ScopeTimedOut timedOut) {
        span.setStatus(StatusCode.ERROR, "scope timed out after " + timedOut.timeout());
      }
    }
    span.end();
  }
}
