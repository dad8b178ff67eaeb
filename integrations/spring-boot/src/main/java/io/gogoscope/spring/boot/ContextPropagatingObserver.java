package io.gogoscope.spring.boot;

import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskObservation;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Carries the ThreadLocals that Micrometer's context-propagation knows (MDC through its SLF4J
 * accessor, Spring Security's context, Micrometer's observations, ...) from the thread that opens a
 * scope into the tasks forked in it, as Spring's {@code ContextPropagatingTaskDecorator} does for
 * its executors. The snapshot is taken when the scope opens and set around each task's body.
 */
final class ContextPropagatingObserver implements ScopeObserver {
  private final ContextSnapshotFactory snapshots;

  ContextPropagatingObserver(ContextSnapshotFactory snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    return new Captured(snapshots.captureAll());
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    // Guarded calls outside a scope run on the caller's thread, whose context is already there.
    return scope instanceof Captured captured ? captured : TaskObservation.NONE;
  }

  /** The context of the thread that opened a scope, set around each of its tasks. */
  private record Captured(ContextSnapshot snapshot) implements ScopeObservation, TaskObservation {
    @Override
    public Restore makeCurrent() {
      ContextSnapshot.Scope restore = snapshot.setThreadLocals();
      return restore::close;
    }
  }
}
