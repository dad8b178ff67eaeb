package io.gogoscope.bench.calls;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_DURATION_MS;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_ERROR_REASON;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_RETRY;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_TIMEOUT;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_INDEX;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_RETRY_ATTEMPTS;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * The span a peer's user writes by hand to get what gogoscope's span carries: the same name, kind
 * and {@code task.*} attributes, made current while the call runs (by the caller, in a
 * try-with-resources), ended with its duration, retry count and (on failure) error reason,
 * exception and status. Written the way the OpenTelemetry API's documentation shows.
 */
final class HandWrittenSpan {
  private final Tracer tracer;
  private final String name;

  HandWrittenSpan(Tracer tracer, String name) {
    this.tracer = tracer;
    this.name = name;
  }

  /** Starts the call's span with the task's attributes on the builder, where a sampler sees them. */
  Span start() {
    return tracer
        .spanBuilder(name)
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(TASK_INDEX, 0L)
        .setAttribute(TASK_HAS_RETRY, true)
        .setAttribute(TASK_HAS_TIMEOUT, false)
        .setAttribute(TASK_HAS_CIRCUIT_BREAKER, false)
        .startSpan();
  }

  /** Ends {@code span} with what gogoscope's span ends with; {@code failure} is null on success. */
  static void end(Span span, long startNanos, int attempts, Throwable failure) {
    span.setAttribute(TASK_DURATION_MS, (System.nanoTime() - startNanos) / 1_000_000.0);
    span.setAttribute(TASK_RETRY_ATTEMPTS, Math.max(0, attempts - 1));
    if (failure != null) {
      span.setAttribute(TASK_ERROR_REASON, "exception");
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.toString());
    }
    span.end();
  }
}
