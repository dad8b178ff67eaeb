package io.gogoscope;

import java.util.concurrent.ThreadFactory;

/**
 * What the runtime keeps per thread: the current scope, the task this thread runs and the thread's
 * deadline slot. Nothing about one call is kept here: user code a call runs (listeners, observers)
 * may make guarded calls on the same thread, so a call's own state travels in its locals
 * ({@link AttemptFailure}).
 *
 * <p>Where it lives depends on the thread:
 * <ul>
 *   <li>A <b>task's thread</b> gets its context when the task is forked, one object that is also
 *       what the thread runs and its uncaught-exception handler: {@link #current()} finds it from
 *       the thread object in a type check, with no {@link ThreadLocal} (creating a thread's
 *       ThreadLocal map cost a task more than 150 bytes and most of its lookups). As a handler it
 *       passes every exception on to the thread's group, which is what a thread without a handler
 *       does. A task body that replaces its thread's handler no longer finds its context there
 *       until it puts it back (its {@link Scope#current()} then fails).
 *   <li>Every other thread keeps it behind one {@link ThreadLocal}, made on first use.
 * </ul>
 *
 * <p>Only the owning thread reads or writes these fields.
 */
final class ThreadContext implements Runnable, Thread.UncaughtExceptionHandler {
  /**
   * Makes the task threads: one factory (safe for concurrent use, unlike a builder) rather than a
   * builder per fork, which cost each task 40 bytes.
   */
  private static final ThreadFactory VIRTUAL = Thread.ofVirtual().factory();
  private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

  /** The scope code on this thread runs in: the task's scope, or the innermost scope opened here. */
  Scope scope;

  /** The task this thread runs, or {@code null} outside a task. */
  Task<?, ?> task;

  private DeadlineSlot slot;

  private ThreadContext() {}

  /** The context of the thread that will run {@code task}. */
  private ThreadContext(Task<?, ?> task) {
    this.task = task;
    this.scope = task.scope();
  }

  /**
   * An unstarted virtual thread that runs {@code task} with its context (see the class
   * documentation).
   */
  static Thread newTaskThread(Task<?, ?> task) {
    ThreadContext context = new ThreadContext(task);
    Thread thread = VIRTUAL.newThread(context);
    thread.setUncaughtExceptionHandler(context);
    return thread;
  }

  static ThreadContext current() {
    Thread thread = Thread.currentThread();
    if (thread.isVirtual() && thread.getUncaughtExceptionHandler() instanceof ThreadContext context) {
      return context;
    }
    return CURRENT.get();
  }

  /** Runs the task, on its thread. */
  @Override
  public void run() {
    task.run(this);
  }

  /** Hands {@code failure} on as if this thread had no handler of its own. */
  @Override
  public void uncaughtException(Thread thread, Throwable failure) {
    thread.getThreadGroup().uncaughtException(thread, failure);
  }

  /** This thread's deadline slot, created and registered with the watchdog on first use. */
  DeadlineSlot slot() {
    DeadlineSlot s = slot;
    if (s == null) {
      s = new DeadlineSlot(Thread.currentThread());
      Watchdog.register(s);
      slot = s;
    }
    return s;
  }

  /** This thread's deadline slot, or {@code null} when no guarded call here ever armed one. */
  DeadlineSlot slotIfAny() {
    return slot;
  }

  /**
   * {@code true} when this thread runs no task and no scope is open here: nothing can cancel what it
   * runs and no scope deadline applies (the guarded calls' fast path).
   */
  boolean outsideScopes() {
    return task == null && scope == null;
  }

  /** The current scope, skipping scopes that another thread closed under this one. */
  Scope openScope() {
    Scope s = scope;
    return s == null || !s.isClosed() ? s : s.firstOpenBefore(this);
  }

  /**
   * Why the code on this thread should stop: the task's own cancellation reason, else its scope's;
   * {@code null} when neither is cancelled.
   */
  CancelReason cancelReason() {
    Task<?, ?> t = task;
    if (t != null) {
      CancelReason reason = t.cancelReason();
      if (reason != null) {
        return reason;
      }
    }
    Scope s = scope;
    return s == null ? null : s.cancelReasonOrNull();
  }

  /**
   * Forgets this thread: called by task threads as they end (and by tests), so that nothing
   * outlives them. A task thread's context is left as it is apart from its slot: the thread is
   * about to end, and an ending thread drops its uncaught-exception handler, the one reference to
   * the context. Clearing its fields wrote to a line the forking thread had written, a cache miss
   * on every task.
   */
  void release() {
    if (slot != null) {
      Watchdog.deregister(slot);
      slot = null;
    }
    if (task == null) {
      CURRENT.remove();
      scope = null;
    }
  }
}
