package io.gogoscope.observe;

import io.gogoscope.CircuitState;
import io.gogoscope.ScopeError;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fans events out to several observers. Each observer gets back exactly the observations it made
 * itself: a scope observation of the composite holds one per observer, and a task started in it
 * hands observer {@code i} the scope observation that observer {@code i} made. An observer that
 * throws is skipped for that event (the SPI forbids throwing, and one broken observer must not
 * silence the others).
 */
final class CompositeObserver implements ScopeObserver {
  private final ScopeObserver[] observers;

  private CompositeObserver(List<ScopeObserver> observers) {
    this.observers = observers.toArray(ScopeObserver[]::new);
  }

  static ScopeObserver of(List<ScopeObserver> observers) {
    List<ScopeObserver> real = observers.stream().filter(o -> o != ScopeObserver.NONE).toList();
    if (real.isEmpty()) {
      return ScopeObserver.NONE;
    }
    if (real.size() == 1) {
      return real.get(0);
    }
    return new CompositeObserver(real);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    return scopeOpened(scope, ScopeObservation.NONE);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
    ScopeObservation[] each = new ScopeObservation[observers.length];
    for (int i = 0; i < observers.length; i++) {
      ScopeObservation parentOfThis = own(parent, i);
      ScopeObserver observer = observers[i];
      each[i] = attempt(() -> observer.scopeOpened(scope, parentOfThis), ScopeObservation.NONE);
    }
    return new Scopes(each);
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    TaskObservation[] each = new TaskObservation[observers.length];
    for (int i = 0; i < observers.length; i++) {
      ScopeObservation scopeOfThis = own(scope, i);
      ScopeObserver observer = observers[i];
      each[i] = attempt(() -> observer.taskStarted(task, scopeOfThis), TaskObservation.NONE);
    }
    return new Tasks(each);
  }

  @Override
  public void resourceRegistered(ScopeInfo scope) {
    forEach(observers, o -> o.resourceRegistered(scope));
  }

  @Override
  public void resourceDisposed(ScopeInfo scope, Throwable failure) {
    forEach(observers, o -> o.resourceDisposed(scope, failure));
  }

  @Override
  public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
    forEach(observers, o -> o.closeTimedOut(scope, unfinishedTasks));
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    forEach(observers, o -> o.circuitStateChanged(name, from, to));
  }

  @Override
  public void lockOutcome(String name, LockOutcome outcome) {
    forEach(observers, o -> o.lockOutcome(name, outcome));
  }

  @Override
  public void rateLimitOutcome(String name, boolean allowed) {
    forEach(observers, o -> o.rateLimitOutcome(name, allowed));
  }

  /** The observation observer {@code i} made, when {@code scope} is one of ours. */
  private ScopeObservation own(ScopeObservation scope, int i) {
    if (scope instanceof Scopes composite && composite.each.length == observers.length) {
      return composite.each[i];
    }
    return scope;
  }

  private static <T> void forEach(T[] targets, Consumer<T> event) {
    for (T target : targets) {
      attempt(
          () -> {
            event.accept(target);
            return null;
          },
          null);
    }
  }

  private static <R> R attempt(Supplier<R> call, R fallback) {
    try {
      return call.get();
    } catch (RuntimeException dropped) {
      // Observation must never break the observed code, nor one observer the others (see the SPI).
      return fallback;
    }
  }

  /** Makes every observation current; the handle restores them in reverse order. */
  private static <T> Restore makeAllCurrent(T[] observations, Function<T, Restore> makeCurrent) {
    Restore[] handles = new Restore[observations.length];
    for (int i = 0; i < observations.length; i++) {
      T one = observations[i];
      handles[i] = attempt(() -> makeCurrent.apply(one), Restore.NOTHING);
    }
    return () -> {
      for (int i = handles.length - 1; i >= 0; i--) {
        Restore handle = handles[i];
        attempt(
            () -> {
              handle.close();
              return null;
            },
            null);
      }
    };
  }

  private record Scopes(ScopeObservation[] each) implements ScopeObservation {
    @Override
    public Restore makeCurrent() {
      return makeAllCurrent(each, ScopeObservation::makeCurrent);
    }

    @Override
    public void closed(Duration lifetime, Object cancelReason) {
      forEach(each, o -> o.closed(lifetime, cancelReason));
    }
  }

  private record Tasks(TaskObservation[] each) implements TaskObservation {
    @Override
    public Restore makeCurrent() {
      return makeAllCurrent(each, TaskObservation::makeCurrent);
    }

    @Override
    public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
      forEach(each, o -> o.retrying(failedAttempt, delay, failure));
    }

    @Override
    public void finished(Duration duration, ScopeObserver.Outcome outcome) {
      forEach(each, o -> o.finished(duration, outcome));
    }
  }
}
