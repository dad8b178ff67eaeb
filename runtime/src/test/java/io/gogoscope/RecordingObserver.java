package io.gogoscope;

import io.gogoscope.observe.Restore;
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
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes every event it receives as a line of text, and keeps what tests need to check. */
final class RecordingObserver implements ScopeObserver {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<TaskInfo> tasks = new CopyOnWriteArrayList<>();
  final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  final List<Throwable> disposalFailures = new CopyOnWriteArrayList<>();
  final Map<String, Map<String, Object>> attributes = new ConcurrentHashMap<>();

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    events.add("scope opened " + scope.name() + (scope.hasParent() ? " (child)" : ""));
    return new ScopeSeen(scope.name());
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    tasks.add(task);
    Map<String, Object> written = new ConcurrentHashMap<>();
    task.attributes().writeTo(written::put);
    attributes.put(task.name(), written);
    String parent = scope instanceof ScopeSeen s ? s.name : "none";
    events.add("task started " + task.name() + " in " + parent + " on " + Thread.currentThread().getName());
    return new TaskSeen(task.name());
  }

  @Override
  public void resourceRegistered(ScopeInfo scope) {
    events.add("resource registered in " + scope.name());
  }

  @Override
  public void resourceDisposed(ScopeInfo scope, Throwable failure) {
    events.add("resource disposed in " + scope.name() + (failure == null ? "" : " failed: " + failure.getMessage()));
    if (failure != null) {
      disposalFailures.add(failure);
    }
  }

  @Override
  public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
    events.add("close timed out in " + scope.name() + ": " + unfinishedTasks);
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    events.add("circuit " + name + " " + from + " -> " + to);
  }

  @Override
  public void lockOutcome(String name, LockOutcome outcome) {
    events.add("lock " + name + " " + outcome);
  }

  @Override
  public void rateLimitOutcome(String name, boolean allowed) {
    events.add("rate limit " + name + (allowed ? " allowed" : " refused"));
  }

  /** Events that start with {@code prefix}. */
  List<String> events(String prefix) {
    List<String> matching = new ArrayList<>();
    for (String event : events) {
      if (event.startsWith(prefix)) {
        matching.add(event);
      }
    }
    return matching;
  }

  private final class ScopeSeen implements ScopeObservation {
    final String name;

    ScopeSeen(String name) {
      this.name = name;
    }

    @Override
    public Restore makeCurrent() {
      events.add("scope current " + name);
      return () -> events.add("scope restored " + name);
    }

    @Override
    public void closed(Duration lifetime, CancelReason cancelReason) {
      events.add("scope closed " + name + (cancelReason == null ? "" : " cancelled: " + cancelReason));
    }
  }

  private final class TaskSeen implements TaskObservation {
    final String name;

    TaskSeen(String name) {
      this.name = name;
    }

    @Override
    public Restore makeCurrent() {
      events.add("task current " + name);
      return () -> events.add("task restored " + name);
    }

    @Override
    public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
      events.add("task retrying " + name + " after attempt " + failedAttempt + " in " + delay + ": " + failure.kind());
    }

    @Override
    public void finished(Duration duration, Outcome outcome) {
      outcomes.add(outcome);
      events.add("task finished " + name + " "
          + (outcome.error() == null ? "ok" : outcome.error().kind()) + " attempts=" + outcome.attempts());
    }
  }
}
