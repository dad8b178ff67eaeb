package io.gogoscope.test.junit;

import io.gogoscope.CancelReason;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskObservation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes one test's runtime: the scopes open and the tasks running now, and the virtual threads
 * that ran its tasks. An observer sees every scope and task of the runtime it is configured on, so
 * this needs nothing from the runtime's internals.
 */
final class RuntimeTracker implements ScopeObserver {
  private final Map<ScopeObservation, String> openScopes = new ConcurrentHashMap<>();
  private final Map<TaskObservation, String> runningTasks = new ConcurrentHashMap<>();
  private final Map<Thread, String> taskThreads = new ConcurrentHashMap<>();

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    ScopeObservation observation = new ScopeObservation() {
      @Override
      public void closed(Duration lifetime, CancelReason cancelReason) {
        openScopes.remove(this);
      }
    };
    openScopes.put(observation, scope.name());
    return observation;
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    Thread thread = Thread.currentThread();
    String name = task.name() + " (on " + describe(thread) + ")";
    TaskObservation observation = new TaskObservation() {
      @Override
      public void finished(Duration duration, ScopeObserver.Outcome outcome) {
        runningTasks.remove(this);
      }
    };
    runningTasks.put(observation, name);
    if (thread.isVirtual()) {
      taskThreads.put(thread, task.name());
    }
    return observation;
  }

  /** The names of the scopes open now. */
  List<String> openScopes() {
    return new ArrayList<>(openScopes.values());
  }

  /** The tasks and guarded calls running now. */
  List<String> runningTasks() {
    return new ArrayList<>(runningTasks.values());
  }

  /** The virtual threads that ran tasks and are still alive, but {@code except}. */
  List<String> liveTaskThreads(Thread except) {
    List<String> alive = new ArrayList<>();
    taskThreads.forEach((thread, task) -> {
      if (thread != except && thread.isAlive()) {
        alive.add(describe(thread) + " of task " + task);
      }
    });
    return alive;
  }

  private static String describe(Thread thread) {
    return (thread.isVirtual() ? "virtual thread " : "thread ") + thread.threadId()
        + (thread.getName().isEmpty() ? "" : " '" + thread.getName() + "'");
  }
}
