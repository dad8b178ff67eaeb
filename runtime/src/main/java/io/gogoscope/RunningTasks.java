package io.gogoscope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The tasks of one {@link Scope} that have started and not yet finished: how many there are (what
 * {@link Scope#close()} waits for), and which (what cancellation interrupts, and what close names
 * when its grace runs out). Lock-free, because a fork and a finishing task both come here: with a
 * lock, the forking thread and the task threads ending on the carriers contended for it on every
 * task, and that was most of a fork's cost beyond starting its thread.
 *
 * <h2>How</h2>
 * <ul>
 *   <li>A <b>count</b>: {@link #add} increments it, {@link #finished} decrements it and wakes the
 *       closing thread when it reaches zero. The closer publishes itself, then reads the count; a
 *       finisher decrements, then reads the closer: one of them sees the other (volatile accesses are
 *       sequentially consistent).
 *   <li>A <b>stack</b> of tasks threaded through {@link Task#olderRunning}, pushed by a CAS on its
 *       head. Nothing is removed when a task finishes; instead, a push now and then
 *       {@link #prune prunes} the tasks that are {@linkplain Task#isDone() done}, so a long-lived
 *       scope holds only about twice its running tasks. One thread prunes at a time, and it only
 *       ever rewrites the link of a task to skip a done one; a walk (a cancellation, the
 *       stragglers' names) that stands on a task just unlinked still reaches every task older than
 *       it through the unlinked task's own link. A walk may meet done tasks: interrupting one does
 *       nothing, and they are not named.
 * </ul>
 */
final class RunningTasks {
  private static final int MIN_PRUNE_INTERVAL = 32;

  private static final VarHandle NEWEST;
  private static final VarHandle COUNT;
  private static final VarHandle PRUNING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEWEST = lookup.findVarHandle(RunningTasks.class, "newest", Task.class);
      COUNT = lookup.findVarHandle(RunningTasks.class, "count", int.class);
      PRUNING = lookup.findVarHandle(RunningTasks.class, "pruning", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Task<?, ?> newest;
  private volatile int count;
  private volatile boolean pruning;
  private volatile Thread closer;

  // Only a heuristic for when to prune: racy increments from concurrent forks may lose a few.
  private int pushesSincePrune;
  private int pruneInterval = MIN_PRUNE_INTERVAL;

  /** Counts {@code task} and pushes it; call before its thread starts. */
  void add(Task<?, ?> task) {
    COUNT.getAndAdd(this, 1);
    Task<?, ?> head;
    do {
      head = newest;
      task.olderRunning = head;
    } while (!NEWEST.compareAndSet(this, head, task));
    if (++pushesSincePrune >= pruneInterval) {
      prune();
    }
  }

  /** Stops counting {@code task}, which is done; wakes a waiting closer when it was the last. */
  void finished() {
    if ((int) COUNT.getAndAdd(this, -1) == 1) {
      Thread waiting = closer;
      if (waiting != null) {
        LockSupport.unpark(waiting);
      }
    }
  }

  /** How many tasks are counted. */
  int count() {
    return count;
  }

  /** How many tasks the stack links, done ones not yet pruned included (for tests). */
  int linked() {
    int n = 0;
    for (Task<?, ?> t = newest; t != null; t = t.olderRunning) {
      n++;
    }
    return n;
  }

  /** Whether a task here has no result yet (one whose result is out is only tidying up). */
  boolean anyUnfinished() {
    for (Task<?, ?> t = newest; t != null; t = t.olderRunning) {
      if (!t.isDone()) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code action} on every task pushed so far that may still be unfinished. */
  void forEach(Consumer<Task<?, ?>> action) {
    for (Task<?, ?> t = newest; t != null; t = t.olderRunning) {
      if (!t.isDone()) {
        action.accept(t);
      }
    }
  }

  /**
   * Parks the calling thread (the scope's one closer) until the count is zero or
   * {@code timeoutNanos} have passed; {@code true} when it reached zero. An interrupt does not end
   * the wait (closing must still wait for the tasks); the flag is restored before returning.
   */
  boolean awaitNone(long timeoutNanos) {
    if (count == 0) {
      return true;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    Thread current = Thread.currentThread();
    boolean interrupted = false;
    closer = current;
    try {
      while (count != 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        LockSupport.parkNanos(this, left);
        interrupted |= Thread.interrupted();
      }
      return true;
    } finally {
      closer = null;
      if (interrupted) {
        current.interrupt();
      }
    }
  }

  /** The names of the threads of the tasks still unfinished, sorted. */
  List<String> unfinishedThreadNames() {
    List<String> names = new ArrayList<>();
    forEach(task -> names.add(task.threadName()));
    names.sort(null);
    return List.copyOf(names);
  }

  /**
   * Unlinks the done tasks, unless another thread is at it. The newest task stays even if done: a
   * push may be swinging the head from it right now.
   */
  private void prune() {
    if (!PRUNING.compareAndSet(this, false, true)) {
      return;
    }
    try {
      int kept = 0;
      Task<?, ?> previous = newest;
      if (previous != null) {
        kept = 1;
        for (Task<?, ?> t = previous.olderRunning; t != null; t = t.olderRunning) {
          if (t.isDone()) {
            previous.olderRunning = t.olderRunning;
          } else {
            previous = t;
            kept++;
          }
        }
      }
      pushesSincePrune = 0;
      pruneInterval = Math.max(MIN_PRUNE_INTERVAL, 2 * kept);
    } finally {
      pruning = false;
    }
  }
}
