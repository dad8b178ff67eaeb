package io.gogoscope;

import java.util.Optional;

/**
 * Work forked into a {@link Scope}, running on a virtual thread. {@link #join()} waits for it and
 * returns its {@link Result}; it never throws (an {@link Error} thrown by the body is rethrown
 * there, because errors are never turned into values).
 *
 * @param <E> the error type
 * @param <T> the value type
 */
public final class Task<E, T> {

  private Task() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The task's name. */
  public String name() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The task's position among the tasks forked in its scope, from 0. */
  public int index() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The scope the task runs in. */
  public Scope scope() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Waits for the task to finish and returns its result. When the waiting thread is interrupted,
   * returns a cancelled error with {@link CancelReason.Interrupted} and keeps the interrupt flag set.
   */
  public Result<E, T> join() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** {@code true} once the task has a result. */
  public boolean isDone() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The result if the task has finished, without waiting. */
  public Optional<Result<E, T>> poll() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Cancels this task alone: it is interrupted, and its result becomes cancelled with {@code reason}. */
  public void cancel(Object reason) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
