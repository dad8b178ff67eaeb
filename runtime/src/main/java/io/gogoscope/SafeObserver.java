package io.gogoscope;

import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import java.time.Duration;
import java.util.List;

/**
 * Shields the runtime from its observers: every call into an observer, an observation or a restore
 * handle that throws an exception is dropped. {@link ScopeObserver}'s contract says observers must
 * not throw, and observation must never change what the observed code does, so there is no caller
 * that could act on such an exception.
 */
final class SafeObserver implements ScopeObserver {
  private final ScopeObserver delegate;

  private SafeObserver(ScopeObserver delegate) {
    this.delegate = delegate;
  }

  /** {@code observer} made safe; {@link ScopeObserver#NONE} stays itself, so it can be skipped. */
  static ScopeObserver wrap(ScopeObserver observer) {
    return observer == ScopeObserver.NONE || observer instanceof SafeObserver ? observer : new SafeObserver(observer);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    return scopeOpened(scope, ScopeObservation.NONE);
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
    try {
      ScopeObservation observation = delegate.scopeOpened(scope, unwrap(parent));
      return observation == null ? ScopeObservation.NONE : new SafeScopeObservation(observation);
    } catch (RuntimeException e) {
      return ScopeObservation.NONE; // dropped: see the class comment
    }
  }

  private static ScopeObservation unwrap(ScopeObservation scope) {
    return scope instanceof SafeScopeObservation safe ? safe.delegate : scope;
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    ScopeObservation parent = unwrap(scope);
    try {
      TaskObservation observation = delegate.taskStarted(task, parent);
      return observation == null ? TaskObservation.NONE : new SafeTaskObservation(observation);
    } catch (RuntimeException e) {
      return TaskObservation.NONE; // dropped: see the class comment
    }
  }

  @Override
  public TaskObserver taskObserver(TaskKind kind) {
    TaskObserver resolved;
    try {
      resolved = delegate.taskObserver(kind);
    } catch (RuntimeException e) {
      resolved = null; // dropped: see the class comment
    }
    if (resolved == null) {
      return TaskObserver.NONE;
    }
    TaskObserver observer = resolved;
    // The observation goes back unwrapped: the runtime calls into it through Observations, which
    // shields each call, so no wrapper is allocated per task.
    return (index, attributes, scope) -> {
      try {
        TaskObservation observation = observer.started(index, attributes, unwrap(scope));
        return observation == null ? TaskObservation.NONE : observation;
      } catch (RuntimeException e) {
        return TaskObservation.NONE; // dropped: see the class comment
      }
    };
  }

  @Override
  public void resourceRegistered(ScopeInfo scope) {
    quietly(() -> delegate.resourceRegistered(scope));
  }

  @Override
  public void resourceDisposed(ScopeInfo scope, Throwable failure) {
    quietly(() -> delegate.resourceDisposed(scope, failure));
  }

  @Override
  public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
    quietly(() -> delegate.closeTimedOut(scope, unfinishedTasks));
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    quietly(() -> delegate.circuitStateChanged(name, from, to));
  }

  @Override
  public void lockOutcome(String name, LockOutcome outcome) {
    quietly(() -> delegate.lockOutcome(name, outcome));
  }

  @Override
  public void rateLimitOutcome(String name, boolean allowed) {
    quietly(() -> delegate.rateLimitOutcome(name, allowed));
  }

  private static Restore safe(Restore restore) {
    if (restore == null || restore == Restore.NOTHING) {
      return Restore.NOTHING;
    }
    return () -> quietly(restore::close);
  }

  private static void quietly(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      // dropped: see the class comment
    }
  }

  private record SafeScopeObservation(ScopeObservation delegate) implements ScopeObservation {
    @Override
    public Restore makeCurrent() {
      try {
        return safe(delegate.makeCurrent());
      } catch (RuntimeException e) {
        return Restore.NOTHING; // dropped: see the class comment
      }
    }

    @Override
    public void closed(Duration lifetime, CancelReason cancelReason) {
      quietly(() -> delegate.closed(lifetime, cancelReason));
    }
  }

  /**
   * A task's observation made safe. It is its own restore handle: a task's observation is made
   * current once, on the thread that runs it, so holding the delegate's handle in a field spares
   * an allocation per task.
   */
  private static final class SafeTaskObservation implements TaskObservation, Restore {
    private final TaskObservation delegate;
    private Restore restore;

    SafeTaskObservation(TaskObservation delegate) {
      this.delegate = delegate;
    }

    @Override
    public Restore makeCurrent() {
      Restore made;
      try {
        made = delegate.makeCurrent();
      } catch (RuntimeException e) {
        return Restore.NOTHING; // dropped: see the class comment
      }
      if (made == null || made == Restore.NOTHING) {
        return Restore.NOTHING;
      }
      if (restore != null) {
        return safe(made); // made current a second time: a handle of its own
      }
      restore = made;
      return this;
    }

    @Override
    public void close() {
      Restore made = restore;
      if (made != null) {
        restore = null;
        try {
          made.close();
        } catch (RuntimeException e) {
          // dropped: see the class comment
        }
      }
    }

    @Override
    public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
      quietly(() -> delegate.retrying(failedAttempt, delay, failure));
    }

    @Override
    public void finished(Duration duration, Outcome outcome) {
      quietly(() -> delegate.finished(duration, outcome));
    }

    @Override
    public void finished(long nanos, ScopeError error, int attempts) {
      try {
        delegate.finished(nanos, error, attempts);
      } catch (RuntimeException e) {
        // dropped: see the class comment
      }
    }
  }
}
