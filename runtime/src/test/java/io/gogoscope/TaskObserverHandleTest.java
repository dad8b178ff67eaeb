package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.gogoscope.policy.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A guard resolves its observer's handle once, when it is built, and both its calls and its forks
 * start their observations through it; an observer written against the older per-task hooks
 * ({@code taskStarted}, {@code finished(Duration, Outcome)}) still sees every task as before.
 */
class TaskObserverHandleTest {

  @Test
  void guardResolvesItsHandleOnceForCallsAndForks() {
    List<TaskKind> resolved = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    ScopeObserver observer = new ScopeObserver() {
      @Override
      public TaskObserver taskObserver(TaskKind kind) {
        resolved.add(kind);
        return (index, attributes, scope) -> {
          started.incrementAndGet();
          return new TaskObservation() {
            @Override
            public void finished(long nanos, ScopeError error, int attempts) {
              assertThat(nanos).isNotNegative();
              assertThat(error).isNull();
              finished.incrementAndGet();
            }
          };
        };
      }
    };
    ScopeRuntime runtime = ScopeRuntime.builder().observer(observer).build();
    Guard guard = runtime.guard("fetch").retry(Retry.builder().maxAttempts(3).build())
        .timeout(Duration.ofSeconds(1)).build();

    for (int i = 0; i < 3; i++) {
      guard.call(() -> "ok");
    }
    try (Scope scope = runtime.scope("s").open()) {
      guard.fork(scope, () -> 1, ErrorMapper.failure()).join();
      guard.fork(scope, () -> 2, ErrorMapper.failure()).join();
    }

    assertThat(resolved).containsExactly(new TaskKind("fetch", true, true, false));
    assertThat(started).hasValue(5);
    assertThat(finished).hasValue(5);
  }

  @Test
  void observerWithOnlyTheOlderHooksSeesEveryTask() {
    List<TaskInfo> seen = new ArrayList<>();
    List<Duration> durations = new ArrayList<>();
    ScopeObserver observer = new ScopeObserver() {
      @Override
      public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
        seen.add(task);
        return new TaskObservation() {
          @Override
          public void finished(Duration duration, ScopeObserver.Outcome outcome) {
            assertThat(outcome.attempts()).isEqualTo(1);
            durations.add(duration);
          }
        };
      }
    };
    ScopeRuntime runtime = ScopeRuntime.builder().observer(observer).build();
    Guard guard = runtime.guard("old").retry(Retry.builder().maxAttempts(2).build()).build();

    guard.call(() -> "ok");
    try (Scope scope = runtime.scope("s").open()) {
      guard.fork(scope, () -> 1, ErrorMapper.failure()).join();
    }

    assertThat(seen).extracting(TaskInfo::name, TaskInfo::index, TaskInfo::hasRetry)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("old", 0, true),
            org.assertj.core.groups.Tuple.tuple("old", 0, true));
    assertThat(durations).hasSize(2).allSatisfy(d -> assertThat(d).isPositive());
  }
}
