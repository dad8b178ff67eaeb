package io.gogoscope.examples.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.ScopeError;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.ScopeObserver.Outcome;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.otel.OpenTelemetryObserver;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tree drawn from spans that the OpenTelemetry observer recorded (driven through its SPI). */
class TraceTreeTest {
  private record TimedOut(Duration after) implements ScopeError.TimedOut {}

  private record Failed(Exception cause) implements ScopeError.Failed {}

  @Test
  void drawsTheOrderAsGoGoScopeShowsIt() {
    CollectingSpanExporter spans = new CollectingSpanExporter();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      ScopeObserver observer = OpenTelemetryObserver.create(tracing.get("test"));
      ScopeObservation order = observer.scopeOpened(new ScopeInfo("process-order", false, null, 0));
      // Started out of order, as virtual threads may: the tree follows the fork order (task.index).
      TaskObservation notification = observer.taskStarted(task("send-notification", 2, false), order);
      TaskObservation validation = observer.taskStarted(task("validate-order", 0, false), order);
      TaskObservation payment = observer.taskStarted(task("process-payment", 1, true), order);
      validation.finished(Duration.ofMillis(45), new Outcome(null, 1));
      payment.retrying(1, Duration.ofMillis(20), new Failed(new IOException("reset")));
      payment.finished(Duration.ofMillis(120), new Outcome(null, 2));
      notification.finished(
          Duration.ofMillis(30), new Outcome(new TimedOut(Duration.ofMillis(30)), 1));
      order.closed(Duration.ofMillis(212), null);
    }

    assertThat(TraceTree.render(spans.spans()))
        .isEqualTo(
            """
            [process-order] scope 212ms
            ├── [validate-order] task 45ms ✓
            ├── [process-payment] task 120ms ✓  retry_attempts=1
            └── [send-notification] task 30ms ✗ timeout
            """);
  }

  @Test
  void nestsDeeperLevelsWithTheirOwnGuides() {
    CollectingSpanExporter spans = new CollectingSpanExporter();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      ScopeObserver observer = OpenTelemetryObserver.create(tracing.get("test"));
      ScopeObservation outer = observer.scopeOpened(new ScopeInfo("outer", false, null, 0));
      ScopeObservation inner = observer.scopeOpened(new ScopeInfo("inner", true, null, 0), outer);
      observer.taskStarted(task("leaf", 0, false), inner).finished(Duration.ofMillis(1), new Outcome(null, 1));
      inner.closed(Duration.ofMillis(2), null);
      observer.taskStarted(task("last", 0, false), outer).finished(Duration.ofMillis(3), new Outcome(null, 1));
      outer.closed(Duration.ofMillis(4), null);
    }

    assertThat(TraceTree.render(spans.spans()))
        .isEqualTo(
            """
            [outer] scope 4ms
            ├── [last] task 3ms ✓
            └── [inner] scope 2ms
                └── [leaf] task 1ms ✓
            """);
  }

  private static TaskInfo task(String name, int index, boolean retry) {
    return new TaskInfo(name, index, retry, false, false, TaskAttributes.NONE);
  }
}
