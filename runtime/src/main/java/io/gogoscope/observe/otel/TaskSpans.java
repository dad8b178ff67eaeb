package io.gogoscope.observe.otel;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_RETRY;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_HAS_TIMEOUT;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_INDEX;

import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of one task kind. The span is started before anything else is built, so the sampler
 * decides first: a span it drops costs the SDK's sampling and nothing of gogoscope's (no
 * attributes, no span state; only when the call is a trace's root is the dropped span made current,
 * so that spans inside the call see the trace's decision). Under an unsampled parent the SDK's
 * sampler is asked before the span is started ({@link SamplerShortcut}), and a span it drops is not
 * started at all. OpenTelemetry's no-op API, whose spans have no valid context, costs the span
 * builder's calls and nothing more. A recorded span then gets the task's attributes. Samplers
 * therefore see the span's name, kind and parent, not its {@code task.*} attributes.
 */
final class TaskSpans implements TaskObserver {
  private final Tracer tracer;
  private final SamplerShortcut sampler;
  private final String name;
  private final Boolean hasRetry;
  private final Boolean hasTimeout;
  private final Boolean hasCircuitBreaker;

  TaskSpans(Tracer tracer, SamplerShortcut sampler, TaskKind kind) {
    this.tracer = tracer;
    this.sampler = sampler;
    this.name = kind.name();
    this.hasRetry = kind.hasRetry();
    this.hasTimeout = kind.hasTimeout();
    this.hasCircuitBreaker = kind.hasCircuitBreaker();
  }

  @Override
  public TaskObservation started(int index, TaskAttributes attributes, ScopeObservation scope) {
    Context parent = OpenTelemetryObserver.parentContext(scope);
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    if (parentSpan.isValid()
        && !parentSpan.isSampled()
        && sampler.dropsChildOfUnsampled(parent, parentSpan, name)) {
      return TaskObservation.NONE; // as for a dropped span under a valid parent, below
    }
    Span span = tracer.spanBuilder(name).setParent(parent).startSpan();
    if (!span.isRecording()) {
      // Dropped. Under a valid parent, spans inside the call see the same trace and decision
      // through the parent; a dropped root must be current so they see the decision at all. A
      // span without a valid context (OpenTelemetry's no-op API) carries no decision.
      return !span.getSpanContext().isValid() || parentSpan.isValid()
          ? TaskObservation.NONE
          : TaskSpan.dropped(span, parent);
    }
    span.setAttribute(TASK_INDEX, (long) index);
    span.setAttribute(TASK_HAS_RETRY, hasRetry);
    span.setAttribute(TASK_HAS_TIMEOUT, hasTimeout);
    span.setAttribute(TASK_HAS_CIRCUIT_BREAKER, hasCircuitBreaker);
    if (attributes != TaskAttributes.NONE) {
      attributes.writeTo((key, value) -> AttributeValues.put(span, key, value));
    }
    return new TaskSpan(span, parent, hasRetry);
  }
}
