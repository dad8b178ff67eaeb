package io.gogoscope;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskObservation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Work forked into a {@link Scope}, running on a virtual thread of its own (named
 * {@code <scope>-<task>-<index>} when the runtime {@linkplain ScopeRuntime.Builder#nameThreads
 * names threads}). {@link #join()} waits for it and returns its {@link Result}; it
 * never throws (an {@link Error} thrown by the body is rethrown there, because errors are never
 * turned into values).
 *
 * <p>A body that fails with {@link InterruptedException} or {@link ScopeCancelledException} (or an
 * exception caused by one) while its task or scope is cancelled ends {@link Failure.Cancelled
 * cancelled} with the cancellation's reason; any other exception is the body's own failure.
 *
 * @param <E> the error type
 * @param <T> the value type
 */
public final class Task<E, T> {
  /** {@link #joiners} once the task is settled: joins return at once. */
  private static final Object SETTLED = new Object();

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int INTERRUPTING = 2;
  private static final int DONE = 3;

  private static final VarHandle STATE;
  private static final VarHandle CANCEL_REASON;
  private static final VarHandle JOINERS;
  private static final VarHandle OUTCOME;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Task.class, "state", int.class);
      CANCEL_REASON = lookup.findVarHandle(Task.class, "cancelReason", CancelReason.class);
      JOINERS = lookup.findVarHandle(Task.class, "joiners", Object.class);
      OUTCOME = lookup.findVarHandle(Task.class, "outcome", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Scope scope;
  private final String name;
  private final int index;
  /**
   * What the task runs: the {@link Callable} of a plain fork, run as it is (a wrapper around it
   * cost every fork an object), or a {@link TaskBody}.
   */
  private final Object body;
  private final ErrorMapper<E> errors;
  private final Consumer<? super Task<E, T>> onDone;
  /** The forking thread's ThreadLocals (MDC, …), set on the task's thread around its body. */
  private final Object context;

  /**
   * NEW until the thread runs; RUNNING while interrupts may land; DONE after. Starts as NEW by
   * default: an initializer would be a volatile store, a fence on every fork.
   */
  private volatile int state;
  private volatile CancelReason cancelReason;

  /**
   * The task's thread, once it runs. A plain field: it is written before the volatile write of
   * {@link #state} to RUNNING, and read either by an interrupter that saw RUNNING (so it sees the
   * thread) or by {@link #join()} comparing it with its own thread, which only the thread itself can
   * match, having written it. A volatile write here was one more fence on every task.
   */
  private Thread runner;

  /** The {@link Result}, or the {@link Error} the body threw; {@code null} until the task is done. */
  private volatile Object outcome;

  /**
   * {@code null}, the threads waiting for the task (a stack: the first waiter's {@link Thread}, under
   * a {@link Joiner} per later one), or {@link #SETTLED} once the
   * task's scope has stopped counting it: only then do joins return, so that a scope closed right
   * after joining its tasks finds nothing left to wait for.
   */
  private volatile Object joiners;

  /** The task pushed before this one on its scope's {@link RunningTasks} stack. */
  volatile Task<?, ?> olderRunning;

  /** A task running {@code body}: a {@code Callable<? extends T>} or a {@code TaskBody<E, T>}. */
  Task(Scope scope, String name, int index, Object body, ErrorMapper<E> errors,
      Consumer<? super Task<E, T>> onDone) {
    this.scope = scope;
    this.name = name;
    this.index = index;
    this.body = body;
    this.errors = errors;
    this.onDone = onDone;
    this.context = scope.runtime().contextCarrier().capture(); // on the forking thread
  }

  /** The task's name. */
  public String name() {
    return name;
  }

  /** The task's position among the tasks forked in its scope, from 0. */
  public int index() {
    return index;
  }

  /** The scope the task runs in. */
  public Scope scope() {
    return scope;
  }

  /**
   * Waits for the task to finish and returns its result. When the waiting thread is interrupted,
   * returns a cancelled error with {@link CancelReason.Interrupted} and keeps the interrupt flag set.
   *
   * @throws Error the {@link Error} the body threw, if it threw one
   * @throws IllegalStateException when called by the task on itself, which could never return
   */
  public Result<E, T> join() {
    if (joiners != SETTLED) {
      Thread current = Thread.currentThread();
      if (current == runner) {
        throw new IllegalStateException(
            "task '" + threadName() + "' joined itself, which would wait forever; join it from another thread");
      }
      if (!awaitSettled(current) && outcome == null) { // interrupted before the task had a result
        return new Result.Err<>(errors.cancelled(new CancelReason.Interrupted(current.getName())));
      }
    }
    return finished();
  }

  /** {@code true} once the task has a result. */
  public boolean isDone() {
    return outcome != null;
  }

  /**
   * The result if the task has finished, without waiting.
   *
   * @throws Error the {@link Error} the body threw, if it threw one
   */
  public Optional<Result<E, T>> poll() {
    return isDone() ? Optional.of(finished()) : Optional.empty();
  }

  /** Cancels this task alone, with no detail: the reason is {@code Requested(null)}. */
  public void cancel() {
    cancelWith(new CancelReason.Requested(null));
  }

  /**
   * Cancels this task alone: a task not yet started never runs its body; a running one is
   * interrupted, and ends cancelled with the reason if it stops because of that (see the class
   * documentation). A task that has finished keeps its result. Only the first reason counts.
   *
   * @param detail why, for whoever reads the reason: a {@link CancelReason} is the reason itself;
   *     anything else, {@code null} included, arrives as {@link CancelReason.Requested Requested(detail)}
   */
  public void cancel(Object detail) {
    cancelWith(CancelReason.of(detail));
  }

  private void cancelWith(CancelReason reason) {
    if (CANCEL_REASON.compareAndSet(this, null, reason)) {
      interruptIfRunning();
    }
  }

  @Override
  public String toString() {
    return "Task[" + threadName() + (isDone() ? ", done" : "") + "]";
  }

  /** The task's own cancellation reason, else its scope's; {@code null} when neither is cancelled. */
  CancelReason cancelReason() {
    CancelReason reason = cancelReason;
    return reason != null ? reason : scope.cancelReasonOrNull();
  }

  /** {@code <scope>-<task>-<index>}: the task's name in messages, and its thread's when threads are named. */
  String threadName() {
    return scope.name() + "-" + name + "-" + index;
  }

  /** Interrupts the task's thread if its body may still be running. */
  void interruptIfRunning() {
    if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
      try {
        runner.interrupt();
      } finally {
        state = RUNNING;
      }
    }
  }

  /**
   * Starts the task's virtual thread (which names itself when its runtime
   * {@linkplain ScopeRuntime.Builder#nameThreads names threads}, so the forking thread need not).
   */
  void start() {
    try {
      ThreadContext.newTaskThread(this).start();
    } catch (RuntimeException e) {
      notStarted(new Result.Err<>(errors.thrown(e)), null);
      throw e;
    } catch (Error e) {
      notStarted(null, e);
      throw e;
    }
  }

  /** The thread could not start: the task ends at once, so nobody waits for it. */
  private void notStarted(Result<E, T> result, Error fatal) {
    state = DONE;
    complete(result, fatal);
  }

  /** Completes a task forked into an already cancelled scope, on the forking thread. */
  void completeWithoutRunning(CancelReason reason) {
    state = DONE;
    Result<E, T> cancelled = new Result.Err<>(errors.cancelled(reason));
    ScopeObserver observer = scope.runtime().observer();
    if (observer != ScopeObserver.NONE) {
      Observations.finished(observe(observer), 0L, OtherError.of(cancelled), 0);
    }
    complete(cancelled, null);
  }

  /** Ends a task whose fork failed because its scope is closed: nobody ever sees it. */
  void discard() {
    state = DONE;
    complete(new Result.Err<>(errors.cancelled(new CancelReason.ScopeClosed(scope.name()))), null);
  }

  /** Runs the task on its thread, whose context is {@code context}. */
  void run(ThreadContext context) {
    Thread thread = Thread.currentThread();
    ScopeRuntime runtime = scope.runtime();
    if (runtime.namesThreads()) {
      thread.setName(threadName()); // before the body, which may read it
    }
    ScopeObserver observer = runtime.observer();
    TaskObservation observation = TaskObservation.NONE;
    long start = 0;
    if (observer != ScopeObserver.NONE) {
      observation = observe(observer);
      start = System.nanoTime();
    }
    Result<E, T> result = null;
    Error fatal = null;
    runner = thread;
    state = RUNNING; // from here on, cancellation interrupts this thread
    try {
      result = runBody(observation);
    } catch (Error e) {
      fatal = e;
    } finally {
      while (!STATE.compareAndSet(this, RUNNING, DONE)) {
        Thread.onSpinWait(); // a cancelling thread is delivering its interrupt right now
      }
      Thread.interrupted(); // no interrupt may outlive the body
    }
    try {
      if (observer != ScopeObserver.NONE) {
        ScopeError failure = fatal != null ? new OtherError(fatal) : OtherError.of(result);
        Observations.finished(observation, System.nanoTime() - start, failure, attempts());
      }
    } finally {
      complete(result, fatal);
      context.release();
    }
    if (fatal != null) {
      throw fatal; // also to the thread's uncaught-exception handler, so it is seen without a join
    }
  }

  private Result<E, T> runBody(TaskObservation observation) {
    CancelReason reason = cancelReason();
    if (reason != null) {
      return new Result.Err<>(errors.cancelled(reason));
    }
    Semaphore permits = scope.permits();
    if (permits != null) {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        return new Result.Err<>(errors.cancelled(interruptionReason()));
      }
    }
    Restore restoreContext = scope.runtime().contextCarrier().restore(context);
    Restore restore = Observations.makeCurrent(observation);
    try {
      return runBody(body, observation);
    } catch (Exception e) {
      CancelReason cancelled = cancelReason();
      if (cancelled != null && Interruptions.isInterruption(e)) {
        return new Result.Err<>(errors.cancelled(cancelled));
      }
      return new Result.Err<>(errors.thrown(e));
    } catch (Error e) {
      throw e;
    } catch (Throwable t) {
      // Neither Exception nor Error: still a failure of the body, typed as one, so the task
      // completes and its joiners wake (a guarded body's attempt has wrapped it already).
      return new Result.Err<>(errors.thrown(RawThrowables.asException(t, "task '" + name + "'")));
    } finally {
      Observations.restore(restore);
      restoreContext.close();
      if (permits != null) {
        permits.release();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <E, T> Result<E, T> runBody(Object body, TaskObservation observation) throws Exception {
    if (body instanceof TaskBody<?, ?> b) {
      return ((TaskBody<E, T>) b).run(observation);
    }
    return new Result.Ok<>(((Callable<? extends T>) body).call());
  }

  private TaskObservation observe(ScopeObserver observer) {
    return body instanceof TaskBody<?, ?> b
        ? b.observe(observer, name, index, scope.observation())
        : observer.taskStarted(TaskBody.plainInfo(name, index), scope.observation());
  }

  /** How many attempts the body made: a guarded call counts its own; anything else made one. */
  private int attempts() {
    return body instanceof TaskBody<?, ?> b ? b.attempts() : 1;
  }

  private CancelReason interruptionReason() {
    CancelReason reason = cancelReason();
    return reason != null ? reason : new CancelReason.Interrupted(threadName());
  }

  /**
   * Publishes the task's result (or error), then settles the task (joins return, and its scope's
   * {@link Scope#close()} stops waiting for it: the closer waits as a joiner), then runs
   * {@code onDone}. That order is what makes join-then-close cheap: by the time a join returns,
   * the task is settled, so {@link Scope#close()} has nothing to wait for; and a settled task is
   * always {@link #isDone() done}. Nothing here touches a counter the forking thread also writes:
   * a shared count of running tasks, written by the forker and by every ending task on another
   * carrier, made 1,000 forks and joins twice as slow as raw virtual threads.
   */
  private void complete(Result<E, T> result, Error fatal) {
    // A release store, no fence of its own: the getAndSet just below is one, and a reader that
    // sees the outcome sees the result it points to.
    OUTCOME.setRelease(this, fatal != null ? fatal : result);
    Object waiting = JOINERS.getAndSet(this, SETTLED);
    while (waiting instanceof Joiner joiner) {
      LockSupport.unpark(joiner.thread);
      waiting = joiner.next;
    }
    if (waiting instanceof Thread thread) {
      LockSupport.unpark(thread);
    }
    if (onDone != null) {
      onDone.accept(this);
    }
  }

  /**
   * Parks {@code current} until the task is settled; {@code false} when it was interrupted first
   * (the interrupt flag stays set). The first joiner waits as itself (its thread is the whole
   * stack: one join, the usual case, allocates nothing); later ones push a {@link Joiner}. An
   * interrupted joiner stays on the stack until the task settles: it is then unparked once more,
   * which every park loop tolerates.
   */
  private boolean awaitSettled(Thread current) {
    if (enlist(current)) {
      while (joiners != SETTLED) {
        if (current.isInterrupted()) {
          return false;
        }
        LockSupport.park(this);
      }
    }
    return true;
  }

  /**
   * Pushes {@code current} on the stack of threads to unpark when the task settles; {@code false}
   * when it is settled already.
   */
  boolean enlist(Thread current) {
    for (Object head = joiners; head != SETTLED; head = joiners) {
      Object me = head == null ? current : new Joiner(current, head);
      if (JOINERS.compareAndSet(this, head, me)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code true} once the task has settled: its result is out, its joiners are woken, and its scope
   * no longer waits for it.
   */
  boolean isSettled() {
    return joiners == SETTLED;
  }

  @SuppressWarnings("unchecked")
  private Result<E, T> finished() {
    Object done = outcome;
    if (done instanceof Error error) {
      throw error;
    }
    return (Result<E, T>) done;
  }

  /** A thread parked in {@link #join()}, above the others: a {@code Joiner} or the first {@link Thread}. */
  private record Joiner(Thread thread, Object next) {}
}
