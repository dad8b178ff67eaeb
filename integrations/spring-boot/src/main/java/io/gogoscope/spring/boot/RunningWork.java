package io.gogoscope.spring.boot;

import io.gogoscope.CancelReason;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scopes and guarded calls of the starter's runtime that have started and not finished, so
 * that shutdown can wait for them ({@link GogoscopeLifecycle}). An observer of the runtime: one
 * set entry per open scope or call, removed when it ends.
 */
final class RunningWork implements ScopeObserver {
  private final Set<Object> running = ConcurrentHashMap.newKeySet();
  private final Object changed = new Object();

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
    Running entry = new Running("scope " + scope.name());
    running.add(entry);
    return entry;
  }

  @Override
  public TaskObserver taskObserver(TaskKind kind) {
    String name = "call " + kind.name();
    return (index, attributes, scope) -> {
      Running entry = new Running(name);
      running.add(entry);
      return entry;
    };
  }

  /** Whether nothing is running. */
  boolean isIdle() {
    return running.isEmpty();
  }

  /**
   * Waits until nothing runs or {@code wait} has passed.
   *
   * @return what still runs then, by name
   */
  List<String> awaitIdle(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (changed) {
      for (long left = wait.toNanos(); !running.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
        changed.wait(Math.max(1, left / 1_000_000));
      }
    }
    return running.stream().map(Object::toString).sorted().toList();
  }

  private void ended(Running entry) {
    running.remove(entry);
    if (running.isEmpty()) {
      synchronized (changed) {
        changed.notifyAll();
      }
    }
  }

  /** One open scope or running call. */
  private final class Running implements ScopeObservation, TaskObservation {
    private final String name;

    Running(String name) {
      this.name = name;
    }

    @Override
    public Restore makeCurrent() {
      return Restore.NOTHING;
    }

    @Override
    public void closed(Duration lifetime, CancelReason cancelReason) {
      ended(this);
    }

    @Override
    public void finished(long nanos, io.gogoscope.ScopeError error, int attempts) {
      ended(this);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
