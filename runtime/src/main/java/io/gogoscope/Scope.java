package io.gogoscope;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A region of structured concurrency: work forked in a scope runs on virtual threads and never
 * outlives it. Open one with try-with-resources:
 *
 * <pre>{@code
 * try (Scope scope = Scope.builder("load-dashboard").timeout(Duration.ofSeconds(2)).open()) {
 *   Task<Failure, User> user = scope.fork(() -> fetchUser(id));
 *   Task<Failure, List<Order>> orders = scope.fork(() -> fetchOrders(id));
 *   return render(user.join(), orders.join());
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Parent.</b> A scope opened inside a task (or inside another open scope on the same
 *       thread) is that scope's child by default; {@link Builder#parent} and
 *       {@link Builder#detached} override it. Cancelling a scope cancels its children, their
 *       children, and every unfinished task in them.
 *   <li><b>Cancellation</b> reaches task code as interruption and as {@link #isCancelled()} with a
 *       {@link #cancellationReason() reason}, always a {@link CancelReason}: a {@link #cancel(Object)
 *       cancel} by hand gives {@link CancelReason.Requested} with its detail, a scope's timeout or
 *       deadline {@link CancelReason.ScopeTimedOut}; a child of a cancelled scope gets
 *       {@link CancelReason.ParentCancelled} carrying its parent's reason.
 *   <li><b>Concurrency.</b> With a {@link Builder#concurrency limit}, a forked task waits for a
 *       permit on its own virtual thread, so {@code fork} never blocks the caller.
 *   <li><b>{@link #close()}</b> is idempotent: it cancels what is unfinished, waits for it (up to
 *       the close grace, then reports the stragglers), and disposes {@link #register registered}
 *       resources last-in first-out, each exactly once. A disposal that fails is reported to the
 *       runtime's observer and does not stop the others; after all are disposed, {@code close()}
 *       throws a {@link ScopeCloseException} carrying every failure.
 * </ul>
 *
 * <p>A task that ignores interruption keeps running after its scope is cancelled: nothing in Java
 * can stop a thread that does not cooperate. {@code close()} then waits for it for the close grace
 * only, reports it to {@link ScopeObserver#closeTimedOut} and in the {@link ScopeCloseException},
 * and returns; the task runs on to its end.
 *
 * <p>Close a scope on the thread that opened it (try-with-resources does): that is the thread whose
 * {@link #current()} scope and observation context it restores.
 *
 * <p>Thread-safe: tasks may fork siblings, register resources and cancel the scope concurrently.
 */
public final class Scope implements AutoCloseable {
  private static final VarHandle CANCEL_REASON;
  private static final VarHandle CLOSE_STARTED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      CANCEL_REASON = lookup.findVarHandle(Scope.class, "cancelReason", CancelReason.class);
      CLOSE_STARTED = lookup.findVarHandle(Scope.class, "closeStarted", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // What task threads read while they run comes first. HotSpot lays reference fields out in
  // declaration order after the primitives, so these sit at the start of the object, away from its
  // end, next to which the RunningTasks that every fork writes is allocated: a task reading its
  // scope then does not miss in cache each time the forking thread pushes the next task.
  private final ScopeRuntime runtime;
  private volatile CancelReason cancelReason;
  private final Semaphore permits;
  private ScopeObservation observation = ScopeObservation.NONE;
  private final String name;
  private final Scope parent;

  /** The clock of this scope's deadlines: its runtime's driven clock, or {@code null} for the real one. */
  final TimeSource clock;

  /** The scope whose deadline {@link #effectiveDeadline} is, or {@code null}. */
  private final Scope deadlineOwner;

  /**
   * The sooner of this scope's deadline and its ancestors' ({@link DeadlineSlot#NO_DEADLINE}: none),
   * a reading of {@link #clock}.
   */
  final long effectiveDeadline;

  private final Duration timeout;
  private final int concurrency;
  private final long closeGraceNanos;
  private final long openedAt;
  private final Thread opener;
  private final Scope previousCurrent;
  private final ScopeInfo info;

  private Restore observationRestore = Restore.NOTHING;
  private volatile Future<?> timer;
  private volatile boolean closeStarted;
  private volatile boolean closed;

  /**
   * Lock-free: forks and finishing tasks never take a lock. Its monitor is the scope's lock (a
   * lock object of its own cost every scope 48 bytes); critical sections are short and never
   * block.
   */
  private final RunningTasks running = new RunningTasks();

  // Guarded by running's monitor (made on first use: most scopes have no children, resources or
  // listeners):
  private Set<Scope> children;
  private Resources resources;
  private List<Consumer<? super CancelReason>> cancelListeners;
  private boolean disposing;

  private Scope(String name, int concurrency, Duration closeGrace, Scope parent, ScopeRuntime runtime,
      Scope previousCurrent, long openedAt, Duration timeout, long ownDeadline) {
    this.name = name;
    this.runtime = runtime;
    this.parent = parent;
    this.timeout = timeout;
    this.concurrency = concurrency;
    this.permits = concurrency > 0 ? new Semaphore(concurrency, true) : null;
    this.closeGraceNanos = Durations.toNanos(closeGrace != null ? closeGrace : runtime.closeGrace());
    this.openedAt = openedAt;
    this.opener = Thread.currentThread();
    this.previousCurrent = previousCurrent;
    this.clock = runtime.deadlineClock();
    long parentDeadline = parent == null ? DeadlineSlot.NO_DEADLINE : parent.deadlineOn(clock);
    if (parent != null && parentDeadline <= ownDeadline) {
      this.effectiveDeadline = parentDeadline;
      this.deadlineOwner = parent.deadlineOwner;
    } else {
      this.effectiveDeadline = ownDeadline;
      this.deadlineOwner = ownDeadline == DeadlineSlot.NO_DEADLINE ? null : this;
    }
    this.info = runtime.observer() == ScopeObserver.NONE
        ? null
        : new ScopeInfo(name, parent != null, timeout, concurrency);
  }

  /** Opens an unnamed scope, child of the current one if there is one. */
  public static Scope open() {
    return open("scope");
  }

  /** Opens a scope named {@code name}, child of the current one if there is one. */
  public static Scope open(String name) {
    // Without a Builder: opening is most of what a scope of one task costs beyond its task.
    return openWith(Builder.checkName(name), null, null, null, 0, null, false, null);
  }

  /**
   * Starts configuring a scope named {@code name}; it takes its runtime from its parent, or the
   * {@linkplain ScopeRuntime#defaults() default runtime} when it has none.
   */
  public static Builder builder(String name) {
    return new Builder(name, null);
  }

  /**
   * The scope the calling code runs in: the scope of the task this thread runs, or the innermost
   * scope opened and not yet closed on this thread.
   *
   * @throws IllegalStateException when the caller runs in no scope
   */
  public static Scope current() {
    Scope scope = ThreadContext.current().openScope();
    if (scope == null) {
      throw new IllegalStateException("no scope is open on thread '" + Thread.currentThread().getName()
          + "': call this inside a task, or inside try (Scope scope = Scope.open(\"name\")) { ... }");
    }
    return scope;
  }

  /** Like {@link #current()}, but empty outside any scope. */
  public static Optional<Scope> currentIfAny() {
    return Optional.ofNullable(ThreadContext.current().openScope());
  }

  /**
   * Throws {@link ScopeCancelledException} when the current scope (if any), or the task this thread
   * runs, is cancelled: a cooperative check for code that does not block and so never sees an
   * interrupt.
   */
  public static void throwIfCancelled() {
    CancelReason reason = ThreadContext.current().cancelReason();
    if (reason != null) {
      throw new ScopeCancelledException(reason);
    }
  }

  /** The scope's name, used for its span and thread names. */
  public String name() {
    return name;
  }

  /** The parent scope, if any. */
  public Optional<Scope> parent() {
    return Optional.ofNullable(parent);
  }

  /** The runtime this scope reports to and takes its stores from. */
  public ScopeRuntime runtime() {
    return runtime;
  }

  /**
   * Time left until the scope's deadline (its own or an ancestor's, whichever is sooner), if it has
   * one; zero or negative once passed.
   */
  public Optional<Duration> remaining() {
    return effectiveDeadline == DeadlineSlot.NO_DEADLINE
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(effectiveDeadline - DeadlineClock.now(clock)));
  }

  /** {@link #effectiveDeadline} as a reading of {@code on} (the same value unless clocks differ). */
  long deadlineOn(TimeSource on) {
    return on == clock ? effectiveDeadline : DeadlineClock.convert(effectiveDeadline, clock, on);
  }

  /** {@code true} once the scope is cancelled (by hand, by its timeout, its parent, or close). */
  public boolean isCancelled() {
    return cancelReason != null;
  }

  /**
   * Why the scope was cancelled, once it is: {@link CancelReason.Requested} for a {@link #cancel}
   * by hand, else the runtime's own reason.
   */
  public Optional<CancelReason> cancellationReason() {
    return Optional.ofNullable(cancelReason);
  }

  /** Cancels the scope by hand, with no detail: the reason is {@code Requested(null)}. */
  public void cancel() {
    cancelWith(new CancelReason.Requested(null));
  }

  /**
   * Cancels the scope: unfinished tasks are interrupted, child scopes are cancelled with
   * {@link CancelReason.ParentCancelled}, and further forks complete at once as cancelled. Only the
   * first reason counts.
   *
   * @param detail why, for whoever reads the reason: a {@link CancelReason} is the reason itself;
   *     anything else, {@code null} included, arrives as {@link CancelReason.Requested Requested(detail)}
   */
  public void cancel(Object detail) {
    cancelWith(CancelReason.of(detail));
  }

  /** Cancels with {@code reason}, already typed: the runtime's own cancellations come here directly. */
  private void cancelWith(CancelReason reason) {
    if (!CANCEL_REASON.compareAndSet(this, null, reason)) {
      return;
    }
    Future<?> pendingTimer = timer;
    if (pendingTimer != null) {
      pendingTimer.cancel(false);
    }
    List<Scope> kids;
    List<Consumer<? super CancelReason>> listeners;
    synchronized (running) {
      kids = children == null ? List.of() : List.copyOf(children);
      listeners = cancelListeners == null ? List.of() : cancelListeners;
      cancelListeners = null; // onCancel sees the reason from now on and runs its listener itself
    }
    // Children first: the whole subtree knows its reason before any task reacts to an interrupt
    // (a task that unwinds at once closes its own scopes, which would otherwise say ScopeClosed).
    if (!kids.isEmpty()) {
      CancelReason.ParentCancelled childReason = new CancelReason.ParentCancelled(name, reason);
      for (Scope kid : kids) {
        kid.cancelWith(childReason);
      }
    }
    // A task forked from now on sees the reason itself (Scope.start pushes it, then reads it).
    running.forEach(Task::interruptIfRunning);
    for (Consumer<? super CancelReason> listener : listeners) {
      notifyCancelled(listener, reason);
    }
  }

  /**
   * Runs {@code listener} with the reason when the scope is cancelled (at once if it already is),
   * on the thread that cancels it, which may be the shared timer thread: keep listeners short. An
   * exception from a listener goes to that thread's uncaught-exception handler and does not stop
   * the cancellation.
   */
  public void onCancel(Consumer<? super CancelReason> listener) {
    Objects.requireNonNull(listener, "listener");
    CancelReason reason;
    synchronized (running) {
      reason = cancelReason; // set before cancel() takes the lock to collect the listeners
      if (reason == null) {
        if (cancelListeners == null) {
          cancelListeners = new ArrayList<>();
        }
        cancelListeners.add(listener);
      }
    }
    if (reason != null) {
      notifyCancelled(listener, reason);
    }
  }

  /**
   * Registers {@code resource} to be closed when the scope closes, after its tasks have finished,
   * in reverse order of registration.
   *
   * @return {@code resource}, for chaining
   * @throws IllegalStateException when the scope is already disposing its resources
   */
  public <R extends AutoCloseable> R register(R resource) {
    Objects.requireNonNull(resource, "resource");
    synchronized (running) {
      if (disposing) {
        throw new IllegalStateException("scope '" + name
            + "' is closed and has disposed its resources; register " + resource + " before closing it");
      }
      if (resources == null) {
        resources = new Resources();
      }
      resources.push(resource);
    }
    if (info != null) {
      runtime.observer().resourceRegistered(info);
    }
    return resource;
  }

  /** Forks {@code body} on a virtual thread; exceptions become {@link Failure.Thrown}. */
  public <T> Task<Failure, T> fork(Callable<? extends T> body) {
    return fork("scope.task", body);
  }

  /** Forks {@code body} as a task named {@code name}. */
  public <T> Task<Failure, T> fork(String name, Callable<? extends T> body) {
    return fork(name, body, ErrorMapper.failure());
  }

  /**
   * Forks {@code body} as a task named {@code name} whose span carries {@code attributes} (what
   * {@code @SpanAttribute} parameters give generated tasks):
   *
   * <pre>{@code
   * scope.fork("fetch-user", TaskAttributes.of(Map.of("user.id", id)), () -> fetchUser(id));
   * }</pre>
   */
  public <T> Task<Failure, T> fork(String name, TaskAttributes attributes, Callable<? extends T> body) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(attributes, "attributes (TaskAttributes.NONE for none)");
    return start(name, TaskBody.of(body, attributes), ErrorMapper.failure(), null);
  }

  /**
   * Forks {@code body} as a task named {@code name}, mapping its failures with {@code errors}. In a
   * cancelled scope the task completes at once as cancelled, without running.
   *
   * @throws IllegalStateException when the scope is closed (and not cancelled)
   */
  public <E, T> Task<E, T> fork(String name, Callable<? extends T> body, ErrorMapper<E> errors) {
    Objects.requireNonNull(body, "body");
    return start(name, body, errors, null);
  }

  /**
   * Forks a body that produces its own {@link Result} (a guarded or generated call);
   * {@code errors} is used only when the task is cancelled before its body runs or its body throws.
   */
  public <E, T> Task<E, T> forkResult(
      String name, Supplier<? extends Result<E, T>> body, ErrorMapper<E> errors) {
    Objects.requireNonNull(body, "body");
    return start(name, TaskBody.ofResult(body), errors, null);
  }

  /**
   * Cancels unfinished work (with {@link CancelReason.ScopeClosed}), waits for it up to the close
   * grace, disposes resources last-in first-out, and restores the previous {@link #current()}
   * scope; idempotent (a second call returns at once). Child scopes still open (opened by a task,
   * or on another thread, and not closed yet) are cancelled and closed first, each waiting for its
   * own tasks, so this never returns while a child's tasks run; what a child's close throws is
   * reported in this scope's {@link ScopeCloseException}.
   *
   * @throws ScopeCloseException when a resource failed to close or tasks outlived the close grace,
   *     after everything else is done
   */
  @Override
  public void close() {
    if (!CLOSE_STARTED.compareAndSet(this, false, true)) {
      return;
    }
    boolean unfinished;
    synchronized (running) {
      unfinished = children != null && !children.isEmpty();
    }
    // A fork racing with this either sees closeStarted and throws, or was pushed before this walk
    // (it pushes, then reads the flag). A task whose result is out is finished even if its thread
    // is still tidying up. One walk, usually to the end: every task was joined, so none is
    // unsettled, nothing needs cancelling and nothing waiting for (a fork that loses the race
    // settles its task before it throws).
    Task<?, ?> unsettled = running.newestUnsettled();
    unfinished = unfinished || RunningTasks.anyUnfinished(unsettled);
    if (unfinished) {
      cancelWith(new CancelReason.ScopeClosed(name));
    }
    List<Throwable> childFailures = closeChildren();
    List<String> abandoned = awaitTasks(unsettled);
    if (!abandoned.isEmpty() && info != null) {
      runtime.observer().closeTimedOut(info, abandoned);
    }
    List<Throwable> failures = disposeResources();
    if (!childFailures.isEmpty()) {
      childFailures.addAll(failures);
      failures = childFailures;
    }
    finishClosing();
    throwFailures(failures, abandoned);
  }

  @Override
  public String toString() {
    CancelReason reason = cancelReason;
    return "Scope[" + name + (closed ? ", closed" : "") + (reason != null ? ", cancelled: " + reason : "") + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Package-private: the runtime's own use.

  /** Forks {@code body}, a {@code Callable<? extends T>} or a {@code TaskBody<E, T>}. */
  <E, T> Task<E, T> start(String taskName, Object body, ErrorMapper<E> errors,
      Consumer<? super Task<E, T>> onDone) {
    Objects.requireNonNull(taskName, "name");
    Objects.requireNonNull(errors, "errors");
    Task<E, T> task = new Task<>(this, taskName, running.nextIndex(), body, errors, onDone);
    // Pushed before the checks below, so a cancel() or close() racing with this fork either sees
    // the task (and interrupts it, or waits for it) or has set what the checks read.
    running.add(task);
    CancelReason reason = cancelReason;
    if (reason != null) {
      task.completeWithoutRunning(reason);
    } else if (closeStarted) {
      task.discard();
      throw new IllegalStateException(
          "scope '" + name + "' is closed; fork '" + taskName + "' before closing it, or open a new scope");
    } else {
      task.start();
    }
    return task;
  }

  /** How many forked tasks the scope still waits for (for tests). */
  int runningTasks() {
    return running.count();
  }

  /** How many tasks the scope still references, done ones not yet pruned included (for tests). */
  int trackedTasks() {
    return running.linked();
  }

  CancelReason cancelReasonOrNull() {
    return cancelReason;
  }

  boolean isClosed() {
    return closed;
  }

  Semaphore permits() {
    return permits;
  }

  ScopeObservation observation() {
    return observation;
  }

  /**
   * Called when a guarded call saw this scope's effective deadline pass, possibly a moment before
   * the shared timer did: cancels the scope that owns the deadline now, as its timer is about to,
   * so the call's result and the scope's state agree. Returns this scope's cancellation reason.
   */
  CancelReason deadlinePassed() {
    if (cancelReason == null && deadlineOwner != null) {
      deadlineOwner.cancelWith(new CancelReason.ScopeTimedOut(deadlineOwner.name, deadlineOwner.timeout));
    }
    CancelReason reason = cancelReason;
    return reason != null ? reason : deadlineReason(); // not reached by the cascade: closed meanwhile
  }

  /**
   * Why this scope is or will be cancelled by its effective deadline: its reason if it is already
   * cancelled, else what its timer (or an ancestor's, passed down) is about to say.
   */
  CancelReason deadlineReason() {
    CancelReason reason = cancelReason;
    if (reason != null) {
      return reason;
    }
    if (deadlineOwner == this || parent == null) {
      return new CancelReason.ScopeTimedOut(name, timeout);
    }
    return new CancelReason.ParentCancelled(parent.name, parent.deadlineReason());
  }

  /** The innermost scope, from this one outwards on this thread, that is still open. */
  Scope firstOpenBefore(ThreadContext context) {
    Scope s = this;
    while (s != null && s.closed && !(context.task != null && context.task.scope() == s)) {
      s = s.previousCurrent;
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------

  private static Scope openWith(String name, ScopeRuntime givenRuntime, Duration givenTimeout, Instant deadline,
      int concurrency, Scope givenParent, boolean detached, Duration closeGrace) {
    ThreadContext context = ThreadContext.current();
    Scope parent = detached ? null : givenParent != null ? givenParent : context.openScope();
    ScopeRuntime runtime = givenRuntime != null ? givenRuntime
        : parent != null ? parent.runtime : ScopeRuntime.defaults();
    TimeSource clock = runtime.deadlineClock();
    long now = DeadlineClock.now(clock);
    Duration timeout = givenTimeout;
    long ownDeadline = timeout != null ? now + Durations.toNanos(timeout) : DeadlineSlot.NO_DEADLINE;
    if (deadline != null) {
      Instant wallNow = clock == null ? Instant.now() : clock.now();
      Duration untilDeadline = Duration.between(wallNow, deadline);
      long at = now + Durations.toNanos(untilDeadline);
      if (at < ownDeadline) {
        ownDeadline = at;
        timeout = untilDeadline.isNegative() ? Duration.ZERO : untilDeadline;
      }
    }
    if (!detached) {
      // Inside a guarded call (or a forked one) the call's deadline bounds the new scope too, so
      // the work the scope forks stops with the call instead of outliving it.
      DeadlineSlot slot = context.slotIfAny();
      long call = slot == null ? DeadlineSlot.NO_DEADLINE : slot.currentDeadline(clock);
      if (call < ownDeadline && (parent == null || call < parent.deadlineOn(clock))) {
        ownDeadline = call;
        timeout = Duration.ofNanos(Math.max(0, call - now));
      }
    }
    Scope scope = new Scope(name, concurrency, closeGrace, parent, runtime, context.scope, now, timeout, ownDeadline);
    CancelReason parentReason = parent != null ? parent.adopt(scope) : null;
    if (scope.info != null) {
      scope.observation = runtime.observer()
          .scopeOpened(scope.info, parent != null ? parent.observation() : ScopeObservation.NONE);
      scope.observationRestore = scope.observation.makeCurrent();
    }
    context.scope = scope;
    if (parentReason != null) {
      scope.cancelWith(new CancelReason.ParentCancelled(parent.name, parentReason));
    }
    if (ownDeadline != DeadlineSlot.NO_DEADLINE) {
      long delay = ownDeadline - now;
      CancelReason.ScopeTimedOut reason = new CancelReason.ScopeTimedOut(scope.name, timeout);
      if (delay <= 0) {
        scope.cancelWith(reason);
      } else if (!scope.isCancelled()) {
        scope.timer = clock == null
            ? ScopeTimer.schedule(() -> scope.cancelWith(reason), delay)
            : clock.schedule(ownDeadline, () -> scope.cancelWith(reason));
      }
    }
    return scope;
  }

  /** Adds {@code child}; returns this scope's cancellation reason if it is already cancelled. */
  private CancelReason adopt(Scope child) {
    synchronized (running) {
      if (disposing) {
        throw new IllegalStateException("scope '" + name + "' is closed; open '" + child.name
            + "' under a scope that is still open, or detached()");
      }
      if (children == null) {
        children = new HashSet<>();
      }
      children.add(child);
      return cancelReason;
    }
  }

  private void orphan(Scope child) {
    synchronized (running) {
      if (children != null) {
        children.remove(child);
      }
    }
  }

  /**
   * Waits up to the close grace for running tasks, {@code unsettled} (the newest task that had not
   * settled when close began) and those older; returns the thread names of those left.
   */
  private List<String> awaitTasks(Task<?, ?> unsettled) {
    if (unsettled == null) {
      return List.of(); // the usual case: every task was joined, and a join returns once it settled
    }
    return running.awaitNone(unsettled, closeGraceNanos) ? List.of() : running.unfinishedThreadNames();
  }

  private List<Throwable> disposeResources() {
    Resources toClose;
    synchronized (running) {
      disposing = true; // register() refuses from here on
      toClose = resources;
      resources = null;
    }
    return toClose == null ? List.of() : toClose.closeAll(runtime.observer(), info);
  }

  /**
   * Closes the child scopes still open (opened by tasks, or on another thread), innermost work
   * first: each is already cancelled, and its close waits for its tasks and disposes its
   * resources, so this scope never returns while a child's tasks run. What a child's close threw
   * is returned (a mutable list when not empty), to be reported with this scope's own failures.
   */
  private List<Throwable> closeChildren() {
    List<Scope> kids;
    synchronized (running) {
      kids = children == null || children.isEmpty() ? List.of() : List.copyOf(children);
    }
    if (kids.isEmpty()) {
      return List.of();
    }
    List<Throwable> failures = new ArrayList<>(0);
    for (Scope kid : kids) {
      try {
        kid.close();
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    }
    return failures;
  }

  private void finishClosing() {
    Future<?> pendingTimer = timer;
    if (pendingTimer != null) {
      pendingTimer.cancel(false);
    }
    if (parent != null) {
      parent.orphan(this);
    }
    closed = true;
    if (Thread.currentThread() == opener) {
      ThreadContext context = ThreadContext.current();
      if (context.scope == this) {
        context.scope = previousCurrent == null ? null : previousCurrent.firstOpenBefore(context);
      }
      observationRestore.close();
    }
    if (info != null) {
      observation.closed(Duration.ofNanos(System.nanoTime() - openedAt), cancelReason);
    }
  }

  private void throwFailures(List<Throwable> failures, List<String> abandoned) {
    Error fatal = null;
    for (Throwable failure : failures) {
      if (failure instanceof Error error && fatal == null) {
        fatal = error;
      }
    }
    if (fatal != null) {
      for (Throwable failure : failures) {
        if (failure != fatal) {
          fatal.addSuppressed(failure);
        }
      }
      throw fatal;
    }
    if (!failures.isEmpty() || !abandoned.isEmpty()) {
      throw new ScopeCloseException(name, failures, abandoned);
    }
  }

  private static void notifyCancelled(Consumer<? super CancelReason> listener, CancelReason reason) {
    try {
      listener.accept(reason);
    } catch (RuntimeException e) {
      // A listener's failure must not stop the cancellation of the rest; the handler reports it.
      Uncaught.report(e);
    }
  }

  /** Configures a scope before {@link #open() opening} it. */
  public static final class Builder {
    private final String name;
    private ScopeRuntime runtime;
    private Duration timeout;
    private Instant deadline;
    private int concurrency;
    private Scope parent;
    private boolean detached;
    private Duration closeGrace;

    Builder(String name, ScopeRuntime runtime) {
      this.name = checkName(name);
      this.runtime = runtime;
    }

    static String checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a scope needs a name (it names its span and its threads)");
      }
      return name;
    }

    /** Cancels the scope {@code timeout} after it opens; positive. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (!timeout.isPositive()) {
        throw new IllegalArgumentException("scope '" + name + "': timeout must be positive, got " + timeout
            + " (for a point in time that may have passed, use deadline(Instant))");
      }
      this.timeout = timeout;
      return this;
    }

    /** Cancels the scope at {@code deadline} (wall clock); a deadline already passed cancels it on open. */
    public Builder deadline(Instant deadline) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      return this;
    }

    /** Runs at most {@code limit} of the scope's tasks at once; the rest wait their turn. */
    public Builder concurrency(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("scope '" + name + "': concurrency must be at least 1, got " + limit);
      }
      this.concurrency = limit;
      return this;
    }

    /** Makes {@code parent} the parent instead of the current scope. */
    public Builder parent(Scope parent) {
      this.parent = Objects.requireNonNull(parent, "parent");
      this.detached = false;
      return this;
    }

    /** Opens a root scope even when a current scope exists. */
    public Builder detached() {
      this.detached = true;
      this.parent = null;
      return this;
    }

    /** How long {@link Scope#close()} waits for cancelled tasks before reporting them; zero or more. */
    public Builder closeGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("scope '" + name + "': close grace must not be negative, got " + grace);
      }
      this.closeGrace = grace;
      return this;
    }

    /** Uses {@code runtime} (observer, stores, time) instead of the parent's or the default. */
    public Builder runtime(ScopeRuntime runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /** Opens the scope; it becomes the current scope of this thread until closed. */
    public Scope open() {
      return Scope.openWith(name, runtime, timeout, deadline, concurrency, parent, detached, closeGrace);
    }
  }
}
