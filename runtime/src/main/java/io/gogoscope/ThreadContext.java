package io.gogoscope;

/**
 * What the runtime keeps per thread, behind one {@link ThreadLocal} so that a guarded call pays a
 * single lookup: the current scope, the task this thread runs and the thread's deadline slot.
 * Nothing about one call is kept here: user code a call runs (listeners, observers) may make guarded
 * calls on the same thread, so a call's own state travels in its locals ({@link AttemptFailure}).
 *
 * <p>Only the owning thread reads or writes these fields.
 */
final class ThreadContext {
  private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

  /** The scope code on this thread runs in: the task's scope, or the innermost scope opened here. */
  Scope scope;

  /** The task this thread runs, or {@code null} outside a task. */
  Task<?, ?> task;

  private DeadlineSlot slot;

  private ThreadContext() {}

  static ThreadContext current() {
    return CURRENT.get();
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
  Object cancelReason() {
    Task<?, ?> t = task;
    if (t != null) {
      Object reason = t.cancelReason();
      if (reason != null) {
        return reason;
      }
    }
    Scope s = scope;
    return s == null ? null : s.cancelReasonOrNull();
  }

  /** Forgets this thread: called by task threads as they end, so nothing outlives them. */
  void release() {
    if (slot != null) {
      Watchdog.deregister(slot);
      slot = null;
    }
    scope = null;
    task = null;
    CURRENT.remove();
  }
}
