package io.gogoscope.observe.otel;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CancelReason;
import io.gogoscope.CircuitState;
import io.gogoscope.ScopeError;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.ScopeObserver.Outcome;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TestErrors;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Drives the observer SPI the way the runtime does and checks the spans an SDK receives. */
@SuppressWarnings("try") // spans are made current only for the extent of a try block
class OpenTelemetryObserverTest {
  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final ScopeObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
  private final Tracer callerTracer = otel.getOpenTelemetry().getTracer("caller");

  private static final Outcome OK = new Outcome(null, 1);

  private static TaskInfo task(String name, int index) {
    return new TaskInfo(name, index, false, false, false, TaskAttributes.NONE);
  }

  @Test
  void scopeSpanCarriesGoGoScopeAttributes() {
    ScopeObservation scope =
        observer.scopeOpened(new ScopeInfo("process-order", false, Duration.ofSeconds(2), 4));
    scope.closed(Duration.ofMillis(212), null);

    assertThat(otel.getSpans())
        .singleElement()
        .satisfies(
            span ->
                assertThat(span)
                    .hasName("process-order")
                    .hasNoParent()
                    .hasAttributesSatisfyingExactly(
                        equalTo(ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE, false),
                        equalTo(ScopeSpanAttributes.SCOPE_TIMEOUT, 2000L),
                        equalTo(ScopeSpanAttributes.SCOPE_CONCURRENCY, 4L),
                        equalTo(ScopeSpanAttributes.SCOPE_DURATION_MS, 212.0)));
  }

  @Test
  void scopeWithoutTimeoutOrLimitLeavesThoseAttributesOut() {
    observer.scopeOpened(new ScopeInfo("scope", true, null, 0)).closed(Duration.ZERO, null);

    assertThat(otel.getSpans().get(0).getAttributes().asMap())
        .containsOnlyKeys(
            ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE, ScopeSpanAttributes.SCOPE_DURATION_MS);
  }

  @Test
  void timedOutScopeIsAnErrorWithItsCancelReason() {
    observer
        .scopeOpened(new ScopeInfo("s", false, Duration.ofMillis(50), 0))
        .closed(Duration.ofMillis(51), new CancelReason.ScopeTimedOut("s", Duration.ofMillis(50)));

    assertThat(otel.getSpans().get(0))
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasAttribute(ScopeSpanAttributes.SCOPE_CANCEL_REASON, "ScopeTimedOut");
  }

  @Test
  void taskOnAnotherVirtualThreadNestsUnderItsScope() throws Exception {
    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("process-order", false, null, 0));
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  TaskObservation task = observer.taskStarted(task("validate-order", 0), scope);
                  try (Restore current = task.makeCurrent()) {
                    // The task body would run here, with the task's span current.
                    Span.current().setAttribute("seen.inside", true);
                  }
                  task.finished(Duration.ofMillis(45), OK);
                });
    worker.join();
    scope.closed(Duration.ofMillis(60), null);

    SpanData scopeSpan = span("process-order");
    assertThat(span("validate-order"))
        .hasParent(scopeSpan)
        .hasAttributesSatisfyingExactly(
            equalTo(ScopeSpanAttributes.TASK_INDEX, 0L),
            equalTo(ScopeSpanAttributes.TASK_HAS_RETRY, false),
            equalTo(ScopeSpanAttributes.TASK_HAS_TIMEOUT, false),
            equalTo(ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER, false),
            equalTo(ScopeSpanAttributes.TASK_DURATION_MS, 45.0),
            equalTo(AttributeKey.booleanKey("seen.inside"), true));
  }

  @Test
  void rootScopeNestsUnderTheCallersCurrentSpan() {
    Span request = callerTracer.spanBuilder("GET /orders").startSpan();
    try (var ignored = request.makeCurrent()) {
      observer.scopeOpened(new ScopeInfo("load", false, null, 0)).closed(Duration.ZERO, null);
    }
    request.end();

    assertThat(span("load")).hasParent(span("GET /orders"));
  }

  @Test
  void guardedCallOutsideAnyScopeNestsUnderTheCallersCurrentSpan() {
    Span request = callerTracer.spanBuilder("GET /users/42").startSpan();
    try (var ignored = request.makeCurrent()) {
      observer.taskStarted(task("users", 0), ScopeObservation.NONE).finished(Duration.ZERO, OK);
    }
    request.end();

    assertThat(span("users")).hasParent(span("GET /users/42"));
  }

  @Test
  void guardedCallInsideATaskNestsUnderThatTask() {
    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("outer", false, null, 0));
    TaskObservation outer = observer.taskStarted(task("outer-task", 0), scope);
    try (Restore current = outer.makeCurrent()) {
      // A generated call on the task's own thread reports the enclosing scope's observation.
      observer.taskStarted(task("inner-call", 0), scope).finished(Duration.ZERO, OK);
    }
    outer.finished(Duration.ZERO, OK);
    scope.closed(Duration.ZERO, null);

    assertThat(span("outer-task")).hasParent(span("outer"));
    assertThat(span("inner-call")).hasParent(span("outer-task"));
  }

  @Test
  void userSpanInsideATaskIsTheParentOfCallsMadeUnderIt() {
    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("outer", false, null, 0));
    TaskObservation outer = observer.taskStarted(task("outer-task", 0), scope);
    try (Restore current = outer.makeCurrent()) {
      Span mine = callerTracer.spanBuilder("my-step").startSpan();
      try (var ignored = mine.makeCurrent()) {
        observer.taskStarted(task("inner-call", 0), scope).finished(Duration.ZERO, OK);
      }
      mine.end();
    }
    outer.finished(Duration.ZERO, OK);
    scope.closed(Duration.ZERO, null);

    assertThat(span("my-step")).hasParent(span("outer-task"));
    assertThat(span("inner-call")).hasParent(span("my-step"));
  }

  @Test
  void childScopeOpenedInATaskNestsUnderTheTask() throws Exception {
    ScopeObservation parent = observer.scopeOpened(new ScopeInfo("parent", false, null, 0));
    Thread worker =
        Thread.ofVirtual()
            .start(
                () -> {
                  TaskObservation task = observer.taskStarted(task("fan-out", 0), parent);
                  try (Restore current = task.makeCurrent()) {
                    ScopeObservation child =
                        observer.scopeOpened(new ScopeInfo("child", true, null, 0), parent);
                    TaskObservation leaf = observer.taskStarted(task("leaf", 0), child);
                    leaf.finished(Duration.ZERO, OK);
                    child.closed(Duration.ZERO, null);
                  }
                  task.finished(Duration.ZERO, OK);
                });
    worker.join();
    parent.closed(Duration.ZERO, null);

    assertThat(span("fan-out")).hasParent(span("parent"));
    assertThat(span("child")).hasParent(span("fan-out"));
    assertThat(span("leaf")).hasParent(span("child"));
  }

  @Test
  void childScopeOpenedWithAnExplicitParentElsewhereNestsUnderTheParentScope() throws Exception {
    ScopeObservation parent = observer.scopeOpened(new ScopeInfo("parent", false, null, 0));
    AtomicReference<ScopeObservation> child = new AtomicReference<>();
    Thread elsewhere =
        Thread.ofVirtual()
            .start(() -> child.set(observer.scopeOpened(new ScopeInfo("child", true, null, 0), parent)));
    elsewhere.join();
    child.get().closed(Duration.ZERO, null);
    parent.closed(Duration.ZERO, null);

    assertThat(span("child")).hasParent(span("parent"));
  }

  @Test
  void secondScopeOpenedOnTheSameThreadNestsUnderTheFirst() {
    ScopeObservation outer = observer.scopeOpened(new ScopeInfo("outer", false, null, 0));
    ScopeObservation inner = observer.scopeOpened(new ScopeInfo("inner", true, null, 0), outer);
    inner.closed(Duration.ZERO, null);
    outer.closed(Duration.ZERO, null);

    assertThat(span("inner")).hasParent(span("outer"));
  }

  @Test
  void scopeMadeCurrentIsTheParentOfWhatStartsUnderIt() {
    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("scope", false, null, 0));
    try (Restore current = scope.makeCurrent()) {
      callerTracer.spanBuilder("user-work").startSpan().end();
    }
    scope.closed(Duration.ZERO, null);

    assertThat(span("user-work")).hasParent(span("scope"));
  }

  @Test
  void restoringTwiceIsHarmless() {
    Span before = Span.current();
    ScopeObservation scope = observer.scopeOpened(new ScopeInfo("scope", false, null, 0));
    Restore current = scope.makeCurrent();
    current.close();
    current.close();
    scope.closed(Duration.ZERO, null);

    assertThat(Span.current()).isSameAs(before);
  }

  static Stream<Arguments> failures() {
    IOException io = new IOException("disk on fire");
    return Stream.of(
        Arguments.of(new TestErrors.TimedOut(Duration.ofMillis(30)), "timeout", null),
        Arguments.of(new TestErrors.Cancelled(new CancelReason.ScopeClosed("s")), "cancelled", null),
        Arguments.of(new TestErrors.CircuitOpen("payments"), "circuit_breaker_open", null),
        Arguments.of(new TestErrors.RateLimited(Duration.ofSeconds(1)), "rate_limited", null),
        Arguments.of(new TestErrors.LockUnavailable("order:1"), "lock_unavailable", null),
        Arguments.of(new TestErrors.Failed(io), "exception", io),
        Arguments.of(
            new TestErrors.Unexpected(new IllegalStateException("bug")),
            "exception",
            new IllegalStateException("bug")));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failedTaskHasReasonStatusAndException(ScopeError error, String reason, Exception exception) {
    observer.taskStarted(task("send-notification", 2), ScopeObservation.NONE)
        .finished(Duration.ofMillis(30), new Outcome(error, 1));

    SpanData span = span("send-notification");
    assertThat(span)
        .hasAttribute(ScopeSpanAttributes.TASK_ERROR_REASON, reason)
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR));
    if (exception == null) {
      assertThat(span.getEvents()).isEmpty();
    } else {
      assertThat(span)
          .hasException(error.exception().orElseThrow());
    }
  }

  @Test
  void retriesAreEventsOnTheTaskSpan() {
    TaskObservation task =
        observer.taskStarted(
            new TaskInfo("process-payment", 1, true, true, false, TaskAttributes.NONE),
            ScopeObservation.NONE);
    task.retrying(1, Duration.ofMillis(100), new TestErrors.Failed(new IOException("reset")));
    task.finished(Duration.ofMillis(120), new Outcome(null, 2));

    assertThat(span("process-payment"))
        .hasAttribute(ScopeSpanAttributes.TASK_RETRY_ATTEMPTS, 1L)
        .hasAttribute(ScopeSpanAttributes.TASK_HAS_RETRY, true)
        .hasAttribute(ScopeSpanAttributes.TASK_HAS_TIMEOUT, true)
        .hasEventsSatisfyingExactly(
            event ->
                event
                    .hasName(ScopeSpanAttributes.RETRY_EVENT)
                    .hasAttributesSatisfyingExactly(
                        equalTo(ScopeSpanAttributes.RETRY_ATTEMPT, 1L),
                        equalTo(ScopeSpanAttributes.RETRY_DELAY_MS, 100L),
                        equalTo(ScopeSpanAttributes.RETRY_ERROR_REASON, "exception"),
                        equalTo(AttributeKey.stringKey("exception.type"), "java.io.IOException"),
                        equalTo(AttributeKey.stringKey("exception.message"), "reset")));
  }

  @Test
  void retryPolicyWithoutRetriesReportsZeroAttempts() {
    observer.taskStarted(new TaskInfo("t", 0, true, false, false, TaskAttributes.NONE), ScopeObservation.NONE)
        .finished(Duration.ZERO, OK);

    assertThat(span("t")).hasAttribute(ScopeSpanAttributes.TASK_RETRY_ATTEMPTS, 0L);
  }

  @Test
  void spanAttributeValuesKeepTheirTypes() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("user.id", "42");
    values.put("order.count", 3);
    values.put("order.total", 12.5);
    values.put("user.vip", true);
    values.put("order.size", 7L);
    values.put("order.weight", 1.5f);
    values.put("order.status", Thread.State.NEW);
    values.put("order.coupon", null);
    observer
        .taskStarted(
            new TaskInfo("users", 0, false, false, false, TaskAttributes.of(values)),
            ScopeObservation.NONE)
        .finished(Duration.ZERO, OK);

    assertThat(span("users"))
        .hasAttribute(AttributeKey.stringKey("user.id"), "42")
        .hasAttribute(AttributeKey.longKey("order.count"), 3L)
        .hasAttribute(AttributeKey.doubleKey("order.total"), 12.5)
        .hasAttribute(AttributeKey.booleanKey("user.vip"), true)
        .hasAttribute(AttributeKey.longKey("order.size"), 7L)
        .hasAttribute(AttributeKey.doubleKey("order.weight"), 1.5)
        .hasAttribute(AttributeKey.stringKey("order.status"), "NEW");
    assertThat(span("users").getAttributes().get(AttributeKey.stringKey("order.coupon"))).isNull();
  }

  @Test
  void circuitChangeIsAnEventOnTheCurrentSpan() {
    TaskObservation task = observer.taskStarted(task("pay", 0), ScopeObservation.NONE);
    try (Restore current = task.makeCurrent()) {
      observer.circuitStateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN);
    }
    task.finished(Duration.ZERO, OK);

    assertThat(span("pay"))
        .hasEventsSatisfyingExactly(
            event ->
                event
                    .hasName(ScopeSpanAttributes.CIRCUIT_STATE_EVENT)
                    .hasAttributesSatisfyingExactly(
                        equalTo(ScopeSpanAttributes.CIRCUIT_NAME, "payments"),
                        equalTo(ScopeSpanAttributes.CIRCUIT_FROM, "closed"),
                        equalTo(ScopeSpanAttributes.CIRCUIT_TO, "open")));
  }

  private static SpanData span(String name) {
    List<SpanData> named = otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s among %s", name, otel.getSpans()).hasSize(1);
    return named.get(0);
  }
}
