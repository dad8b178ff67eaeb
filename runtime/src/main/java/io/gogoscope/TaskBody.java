package io.gogoscope;

import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskObservation;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What a {@link Task} runs, unless it is a plain {@link Callable} (which a task runs as it is): a
 * hand-written body with span attributes, a body that makes its own {@link Result}, or a
 * guarded call (which reports its own retries and attempts, so that one forked guarded call is one
 * observed task).
 */
abstract class TaskBody<E, T> {

  /** Runs the body on the task's thread; exceptions are mapped by the task. */
  abstract Result<E, T> run(TaskObservation observation) throws Exception;

  /** What the observer learns about the task. */
  TaskInfo info(String name, int index) {
    return plainInfo(name, index);
  }

  /** What the observer learns about a task that runs a plain {@link Callable}. */
  static TaskInfo plainInfo(String name, int index) {
    return new TaskInfo(name, index, false, false, false, TaskInfo.TaskAttributes.NONE);
  }

  /**
   * Starts the task's observation; a guarded call's body answers through its guard's handle,
   * resolved once, instead of describing itself per task.
   */
  TaskObservation observe(ScopeObserver observer, String name, int index, ScopeObservation scope) {
    return observer.taskStarted(info(name, index), scope);
  }

  /** Attempts the last {@link #run} made. */
  int attempts() {
    return 1;
  }

  /** A hand-written body whose observation carries {@code attributes}. */
  static <E, T> TaskBody<E, T> of(Callable<? extends T> body, TaskInfo.TaskAttributes attributes) {
    return new TaskBody<>() {
      @Override
      Result<E, T> run(TaskObservation observation) throws Exception {
        return new Result.Ok<>(body.call());
      }

      @Override
      TaskInfo info(String name, int index) {
        return new TaskInfo(name, index, false, false, false, attributes);
      }
    };
  }

  static <E, T> TaskBody<E, T> ofResult(Supplier<? extends Result<E, T>> body) {
    return new TaskBody<>() {
      @Override
      Result<E, T> run(TaskObservation observation) {
        Result<E, T> result = body.get();
        if (result == null) {
          throw new NullPointerException("the body of a forkResult task returned null instead of a Result");
        }
        return result;
      }
    };
  }
}
