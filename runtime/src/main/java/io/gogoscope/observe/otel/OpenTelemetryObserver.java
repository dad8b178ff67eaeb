package io.gogoscope.observe.otel;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.CIRCUIT_FROM;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.CIRCUIT_NAME;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.CIRCUIT_STATE_EVENT;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.CIRCUIT_TO;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.SCOPE_CONCURRENCY;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.SCOPE_TIMEOUT;

import io.gogoscope.CircuitState;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Locale;
import java.util.Objects;

/**
 * Records an OpenTelemetry span for every scope (named after the scope, {@code scope} by default)
 * and every task or guarded call (named after the task: the {@code @ScopeTask} name for generated
 * calls, {@code scope.task} for unnamed forks), with go-go-scope's attributes
 * ({@link ScopeSpanAttributes}) and the call's {@code @SpanAttribute} values.
 *
 * <h2>Nesting</h2>
 * A scope's span is the child of the span current where it opens (the caller's request span, or
 * the span of the task it opens in); when nothing of its parent scope is current there, it is the
 * child of the parent scope's span. A task's span is the child of the current span when that span
 * belongs to the task's scope (a guarded call made from inside a task nests under that task),
 * otherwise of its scope's span, so tasks forked onto fresh virtual threads still nest correctly.
 * Outside any scope a guarded call's span is the child of the caller's current span.
 *
 * <h2>Failures and retries</h2>
 * A failed task's span gets {@code task.error_reason}, the exception (if the failure has one) as an
 * exception event, and status {@code ERROR}. Each retried attempt is a span event named
 * {@code retry} on the task's span, not a child span: the observer SPI reports when an attempt
 * failed, not when one started, so a child span's start would be guessed; and one span per call
 * keeps traces small where retries are frequent. The event carries the attempt number, the delay
 * before the next attempt, the error reason and exception type and message, and its timestamp shows
 * when the attempt failed.
 *
 * <p>Uses only the OpenTelemetry API; any SDK (or the no-op default) can sit behind it.
 */
public final class OpenTelemetryObserver implements ScopeObserver {
  /** The instrumentation scope name of gogoscope's tracer. */
  public static final String INSTRUMENTATION_NAME = "io.gogoscope";

  private final Tracer tracer;
  private final SamplerShortcut sampler;

  private OpenTelemetryObserver(Tracer tracer, SamplerShortcut sampler) {
    this.tracer = tracer;
    this.sampler = sampler;
  }

  /**
   * Traces through {@code openTelemetry}'s tracer named {@value #INSTRUMENTATION_NAME}. When it is
   * the OpenTelemetry SDK, a call under an unsampled parent asks the SDK's sampler first and builds
   * no span that the sampler drops.
   */
  public static OpenTelemetryObserver create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry (pass OpenTelemetry.noop() to trace nothing)");
    return new OpenTelemetryObserver(
        openTelemetry.getTracer(INSTRUMENTATION_NAME), SamplerShortcut.of(openTelemetry));
  }

  /**
   * Traces through {@code tracer}. Its sampler cannot be reached through a tracer, so every span is
   * started, dropped ones included; {@link #create(OpenTelemetry)} skips those it can.
   */
  public static OpenTelemetryObserver create(Tracer tracer) {
    return new OpenTelemetryObserver(Objects.requireNonNull(tracer, "tracer"), SamplerShortcut.NONE);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    return scopeOpened(scope, ScopeObservation.NONE);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
    Context parentContext = parentContext(parent);
    SpanBuilder span =
        tracer
            .spanBuilder(scope.name())
            .setParent(parentContext)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(SCOPE_HAS_PARENT_SCOPE, scope.hasParent());
    if (scope.timeout() != null) {
      span.setAttribute(SCOPE_TIMEOUT, scope.timeout().toMillis());
    }
    if (scope.concurrency() > 0) {
      span.setAttribute(SCOPE_CONCURRENCY, (long) scope.concurrency());
    }
    return ScopeSpan.start(span, parentContext);
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    return new TaskSpans(tracer, sampler, new TaskKind(task.name(), task.hasRetry(),
        task.hasTimeout(), task.hasCircuitBreaker())).started(task.index(), task.attributes(), scope);
  }

  /** The spans of {@code kind}: its name and constant attributes resolved once. */
  @Override
  public TaskObserver taskObserver(TaskKind kind) {
    return new TaskSpans(tracer, sampler, kind);
  }

  /**
   * The context a span under {@code scope} descends from: the current context when it was made
   * current for {@code scope} or one of its tasks (or descends from one that was), or when
   * {@code scope} is not ours; otherwise {@code scope}'s own, as on a fresh virtual thread.
   */
  static Context parentContext(ScopeObservation scope) {
    Context current = Context.current();
    return scope instanceof ScopeSpan scopeSpan && !scopeSpan.isCurrentIn(current)
        ? scopeSpan.context()
        : current;
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    // The call whose outcome moved the breaker is usually running, so its span is current.
    Span.current()
        .addEvent(
            CIRCUIT_STATE_EVENT,
            Attributes.of(CIRCUIT_NAME, name, CIRCUIT_FROM, lower(from), CIRCUIT_TO, lower(to)));
  }

  private static String lower(CircuitState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }
}
