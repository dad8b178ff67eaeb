package io.gogoscope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The tasks of one {@link Scope} that may not have finished: what {@link Scope#close()} waits for,
 * what cancellation interrupts, and what close names when its grace runs out. Only forks write
 * here; a finishing task writes nothing but its own fields. With a lock, and later with a count of
 * running tasks that forks incremented and finishing tasks decremented, the forking thread and the
 * task threads ending on the carriers fought over one cache line on every task, which made a
 * scope's fork and join up to twice as slow as raw virtual threads.
 *
 * <h2>How</h2>
 * <ul>
 *   <li>A <b>stack</b> of tasks threaded through {@link Task#olderRunning}, pushed by a CAS on its
 *       head. Nothing is removed when a task finishes; instead, a push now and then
 *       {@link #prune prunes} the tasks that are {@linkplain Task#isSettled() settled}, so a
 *       long-lived scope holds only about twice its running tasks. One thread prunes at a time, and it only
 *       ever rewrites the link of a task to skip a done one; a walk (a cancellation, the
 *       stragglers' names) that stands on a task just unlinked still reaches every task older than
 *       it through the unlinked task's own link. A walk may meet done tasks: interrupting one does
 *       nothing, and they are not named.
 *   <li>The closer <b>waits</b> by walking the stack and waiting, as one more joiner, for each task
 *       that has not settled. A fork racing with close either is on the stack before the walk
 *       starts, or reads the scope's close flag after it was set and never starts (a fork pushes,
 *       then reads the flag; close sets it, then walks: volatile accesses are sequentially
 *       consistent).
 * </ul>
 */
final class RunningTasks {
  private static final int MIN_PRUNE_INTERVAL = 32;

  private static final VarHandle NEWEST;
  private static final VarHandle PRUNING;
  private static final VarHandle FORKS;
  private static final VarHandle OLDER_RUNNING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEWEST = lookup.findVarHandle(RunningTasks.class, "newest", Task.class);
      PRUNING = lookup.findVarHandle(RunningTasks.class, "pruning", boolean.class);
      FORKS = lookup.findVarHandle(RunningTasks.class, "forks", int.class);
      OLDER_RUNNING = lookup.findVarHandle(Task.class, "olderRunning", Task.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Task<?, ?> newest;
  private volatile boolean pruning;
  /**
   * Forks so far, for the tasks' indexes. Counted here, beside the head only forks write, not on
   * the Scope (whose fields task threads read) nor from the previous task (whose fields its thread
   * writes as it runs): either would cost the forking thread a cache miss per fork.
   */
  private volatile int forks;

  // Only a heuristic for when to prune: racy increments from concurrent forks may lose a few.
  private int pushesSincePrune;
  private int pruneInterval = MIN_PRUNE_INTERVAL;

  /** The index of the next task forked: 0 for the scope's first. */
  int nextIndex() {
    return (int) FORKS.getAndAdd(this, 1);
  }

  /** Pushes {@code task}; call before its thread starts. */
  void add(Task<?, ?> task) {
    Task<?, ?> head;
    do {
      head = newest;
      // A plain store: nobody sees the task before the compare-and-set below publishes it.
      OLDER_RUNNING.set(task, head);
    } while (!NEWEST.compareAndSet(this, head, task));
    if (++pushesSincePrune >= pruneInterval) {
      prune();
    }
  }

  /** How many tasks here have not settled (for tests). */
  int count() {
    int n = 0;
    for (Task<?, ?> t = newest; t != null; t = t.olderRunning) {
      if (!t.isSettled()) {
        n++;
      }
    }
    return n;
  }

  /** How many tasks the stack links, done ones not yet pruned included (for tests). */
  int linked() {
    int n = 0;
    for (Task<?, ?> t = newest; t != null; t = t.olderRunning) {
      n++;
    }
    return n;
  }

  /**
   * The newest task here that has not settled, or {@code null} when every task has (the usual case
   * at close: every task was joined). Tasks newer than it have settled, so a walk for the unfinished
   * ones may start from it.
   */
  Task<?, ?> newestUnsettled() {
    Task<?, ?> t = newest;
    while (t != null && t.isSettled()) {
      t = t.olderRunning;
    }
    return t;
  }

  /**
   * Whether {@code from} or a task older than it has no result yet (one whose result is out is only
   * tidying up).
   */
  static boolean anyUnfinished(Task<?, ?> from) {
    for (Task<?, ?> t = from; t != null; t = t.olderRunning) {
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
   * Parks the calling thread (the scope's one closer) until {@code from} and every task older than
   * it have settled or {@code timeoutNanos} have passed; {@code true} when all settled. The tasks
   * newer than {@code from} must have settled already ({@code from} is a {@link #newestUnsettled()}
   * read earlier). An interrupt does not end the wait (closing must still wait for the tasks); the
   * flag is restored before returning. A wait that times out leaves the closer on that task's stack
   * of joiners: the task unparks it once more when it settles, which every park loop tolerates.
   */
  boolean awaitNone(Task<?, ?> from, long timeoutNanos) {
    Task<?, ?> t = from;
    while (t != null && t.isSettled()) {
      t = t.olderRunning;
    }
    if (t == null) {
      return true; // the usual case: every task was joined
    }
    long deadline = System.nanoTime() + timeoutNanos;
    Thread current = Thread.currentThread();
    boolean interrupted = false;
    try {
      for (; t != null; t = t.olderRunning) {
        if (!t.enlist(current)) {
          continue; // settled
        }
        while (!t.isSettled()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          LockSupport.parkNanos(this, left);
          interrupted |= Thread.interrupted();
        }
      }
      return true;
    } finally {
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
   * Unlinks the settled tasks, unless another thread is at it. The newest task stays even if done: a
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
          if (t.isSettled()) {
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
