package io.gogoscope.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // observations are made current only for the extent of a try block
class CompositeObserverTest {

  /** Records what it sees, and hands out observations that remember who made them. */
  private static final class Recording implements ScopeObserver {
    final String name;
    final List<String> events = new ArrayList<>();

    Recording(String name) {
      this.name = name;
    }

    record Mine(String owner, String scope) implements ScopeObservation {}

    @Override
    public ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
      events.add("open " + scope.name() + " under " + parent);
      return new Mine(name, scope.name());
    }

    @Override
    public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
      events.add("task " + task.name() + " in " + scope);
      return new TaskObservation() {
        @Override
        public Restore makeCurrent() {
          events.add("current " + task.name());
          return () -> events.add("restored " + task.name());
        }

        @Override
        public void finished(Duration duration, Outcome outcome) {
          events.add("finished " + task.name());
        }
      };
    }

    @Override
    public void circuitStateChanged(String breaker, CircuitState from, CircuitState to) {
      events.add("circuit " + breaker + " " + to);
    }
  }

  @Test
  void noneAndSingleObserversAreNotWrapped() {
    Recording one = new Recording("one");
    assertThat(ScopeObserver.compose(List.of())).isSameAs(ScopeObserver.NONE);
    assertThat(ScopeObserver.compose(List.of(ScopeObserver.NONE, ScopeObserver.NONE)))
        .isSameAs(ScopeObserver.NONE);
    assertThat(ScopeObserver.compose(List.of(ScopeObserver.NONE, one))).isSameAs(one);
  }

  @Test
  void eachObserverGetsBackItsOwnObservations() {
    Recording a = new Recording("a");
    Recording b = new Recording("b");
    ScopeObserver both = ScopeObserver.compose(List.of(a, b));

    ScopeObservation outer = both.scopeOpened(new ScopeInfo("outer", false, null, 0));
    ScopeObservation inner = both.scopeOpened(new ScopeInfo("inner", true, null, 0), outer);
    TaskObservation task =
        both.taskStarted(
            new TaskInfo("t", 0, false, false, false, TaskInfo.TaskAttributes.NONE), inner);
    try (Restore current = task.makeCurrent()) {
      both.circuitStateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN);
    }
    task.finished(Duration.ZERO, new ScopeObserver.Outcome(null, 1));

    assertThat(a.events)
        .containsExactly(
            "open outer under " + ScopeObservation.NONE,
            "open inner under Mine[owner=a, scope=outer]",
            "task t in Mine[owner=a, scope=inner]",
            "current t",
            "circuit payments OPEN",
            "restored t",
            "finished t");
    assertThat(b.events).element(1).isEqualTo("open inner under Mine[owner=b, scope=outer]");
  }

  @Test
  void aThrowingObserverDoesNotSilenceTheOthers() {
    ScopeObserver broken =
        new ScopeObserver() {
          @Override
          public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
            throw new IllegalStateException("broken observer");
          }

          @Override
          public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
            throw new IllegalStateException("broken observer");
          }
        };
    Recording working = new Recording("working");
    ScopeObserver both = ScopeObserver.compose(List.of(broken, working));

    both.circuitStateChanged("payments", CircuitState.OPEN, CircuitState.HALF_OPEN);
    both.taskStarted(
            new TaskInfo("t", 0, false, false, false, TaskInfo.TaskAttributes.NONE),
            ScopeObservation.NONE)
        .finished(Duration.ZERO, new ScopeObserver.Outcome(null, 1));

    assertThat(working.events)
        .containsExactly(
            "circuit payments HALF_OPEN", "task t in " + ScopeObservation.NONE, "finished t");
  }
}
