package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskObservation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ScopeObserver#compose}: every observer gets every event, with its own parents. */
@Timeout(60)
class CompositeObserverTest {

  @Test
  void composingNothingOrNonesGivesNone() {
    assertThat(ScopeObserver.compose(List.of())).isSameAs(ScopeObserver.NONE);
    assertThat(ScopeObserver.compose(List.of(ScopeObserver.NONE, ScopeObserver.NONE))).isSameAs(ScopeObserver.NONE);
    RecordingObserver one = new RecordingObserver();
    assertThat(ScopeObserver.compose(List.of(ScopeObserver.NONE, one))).isSameAs(one);
  }

  @Test
  void everyObserverReceivesEveryEventWithItsOwnScopeAsParent() {
    RecordingObserver first = new RecordingObserver();
    RecordingObserver second = new RecordingObserver();
    ScopeRuntime runtime = ScopeRuntime.builder().nameThreads(true).observer(first).observer(second).build();
    Guard guard = runtime.guard("g").timeout(Duration.ofSeconds(5)).build();
    try (Scope scope = runtime.scope("both").closeGrace(Duration.ofSeconds(5)).open()) {
      scope.register(() -> {
        throw new IOException("leak");
      });
      scope.fork("t", () -> 1).join();
      guard.call(() -> 2);
    } catch (ScopeCloseException expected) {
      assertThat(expected.getCause()).hasMessage("leak");
    }
    runtime.observer().circuitStateChanged("cb", CircuitState.CLOSED, CircuitState.OPEN);
    runtime.observer().lockOutcome("l", ScopeObserver.LockOutcome.ACQUIRED);
    runtime.observer().rateLimitOutcome("r", false);
    runtime.observer().closeTimedOut(new ScopeInfo("x", false, null, 0), List.of("x-t-0"));

    assertThat(first.events).isEqualTo(second.events);
    assertThat(first.events).contains(
        "scope opened both",
        "scope current both",
        "resource registered in both",
        "task started t in both on both-t-0",
        "task finished t ok attempts=1",
        "task started g in both on " + Thread.currentThread().getName(),
        "task finished g ok attempts=1",
        "resource disposed in both failed: leak",
        "scope restored both",
        "scope closed both",
        "circuit cb CLOSED -> OPEN",
        "lock l ACQUIRED",
        "rate limit r refused",
        "close timed out in x: [x-t-0]");
  }

  @Test
  void oneObserverThrowingDoesNotStopTheOthers() {
    RecordingObserver healthy = new RecordingObserver();
    ScopeObserver broken = new ScopeObserver() {
      @Override
      public ScopeObservation scopeOpened(ScopeInfo scope) {
        throw new IllegalStateException("broken");
      }

      @Override
      public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
        return new TaskObservation() {
          @Override
          public void finished(Duration duration, ScopeObserver.Outcome outcome) {
            throw new IllegalStateException("broken");
          }
        };
      }

      @Override
      public void rateLimitOutcome(String name, boolean allowed) {
        throw new IllegalStateException("broken");
      }
    };
    ScopeObserver composite = ScopeObserver.compose(List.of(broken, healthy));
    ScopeObservation scope = composite.scopeOpened(new ScopeInfo("s", false, null, 0));
    TaskObservation task = composite.taskStarted(new TaskInfo("t", 0, false, false, false, TaskInfo.TaskAttributes.NONE), scope);
    task.makeCurrent().close();
    task.finished(Duration.ZERO, new ScopeObserver.Outcome(null, 1));
    composite.rateLimitOutcome("r", true);
    scope.closed(Duration.ZERO, null);
    assertThat(healthy.events).containsExactly(
        "scope opened s",
        "task started t in s on " + Thread.currentThread().getName(),
        "task current t",
        "task restored t",
        "task finished t ok attempts=1",
        "rate limit r allowed",
        "scope closed s");
  }

  @Test
  void compositeMakesCurrentInOrderAndRestoresInReverseOrder() {
    List<String> shared = new CopyOnWriteArrayList<>();
    ScopeObserver composite = ScopeObserver.compose(List.of(new Named("A", shared), new Named("B", shared)));
    ScopeObservation scope = composite.scopeOpened(new ScopeInfo("s", false, null, 0));
    scope.makeCurrent().close();
    TaskObservation task = composite.taskStarted(
        new TaskInfo("t", 0, false, false, false, TaskInfo.TaskAttributes.NONE), scope);
    task.makeCurrent().close();
    assertThat(shared).containsExactly(
        "A scope current", "B scope current", "B scope restored", "A scope restored",
        "A task under A's scope", "B task under B's scope",
        "A task current", "B task current", "B task restored", "A task restored");
  }

  /** Writes to a list shared with other observers, so the order across observers shows. */
  private record Named(String name, List<String> shared) implements ScopeObserver {
    @Override
    public ScopeObservation scopeOpened(ScopeInfo scope) {
      return new NamedScope(this);
    }

    @Override
    public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
      shared.add(name + " task under " + ((NamedScope) scope).owner().name() + "'s scope");
      return new TaskObservation() {
        @Override
        public Restore makeCurrent() {
          shared.add(name + " task current");
          return () -> shared.add(name + " task restored");
        }
      };
    }
  }

  private record NamedScope(Named owner) implements ScopeObservation {
    @Override
    public Restore makeCurrent() {
      owner.shared().add(owner.name() + " scope current");
      return () -> owner.shared().add(owner.name() + " scope restored");
    }
  }
}
