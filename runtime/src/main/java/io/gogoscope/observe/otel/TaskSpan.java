package io.gogoscope.observe.otel;

import static io.gogoscope.observe.otel.ScopeSpanAttributes.RETRY_ATTEMPT;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.RETRY_DELAY_MS;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.RETRY_ERROR_REASON;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.RETRY_EVENT;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_DURATION_MS;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_ERROR_REASON;
import static io.gogoscope.observe.otel.ScopeSpanAttributes.TASK_RETRY_ATTEMPTS;

import io.gogoscope.ScopeError;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskObservation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;

/**
 * A task's span; current on the task's thread while its body runs. It is its own restore handle:
 * a task's span is made current once, on the thread that runs the task, so the OpenTelemetry scope
 * is held in a field rather than in a handle allocated per task.
 */
final class TaskSpan implements TaskObservation, Restore {
  // OpenTelemetry's semantic-convention names for an exception, used on retry events.
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  private final Span span;
  private final Context parent;
  private final boolean hasRetry;
  /** False for a span the sampler dropped: it is only made current, never written. */
  private final boolean recording;
  private Scope current;

  TaskSpan(Span span, Context parent, boolean hasRetry) {
    this(span, parent, hasRetry, true);
  }

  private TaskSpan(Span span, Context parent, boolean hasRetry, boolean recording) {
    this.span = span;
    this.parent = parent;
    this.hasRetry = hasRetry;
    this.recording = recording;
  }

  /** A span the sampler dropped, made current so the calls inside see the trace's decision. */
  static TaskSpan dropped(Span span, Context parent) {
    return new TaskSpan(span, parent, false, false);
  }

  @Override
  public Restore makeCurrent() {
    Scope made = parent.with(span).makeCurrent();
    if (current != null) {
      return OnceRestore.of(made); // made current a second time: a handle of its own
    }
    current = made;
    return this;
  }

  @Override
  public void close() {
    Scope made = current;
    if (made != null) {
      current = null;
      made.close();
    }
  }

  @Override
  public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
    if (!recording) {
      return;
    }
    AttributesBuilder event =
        Attributes.builder()
            .put(RETRY_ATTEMPT, failedAttempt)
            .put(RETRY_DELAY_MS, delay.toMillis())
            .put(RETRY_ERROR_REASON, failure.kind());
    failure
        .exception()
        .ifPresent(
            exception -> {
              event.put(EXCEPTION_TYPE, exception.getClass().getName());
              if (exception.getMessage() != null) {
                event.put(EXCEPTION_MESSAGE, exception.getMessage());
              }
            });
    span.addEvent(RETRY_EVENT, event.build());
  }

  @Override
  public void finished(Duration duration, ScopeObserver.Outcome outcome) {
    finished(duration.toNanos(), outcome.error(), outcome.attempts());
  }

  @Override
  public void finished(long nanos, ScopeError error, int attempts) {
    if (!recording) {
      return;
    }
    span.setAttribute(TASK_DURATION_MS, nanos / 1_000_000.0);
    if (hasRetry || attempts > 1) {
      span.setAttribute(TASK_RETRY_ATTEMPTS, Math.max(0, attempts - 1));
    }
    if (error != null) {
      span.setAttribute(TASK_ERROR_REASON, error.kind());
      error.exception().ifPresent(span::recordException);
      span.setStatus(StatusCode.ERROR, describe(error));
    }
    span.end();
  }

  private static String describe(ScopeError error) {
    return error.exception().map(exception -> error.kind() + ": " + exception).orElse(error.kind());
  }
}
