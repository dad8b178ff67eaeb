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
import java.time.Duration;

/** A task's span; current on the task's thread while its body runs. */
final class TaskSpan implements TaskObservation {
  // OpenTelemetry's semantic-convention names for an exception, used on retry events.
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  private final Span span;
  private final Context context;
  private final boolean hasRetry;

  TaskSpan(Span span, Context parent, boolean hasRetry) {
    this.span = span;
    this.context = parent.with(span);
    this.hasRetry = hasRetry;
  }

  @Override
  public Restore makeCurrent() {
    return OnceRestore.of(context.makeCurrent());
  }

  @Override
  public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
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
    span.setAttribute(TASK_DURATION_MS, Milliseconds.of(duration));
    if (hasRetry || outcome.attempts() > 1) {
      span.setAttribute(TASK_RETRY_ATTEMPTS, Math.max(0, outcome.attempts() - 1));
    }
    ScopeError error = outcome.error();
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
