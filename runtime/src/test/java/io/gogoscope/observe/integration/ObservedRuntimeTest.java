package io.gogoscope.observe.integration;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import io.gogoscope.observe.otel.ScopeSpanAttributes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real runtime (Scope, Task, Guard) traced and metered through ScopeRuntime.Builder. */
@SuppressWarnings("try") // spans are made current only for the extent of a try block
class ObservedRuntimeTest {
  @RegisterExtension static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ScopeRuntime runtime =
      ScopeRuntime.builder().openTelemetry(otel.getOpenTelemetry()).meterRegistry(meters).build();

  @Test
  void forkedTasksNestUnderTheirScopeAcrossVirtualThreadsAndTheScopeUnderTheCaller() {
    Span request = otel.getOpenTelemetry().getTracer("caller").spanBuilder("GET /orders/7").startSpan();
    try (var current = request.makeCurrent();
        Scope scope = runtime.scope("process-order").timeout(Duration.ofSeconds(30)).concurrency(4).open()) {
      Task<Failure, Boolean> first =
          scope.fork("validate-order", TaskAttributes.of(Map.of("order.id", 7)), () -> Thread.currentThread().isVirtual());
      Task<Failure, String> second = scope.fork("load-customer", () -> "ada");
      assertThat(first.join().orElseThrow()).isTrue();
      assertThat(second.join().orElseThrow()).isEqualTo("ada");
    }
    request.end();

    SpanData scope = span("process-order");
    assertThat(scope)
        .hasParent(span("GET /orders/7"))
        .hasAttribute(ScopeSpanAttributes.SCOPE_TIMEOUT, 30_000L)
        .hasAttribute(ScopeSpanAttributes.SCOPE_CONCURRENCY, 4L)
        .hasAttribute(ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE, false);
    assertThat(scope.getAttributes().get(ScopeSpanAttributes.SCOPE_DURATION_MS)).isNotNull();
    assertThat(span("validate-order"))
        .hasParent(scope)
        .hasAttribute(ScopeSpanAttributes.TASK_INDEX, 0L)
        .hasAttribute(AttributeKey.longKey("order.id"), 7L);
    assertThat(span("load-customer")).hasParent(scope).hasAttribute(ScopeSpanAttributes.TASK_INDEX, 1L);
    assertThat(span("validate-order").getAttributes().get(ScopeSpanAttributes.TASK_DURATION_MS)).isNotNull();
  }

  @Test
  void childScopesAndGuardedCallsInsideATaskNestUnderThatTask() {
    Guard lookup = runtime.guard("lookup").timeout(Duration.ofSeconds(30)).build();
    try (Scope parent = runtime.scope("parent").open()) {
      parent
          .fork(
              "fan-out",
              () -> {
                lookup.call(() -> "inline");
                try (Scope child = runtime.scope("child").open()) {
                  return child.fork("leaf", () -> "leaf").join().orElseThrow();
                }
              })
          .join()
          .orElseThrow();
      try (Scope sibling = runtime.scope("sibling").open()) {
        sibling.fork("sibling-task", () -> 1).join();
      }
    }

    assertThat(span("fan-out")).hasParent(span("parent"));
    assertThat(span("lookup"))
        .hasParent(span("fan-out"))
        .hasAttribute(ScopeSpanAttributes.TASK_HAS_TIMEOUT, true);
    assertThat(span("child"))
        .hasParent(span("fan-out"))
        .hasAttribute(ScopeSpanAttributes.SCOPE_HAS_PARENT_SCOPE, true);
    assertThat(span("leaf")).hasParent(span("child"));
    assertThat(span("sibling")).hasParent(span("parent"));
    assertThat(span("sibling-task")).hasParent(span("sibling"));
  }

  @Test
  void timedOutCallIsAnErrorSpanAndAFailureCount() {
    Guard slow = runtime.guard("send-notification").timeout(Duration.ofMillis(20)).build();
    Result<Failure, Object> result =
        slow.call(
            () -> {
              Thread.sleep(30_000);
              return null;
            },
            ErrorMapper.failure());

    assertThat(result).isInstanceOf(Result.Err.class);
    assertThat(span("send-notification"))
        .hasAttribute(ScopeSpanAttributes.TASK_ERROR_REASON, "timeout")
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR));
    assertThat(
            meters.get("goscope.tasks.failed")
                .tags("task", "send-notification", "reason", "timeout").counter().count())
        .isEqualTo(1);
  }

  @Test
  void retriedCallHasOneSpanWithARetryEventPerFailedAttempt() {
    int[] calls = {0};
    Guard flaky =
        runtime
            .guard("process-payment")
            .retry(Retry.builder().maxAttempts(3).delay(Duration.ofMillis(1)).build())
            .build();
    Result<Failure, String> result =
        flaky.call(
            () -> {
              if (++calls[0] < 3) {
                throw new java.io.IOException("reset " + calls[0]);
              }
              return "paid";
            });

    assertThat(result.orElseThrow()).isEqualTo("paid");
    assertThat(span("process-payment"))
        .hasAttribute(ScopeSpanAttributes.TASK_HAS_RETRY, true)
        .hasAttribute(ScopeSpanAttributes.TASK_RETRY_ATTEMPTS, 2L)
        .hasEventsSatisfyingExactly(
            event -> event.hasName("retry").hasAttributesSatisfying(equalTo(ScopeSpanAttributes.RETRY_ATTEMPT, 1L)),
            event -> event.hasName("retry").hasAttributesSatisfying(equalTo(ScopeSpanAttributes.RETRY_ATTEMPT, 2L)));
    assertThat(
            meters.get("goscope.task.retries")
                .tags("task", "process-payment", "reason", "exception").counter().count())
        .isEqualTo(2);
  }

  @Test
  void openingCircuitIsAnEventAGaugeAndTheReasonOfRefusedCalls() {
    Guard guarded =
        runtime
            .guard("check-inventory")
            .circuitBreaker(
                runtime.circuitBreaker(
                    "inventory", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofMinutes(5))))
            .build();
    for (int i = 0; i < 3; i++) {
      guarded.call(
          () -> {
            throw new java.io.IOException("down");
          });
    }

    List<SpanData> calls =
        otel.getSpans().stream().filter(s -> s.getName().equals("check-inventory")).toList();
    assertThat(calls).hasSize(3);
    assertThat(calls.get(1).getEvents())
        .anyMatch(event -> event.getName().equals(ScopeSpanAttributes.CIRCUIT_STATE_EVENT));
    assertThat(calls.get(2))
        .hasAttribute(ScopeSpanAttributes.TASK_ERROR_REASON, "circuit_breaker_open")
        .hasAttribute(ScopeSpanAttributes.TASK_HAS_CIRCUIT_BREAKER, true);
    assertThat(meters.get("goscope.circuit.state").tag("name", "inventory").gauge().value())
        .isEqualTo(2);
  }

  @Test
  void failingTaskRecordsItsException() {
    try (Scope scope = runtime.scope("s").open()) {
      scope.fork("boom", () -> {
        throw new IllegalStateException("boom");
      }).join();
    }

    assertThat(span("boom"))
        .hasAttribute(ScopeSpanAttributes.TASK_ERROR_REASON, "exception")
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasEventsSatisfying(events -> assertThat(events).anyMatch(e -> e.getName().equals("exception")));
  }

  @Test
  void metersCountTasksScopesAndResources() {
    try (Scope scope = runtime.scope("batch").open()) {
      scope.register(() -> {});
      scope.register(() -> {});
      List<Task<Failure, Integer>> tasks =
          List.of(scope.fork("work", () -> 1), scope.fork("work", () -> 2), scope.fork("work", () -> 3));
      tasks.forEach(Task::join);
    }

    assertThat(meters.get("goscope.tasks.spawned").tag("task", "work").counter().count()).isEqualTo(3);
    assertThat(meters.get("goscope.tasks.completed").tag("task", "work").counter().count()).isEqualTo(3);
    assertThat(meters.get("goscope.resources.registered").counter().count()).isEqualTo(2);
    assertThat(meters.get("goscope.resources.disposed").counter().count()).isEqualTo(2);
    assertThat(meters.get("goscope.scope.duration").tag("scope", "batch").timer().count()).isEqualTo(1);
    assertThat(meters.get("goscope.tasks.active").gauge().value()).isZero();
    assertThat(meters.get("goscope.scopes.active").gauge().value()).isZero();
  }

  private static SpanData span(String name) {
    List<SpanData> named = otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s among %s", name, otel.getSpans()).hasSize(1);
    return named.get(0);
  }
}
