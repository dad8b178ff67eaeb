package io.gogoscope.observe.micrometer;

import io.gogoscope.ScopeError;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one task name, resolved once per guard as its {@link TaskObserver}. It is also the
 * observation of every task of that name: the SPI hands all a task's outcome to {@link #finished},
 * so nothing per task needs allocating.
 */
final class TaskMeters implements TaskObserver, TaskObservation {
  private final MeterFactory meters;
  private final String task;
  private final AtomicInteger active;
  private final Counter spawned;
  private final Counter completed;
  private final Timer succeeded;
  private final Timer failed;
  private final BoundedCache<Counter> failures;
  private final BoundedCache<Counter> retries;

  TaskMeters(MeterFactory meters, String task, AtomicInteger active) {
    this.meters = meters;
    this.task = task;
    this.active = active;
    this.spawned = meters.counter("tasks.spawned", "Tasks started", "task", task);
    this.completed = meters.counter("tasks.completed", "Tasks that succeeded", "task", task);
    this.succeeded = meters.taskTimer(task, "success");
    this.failed = meters.taskTimer(task, "failure");
    // The reasons are ScopeError kinds: a handful of stable names, bounded again for safety.
    this.failures =
        new BoundedCache<>(
            MeterFactory.MAX_ERROR_REASONS,
            reason ->
                meters.counter("tasks.failed", "Tasks that failed", "task", task, "reason", reason));
    this.retries =
        new BoundedCache<>(
            MeterFactory.MAX_ERROR_REASONS,
            reason ->
                meters.counter(
                    "task.retries", "Failed attempts that were retried", "task", task, "reason", reason));
  }

  TaskObservation started() {
    spawned.increment();
    active.incrementAndGet();
    return this;
  }

  @Override
  public TaskObservation started(int index, TaskAttributes attributes, ScopeObservation scope) {
    return started();
  }

  @Override
  public void retrying(int failedAttempt, Duration delay, ScopeError failure) {
    retries.get(failure.kind()).increment();
  }

  @Override
  public void finished(Duration duration, ScopeObserver.Outcome outcome) {
    finished(duration.toNanos(), outcome.error(), outcome.attempts());
  }

  @Override
  public void finished(long nanos, ScopeError error, int attempts) {
    active.decrementAndGet();
    if (error == null) {
      completed.increment();
      succeeded.record(nanos, TimeUnit.NANOSECONDS);
    } else {
      failures.get(error.kind()).increment();
      failed.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public String toString() {
    return "TaskMeters[" + task + " in " + meters + "]";
  }
}
