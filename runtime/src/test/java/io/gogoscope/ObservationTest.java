package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskObservation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the runtime tells its observer, in what order, and that a broken observer changes nothing. */
@Timeout(60)
class ObservationTest {
  private final RecordingObserver observer = new RecordingObserver();
  private final ScopeRuntime runtime = ScopeRuntime.builder().nameThreads(true).observer(observer).build();

  @Test
  void aScopeAndItsTaskAreObservedInOrderWithTheTaskUnderTheScope() {
    try (Scope scope = runtime.scope("orders").timeout(Duration.ofSeconds(5)).concurrency(2).open()) {
      scope.fork("load", () -> "x").join();
    }
    assertThat(observer.events).containsExactly(
        "scope opened orders",
        "scope current orders",
        "task started load in orders on orders-load-0",
        "task current load",
        "task restored load",
        "task finished load ok attempts=1",
        "scope restored orders",
        "scope closed orders");
    assertThat(observer.tasks).containsExactly(
        new TaskInfo("load", 0, false, false, false, TaskInfo.TaskAttributes.NONE));
  }

  @Test
  void scopeInfoCarriesTheScopeAttributes() {
    ScopeInfo[] seen = new ScopeInfo[2];
    ScopeRuntime recording = ScopeRuntime.builder().observer(new ScopeObserver() {
      @Override
      public ScopeObservation scopeOpened(ScopeInfo scope) {
        seen[scope.hasParent() ? 1 : 0] = scope;
        return ScopeObservation.NONE;
      }
    }).build();
    try (Scope parent = recording.scope("p").timeout(Duration.ofSeconds(3)).concurrency(4).open();
        Scope child = Scope.open("c")) {
      assertThat(child.runtime()).isSameAs(recording);
      assertThat(child.parent()).contains(parent);
    }
    assertThat(seen[0]).isEqualTo(new ScopeInfo("p", false, Duration.ofSeconds(3), 4));
    assertThat(seen[1]).isEqualTo(new ScopeInfo("c", true, null, 0));
  }

  @Test
  void failuresAndCancellationsReachTheOutcome() {
    try (Scope scope = runtime.scope("s").open()) {
      scope.fork("fails", () -> {
        throw new IOException("down");
      }).join();
      scope.cancel("stop");
      scope.fork("late", () -> "never").join();
    }
    assertThat(observer.events("task finished")).containsExactly(
        "task finished fails exception attempts=1",
        "task finished late cancelled attempts=0");
    assertThat(observer.events("scope closed")).containsExactly("scope closed s cancelled: Requested[detail=stop]");
  }

  @Test
  void aGuardedCallIsOneObservedTaskWithItsPoliciesAndAttributes() {
    Guard guard = runtime.guard("fetch-user").timeout(Duration.ofSeconds(5)).build();
    CallContext context = new CallContext(null, null, sink -> sink.accept("user.id", "42"));
    try (Scope scope = runtime.scope("request").open()) {
      assertThat(guard.call(context, () -> "user", ErrorMapper.failure())).isEqualTo(Result.ok("user"));
      assertThat(Scope.current()).isSameAs(scope);
    }
    assertThat(observer.events("task started")).containsExactly(
        "task started fetch-user in request on " + Thread.currentThread().getName());
    assertThat(observer.tasks).singleElement().satisfies(info -> {
      assertThat(info.hasTimeout()).isTrue();
      assertThat(info.hasRetry()).isFalse();
      assertThat(info.hasCircuitBreaker()).isFalse();
    });
    assertThat(observer.attributes.get("fetch-user")).isEqualTo(Map.of("user.id", "42"));
    assertThat(observer.events("task finished")).containsExactly("task finished fetch-user ok attempts=1");
  }

  @Test
  void aForkedGuardedCallIsOneTaskNotTwo() {
    Guard guard = runtime.guard("fetch-user").timeout(Duration.ofSeconds(5)).build();
    try (Scope scope = runtime.scope("request").open()) {
      scope.fork("other", () -> 1).join();
      Task<Failure, String> task = guard.fork(scope, () -> "user", ErrorMapper.failure());
      assertThat(task.join()).isEqualTo(Result.ok("user"));
      assertThat(task.name()).isEqualTo("fetch-user");
    }
    assertThat(observer.events("task started")).containsExactly(
        "task started other in request on request-other-0",
        "task started fetch-user in request on request-fetch-user-1");
    assertThat(observer.tasks.get(1))
        .isEqualTo(new TaskInfo("fetch-user", 1, false, true, false, TaskInfo.TaskAttributes.NONE));
    assertThat(observer.events("task finished")).hasSize(2);
  }

  @Test
  void aTimedOutGuardedCallReportsTheTimeout() {
    Guard guard = runtime.guard("slow").timeout(Duration.ofMillis(20)).build();
    guard.call(() -> {
      Thread.sleep(30_000);
      return null;
    });
    assertThat(observer.events("task started")).containsExactly(
        "task started slow in none on " + Thread.currentThread().getName());
    assertThat(observer.events("task finished")).containsExactly("task finished slow timeout attempts=1");
  }

  @Test
  void resourcesAndStragglersAreReported() {
    ScopeRuntime impatient = ScopeRuntime.builder().observer(observer).closeGrace(Duration.ZERO).build();
    Scope scope = impatient.scope("s").open();
    scope.register(() -> {});
    scope.register(() -> {
      throw new IOException("leaky");
    });
    try {
      scope.close();
    } catch (ScopeCloseException expected) {
      assertThat(expected.getCause()).hasMessage("leaky");
    }
    assertThat(observer.events("resource")).containsExactly(
        "resource registered in s",
        "resource registered in s",
        "resource disposed in s failed: leaky",
        "resource disposed in s");
  }

  @Test
  void anObserverThatThrowsEverywhereChangesNothing() {
    ScopeRuntime broken = ScopeRuntime.builder().observer(new Throwing()).build();
    Guard guard = broken.guard("g").timeout(Duration.ofSeconds(5)).build();
    try (Scope scope = broken.scope("s").open()) {
      scope.register(() -> {});
      assertThat(scope.fork(() -> 1).join()).isEqualTo(Result.ok(1));
      assertThat(guard.call(() -> 2)).isEqualTo(Result.ok(2));
      assertThat(guard.fork(scope, () -> 3, ErrorMapper.failure()).join()).isEqualTo(Result.ok(3));
    }
    assertThat(Scope.currentIfAny()).isEmpty();
  }

  @Test
  void observationsThatThrowChangeNothingEither() {
    ScopeRuntime broken = ScopeRuntime.builder().observer(new ScopeObserver() {
      @Override
      public ScopeObservation scopeOpened(ScopeInfo scope) {
        return new ScopeObservation() {
          @Override
          public Restore makeCurrent() {
            return () -> {
              throw new IllegalStateException("restore");
            };
          }

          @Override
          public void closed(Duration lifetime, CancelReason cancelReason) {
            throw new IllegalStateException("closed");
          }
        };
      }

      @Override
      public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
        return new TaskObservation() {
          @Override
          public Restore makeCurrent() {
            throw new IllegalStateException("makeCurrent");
          }

          @Override
          public void finished(Duration duration, Outcome outcome) {
            throw new IllegalStateException("finished");
          }
        };
      }
    }).build();
    try (Scope scope = broken.scope("s").open()) {
      assertThat(scope.fork(() -> 1).join()).isEqualTo(Result.ok(1));
    }
  }

  @Test
  void theDefaultRuntimeObservesNothing() {
    assertThat(ScopeRuntime.defaults().observer()).isSameAs(ScopeObserver.NONE);
    assertThat(ScopeRuntime.builder().observer(ScopeObserver.NONE).build().observer()).isSameAs(ScopeObserver.NONE);
  }

  /** Throws from every event. */
  private static final class Throwing implements ScopeObserver {
    @Override
    public ScopeObservation scopeOpened(ScopeInfo scope) {
      throw new IllegalStateException("scopeOpened");
    }

    @Override
    public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
      throw new IllegalStateException("taskStarted");
    }

    @Override
    public void resourceRegistered(ScopeInfo scope) {
      throw new IllegalStateException("resourceRegistered");
    }

    @Override
    public void resourceDisposed(ScopeInfo scope, Throwable failure) {
      throw new IllegalStateException("resourceDisposed");
    }

    @Override
    public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
      throw new IllegalStateException("closeTimedOut");
    }
  }
}
