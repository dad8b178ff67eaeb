package io.gogoscope.observe;

import io.gogoscope.CancelReason;
import io.gogoscope.CircuitState;
import io.gogoscope.ScopeError;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Fans every event out to several observers, in order. Each observer gets its own observations
 * back as parents: the composite scope observation holds one observation per observer, and a task
 * started under it is started on each observer with that observer's part. An exception from one
 * observer is dropped (observers must not throw, see {@link ScopeObserver}) so the others still
 * receive the event.
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
    ScopeObservation[] parts = new ScopeObservation[observers.length];
    for (int i = 0; i < observers.length; i++) {
      parts[i] = ScopeObservation.NONE;
      try {
        ScopeObservation part = observers[i].scopeOpened(scope, partOf(parent, i));
        if (part != null) {
          parts[i] = part;
        }
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    return new CompositeScopeObservation(this, parts);
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    TaskObservation[] parts = new TaskObservation[observers.length];
    for (int i = 0; i < observers.length; i++) {
      parts[i] = TaskObservation.NONE;
      try {
        TaskObservation part = observers[i].taskStarted(task, partOf(scope, i));
        if (part != null) {
          parts[i] = part;
        }
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    return new CompositeTaskObservation(parts);
  }

  @Override
  public TaskObserver taskObserver(TaskKind kind) {
    TaskObserver[] parts = new TaskObserver[observers.length];
    for (int i = 0; i < observers.length; i++) {
      parts[i] = TaskObserver.NONE;
      try {
        TaskObserver part = observers[i].taskObserver(kind);
        if (part != null) {
          parts[i] = part;
        }
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    if (parts.length == 2) { // tracing and metrics: one small object per task, no arrays
      TaskObserver first = parts[0];
      TaskObserver second = parts[1];
      return (index, attributes, scope) ->
          PairTaskObservation.of(
              start(first, index, attributes, partOf(scope, 0)),
              start(second, index, attributes, partOf(scope, 1)));
    }
    return (index, attributes, scope) -> {
      TaskObservation[] started = new TaskObservation[parts.length];
      for (int i = 0; i < parts.length; i++) {
        started[i] = start(parts[i], index, attributes, partOf(scope, i));
      }
      return new CompositeTaskObservation(started);
    };
  }

  private static TaskObservation start(
      TaskObserver observer, int index, TaskInfo.TaskAttributes attributes, ScopeObservation scope) {
    try {
      TaskObservation observation = observer.started(index, attributes, scope);
      return observation == null ? TaskObservation.NONE : observation;
    } catch (RuntimeException e) {
      return TaskObservation.NONE; // dropped: see the class comment
    }
  }

  @Override
  public void resourceRegistered(ScopeInfo scope) {
    each(o -> o.resourceRegistered(scope));
  }

  @Override
  public void resourceDisposed(ScopeInfo scope, Throwable failure) {
    each(o -> o.resourceDisposed(scope, failure));
  }

  @Override
  public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
    each(o -> o.closeTimedOut(scope, unfinishedTasks));
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    each(o -> o.circuitStateChanged(name, from, to));
  }

  @Override
  public void lockOutcome(String name, LockOutcome outcome) {
    each(o -> o.lockOutcome(name, outcome));
  }

  @Override
  public void rateLimitOutcome(String name, boolean allowed) {
    each(o -> o.rateLimitOutcome(name, allowed));
  }

  /** Observer {@code i}'s own part of {@code scope}, when {@code scope} is one of this composite's. */
  private ScopeObservation partOf(ScopeObservation scope, int i) {
    return scope instanceof CompositeScopeObservation composite && composite.owner == this
        ? composite.parts[i]
        : scope;
  }

  private void each(Consumer<ScopeObserver> event) {
    for (ScopeObserver observer : observers) {
      tryRun(() -> event.accept(observer));
    }
  }

  private static void tryRun(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // dropped: see the class comment
    }
  }

  /**
   * Makes each of {@code count} parts current; the handle restores them in reverse order. When at
   * most one part has anything to restore (a metrics observer has nothing), that part's handle is
   * the handle.
   */
  private static Restore makeAllCurrent(int count, IntFunction<Restore> makeCurrent) {
    Restore[] restores = new Restore[count];
    int real = 0;
    Restore last = Restore.NOTHING;
    for (int i = 0; i < count; i++) {
      restores[i] = Restore.NOTHING;
      try {
        Restore restore = makeCurrent.apply(i);
        if (restore != null && restore != Restore.NOTHING) {
          restores[i] = restore;
          last = restore;
          real++;
        }
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
    if (real <= 1) {
      return last;
    }
    return () -> {
      for (int i = restores.length - 1; i >= 0; i--) {
        tryRun(restores[i]::close);
      }
    };
  }

  private record CompositeScopeObservation(CompositeObserver owner, ScopeObservation[] parts)
      implements ScopeObservation {
    @Override
    public Restore makeCurrent() {
      return makeAllCurrent(parts.length, i -> parts[i].makeCurrent());
    }

    @Override
    public void closed(Duration lifetime, CancelReason cancelReason) {
      for (ScopeObservation part : parts) {
        tryRun(() -> part.closed(lifetime, cancelReason));
      }
    }
  }

  private record CompositeTaskObservation(TaskObservation[] parts) implements TaskObservation {
    @Override
    public Restore makeCurrent() {
      return makeAllCurrent(parts.length, i -> parts[i].makeCurrent());
    }

    @Override
    public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
      for (TaskObservation part : parts) {
        tryRun(() -> part.retrying(failedAttempt, delay, failure));
      }
    }

    @Override
    public void finished(Duration duration, Outcome outcome) {
      for (TaskObservation part : parts) {
        tryRun(() -> part.finished(duration, outcome));
      }
    }

    @Override
    public void finished(long nanos, ScopeError error, int attempts) {
      for (TaskObservation part : parts) {
        finish(part, nanos, error, attempts);
      }
    }
  }

  private static void finish(TaskObservation part, long nanos, ScopeError error, int attempts) {
    try {
      part.finished(nanos, error, attempts);
    } catch (RuntimeException e) {
      // dropped: see the class comment
    }
  }

  private static Restore makeCurrent(TaskObservation part) {
    try {
      Restore restore = part.makeCurrent();
      return restore == null ? Restore.NOTHING : restore;
    } catch (RuntimeException e) {
      return Restore.NOTHING; // dropped: see the class comment
    }
  }

  /** Two observers' observations of one task (tracing and metrics), without arrays. */
  private record PairTaskObservation(TaskObservation first, TaskObservation second)
      implements TaskObservation {

    static TaskObservation of(TaskObservation first, TaskObservation second) {
      if (first == TaskObservation.NONE) {
        return second;
      }
      return second == TaskObservation.NONE ? first : new PairTaskObservation(first, second);
    }

    @Override
    public Restore makeCurrent() {
      Restore one = CompositeObserver.makeCurrent(first);
      Restore two = CompositeObserver.makeCurrent(second);
      if (one == Restore.NOTHING) {
        return two;
      }
      if (two == Restore.NOTHING) {
        return one;
      }
      return () -> {
        tryRun(two::close);
        tryRun(one::close);
      };
    }

    @Override
    public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
      tryRun(() -> first.retrying(failedAttempt, delay, failure));
      tryRun(() -> second.retrying(failedAttempt, delay, failure));
    }

    @Override
    public void finished(Duration duration, Outcome outcome) {
      finished(duration.toNanos(), outcome.error(), outcome.attempts());
    }

    @Override
    public void finished(long nanos, ScopeError error, int attempts) {
      finish(first, nanos, error, attempts);
      finish(second, nanos, error, attempts);
    }
  }
}
