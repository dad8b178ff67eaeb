package io.gogoscope;

import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.Restore;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.ScopeObserver.LockOutcome;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import io.gogoscope.store.Lease;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The policies of one kind of call, run in one fixed order. Build it once (generated code builds
 * one per method), then call it any number of times from any thread; {@link #call} never throws
 * (but for {@link Error}s) and returns the body's value or a typed error.
 *
 * <h2>Policy order, outermost first</h2>
 * <ol>
 *   <li><b>Overall timeout</b>: bounds everything below, waits and retries included, so a call
 *       never outlives its budget.
 *   <li><b>Rate limit</b>: admission of the call as a whole, checked before anything costly; a
 *       refused call takes no lock and no circuit permit.
 *   <li><b>Lock</b>: taken once per call and held across its retries, because the retries redo
 *       the same critical section; released when the call ends.
 *   <li><b>Retry</b>: re-runs everything below it, so each attempt asks the circuit breaker,
 *       takes a bulkhead slot and gets its own attempt timeout.
 *   <li><b>Circuit breaker</b>: per attempt, so every attempt's outcome is recorded and an
 *       opening circuit stops further retries at once.
 *   <li><b>Bulkhead</b>: per attempt, so a slot is not held during the retry delay.
 *   <li><b>Attempt timeout</b>: innermost, so it times only the body, not the waits above it.
 * </ol>
 *
 * <h2>Timeouts</h2>
 * The body runs on the calling thread; its deadline is armed in a per-thread slot that one shared
 * watchdog thread scans, and the watchdog interrupts the thread when the deadline passes. No thread
 * is started and no task is scheduled per call, and an expiry that races with the body's completion
 * never leaves a stray interrupt behind. Expiries are seen within a few milliseconds (the watchdog
 * polls every 5 ms while calls come and go), never early.
 * <ul>
 *   <li>A call's deadline is the sooner of its own timeouts and the deadline of the
 *       {@linkplain Scope#current() current scope}. When the scope's deadline is the one that
 *       passes, the call ends {@linkplain ErrorMapper#cancelled cancelled} with the scope's reason
 *       ({@link CancelReason.ScopeTimedOut}), not timed out. A call inside the body of another
 *       guarded call is likewise bounded by the outer call's deadline and ends cancelled with
 *       {@link CancelReason.CallTimedOut} when that one passes first.
 *   <li>The deadline bounds the call's own waits too: the wait for a lock (whatever its
 *       {@code maxWait}) and retry delays end when it passes, and no attempt starts after it,
 *       even when attempts fail at once without a delay.
 *   <li>A scope opened inside a guarded call's body inherits the call's remaining budget as its
 *       deadline ({@link Scope#remaining()}).
 *   <li>Once its own deadline has passed, an attempt is {@linkplain ErrorMapper#timedOut timed out}
 *       whether its body then throws or returns: the caller asked for an answer within the
 *       deadline (SmallRye Fault Tolerance and MicroProfile do the same).
 *   <li>A body that ignores interruption (a busy loop, or blocking that is not interruptible) runs
 *       to its end: nothing in Java can stop a thread that does not cooperate. The call then
 *       returns, late, timed out. Bodies that need to stop should block interruptibly or check
 *       {@link Thread#isInterrupted()} or {@link Scope#throwIfCancelled()}.
 *   <li>A body that fails with an {@link InterruptedException} (or an exception caused by one)
 *       while no deadline passed but the current scope or task is cancelled ends cancelled with
 *       that reason. Interruptions are never retried.
 * </ul>
 *
 * <p>Retry delays wait through the runtime's {@link TimeSource}, so tests can drive them with a
 * controllable clock. Locks and rate limits come from the runtime's stores, keyed by the call's
 * {@link CallContext}; a {@link StoreException} from a store fails the call as
 * {@linkplain ErrorMapper#thrown thrown} (unexpected), and so does a key or setting the store
 * refuses (wrapped in a {@link StoreException}): a guarded call never throws for them.
 */
public final class Guard {
  private static final int THROWN = AttemptFailure.THROWN;
  private static final int DEADLINE = AttemptFailure.DEADLINE;
  private static final int CANCELLED = AttemptFailure.CANCELLED;
  private static final int CIRCUIT_OPEN = AttemptFailure.CIRCUIT_OPEN;
  private static final int BULKHEAD_FULL = AttemptFailure.BULKHEAD_FULL;
  private static final int WAIT_INTERRUPTED = AttemptFailure.WAIT_INTERRUPTED;
  private static final int RESULT = AttemptFailure.RESULT;
  private static final int PREDICATE_FAILED = AttemptFailure.PREDICATE_FAILED;

  private final String name;
  private final ScopeRuntime runtime;
  /** The clock of this guard's timeouts: {@code null} for the real one (see {@link DeadlineClock}). */
  private final TimeSource clock;
  private final ScopeObserver observer;
  /** The observer's handle for this guard's calls, resolved once ({@link TaskObserver#NONE} when unobserved). */
  private final TaskObserver taskObserver;
  private final Retry retry;
  private final long attemptTimeoutNanos;
  private final long overallTimeoutNanos;
  private final CallDeadline attemptDeadline;
  private final CallDeadline overallDeadline;
  private final CircuitBreaker breaker;
  private final CircuitBreaker.Counted counted;
  private final Bulkhead bulkhead;
  private final int rateLimit;
  private final Duration rateWindow;
  private final Duration rateMaxWait;
  private final Duration lockTtl;
  private final Duration lockMaxWait;
  private final long lockMinHoldNanos;
  /** Nothing around the attempts and nobody observing: {@link #call} goes straight to them. */
  private final boolean plain;
  /** No breaker and no bulkhead around each attempt. */
  private final boolean bareAttempts;
  /** The call waits on its own thread (for a lock, between retries): a scope deadline must bound it. */
  private final boolean waits;
  /** The retry judges successful values too ({@link Retry.Builder#retryOnResult}). */
  private final boolean retriesResults;

  private Guard(Builder builder) {
    this.name = builder.name;
    this.runtime = builder.runtime;
    this.clock = runtime.deadlineClock();
    this.observer = runtime.observer();
    this.retry = builder.retry;
    this.attemptTimeoutNanos = builder.timeout == null ? 0 : Durations.toNanos(builder.timeout);
    this.overallTimeoutNanos = builder.overallTimeout == null ? 0 : Durations.toNanos(builder.overallTimeout);
    this.attemptDeadline = new CallDeadline(name, builder.timeout);
    this.overallDeadline = new CallDeadline(name, builder.overallTimeout);
    this.breaker = builder.breaker;
    this.counted = builder.counted;
    this.bulkhead = builder.bulkhead;
    this.rateLimit = builder.rateLimit;
    this.rateWindow = builder.rateWindow;
    this.rateMaxWait = builder.rateMaxWait;
    this.lockTtl = builder.lockTtl;
    this.lockMaxWait = builder.lockMaxWait;
    this.lockMinHoldNanos = builder.lockMinHold.toNanos();
    this.bareAttempts = breaker == null && bulkhead == null;
    this.waits = retry != null || (lockTtl != null && !lockMaxWait.isZero()) || !rateMaxWait.isZero();
    this.retriesResults = retry != null && retry.retriesResults();
    this.plain = overallTimeoutNanos == 0 && rateLimit == 0 && lockTtl == null
        && observer == ScopeObserver.NONE;
    this.taskObserver = observer == ScopeObserver.NONE
        ? TaskObserver.NONE
        : observer.taskObserver(new TaskKind(name, retry != null,
            attemptTimeoutNanos != 0 || overallTimeoutNanos != 0, breaker != null));
  }

  /** Starts a guard named {@code name} on the default runtime. */
  public static Builder builder(String name) {
    return ScopeRuntime.defaults().guard(name);
  }

  /** The guard's name (the task name of its calls). */
  public String name() {
    return name;
  }

  /**
   * The policies this guard runs with, configuration overrides applied, as an operator reads them:
   * by policy, then setting, named as their override properties name them ({@code retry} ->
   * {@code max-attempts} -> 3; durations as ISO-8601 text). Policies the guard lacks are left out.
   * For admin pages and the Spring Boot starter's endpoint, not for the call path: it builds the
   * maps on every call.
   */
  public Map<String, Map<String, Object>> policies() {
    Map<String, Map<String, Object>> policies = new LinkedHashMap<>();
    if (retry != null) {
      policies.put("retry", settings("max-attempts", retry.maxAttempts(), "delay", retry.delay().toString(),
          "max-delay", retry.maxDelay().toString(), "backoff", retry.backoff().name()));
    }
    if (attemptTimeoutNanos != 0 || overallTimeoutNanos != 0) {
      Map<String, Object> timeout = new LinkedHashMap<>();
      if (attemptTimeoutNanos != 0) {
        timeout.put("value", Duration.ofNanos(attemptTimeoutNanos).toString());
      }
      if (overallTimeoutNanos != 0) {
        timeout.put("overall", Duration.ofNanos(overallTimeoutNanos).toString());
      }
      policies.put("timeout", timeout);
    }
    if (breaker != null) {
      policies.put("circuit-breaker", settings("name", breaker.name()));
    }
    if (bulkhead != null) {
      policies.put("bulkhead", settings("max-concurrent", bulkhead.limit(), "max-wait", bulkhead.maxWait().toString()));
    }
    if (rateLimit > 0) {
      policies.put("rate-limit", settings("limit", rateLimit, "window", rateWindow.toString(),
          "max-wait", rateMaxWait.toString()));
    }
    if (lockTtl != null) {
      policies.put("distributed-lock", settings("ttl", lockTtl.toString(), "max-wait", lockMaxWait.toString(),
          "min-hold", Duration.ofNanos(lockMinHoldNanos).toString()));
    }
    return policies;
  }

  private static Map<String, Object> settings(Object... namesAndValues) {
    Map<String, Object> settings = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      settings.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return settings;
  }

  /** Runs {@code body} under the policies; failures as {@link Failure}. */
  public <T> Result<Failure, T> call(Callable<? extends T> body) {
    return call(CallContext.NONE, body, ErrorMapper.failure());
  }

  /** Runs {@code body} under the policies; failures mapped by {@code errors}. */
  public <E, T> Result<E, T> call(Callable<? extends T> body, ErrorMapper<E> errors) {
    return call(CallContext.NONE, body, errors);
  }

  /** Runs {@code body} under the policies with per-call keys and attributes. */
  public <E, T> Result<E, T> call(CallContext context, Callable<? extends T> body, ErrorMapper<E> errors) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(errors, "errors");
    if (plain) {
      ThreadContext thread = ThreadContext.current();
      if (thread.outsideScopes()) {
        return attemptsOutsideScopes(thread, body, errors);
      }
    }
    return callObserved(Objects.requireNonNull(context, "context"), body, errors);
  }

  /** Forks {@code body}, run under the policies, into {@code scope} as one task. */
  public <E, T> Task<E, T> fork(Scope scope, Callable<? extends T> body, ErrorMapper<E> errors) {
    return fork(scope, CallContext.NONE, body, errors);
  }

  /**
   * Forks {@code body}, run under the policies with per-call keys, into {@code scope}: one task
   * named after the guard, whose observation carries the guard's policies and the call's
   * attributes, and whose retries are reported to it.
   */
  public <E, T> Task<E, T> fork(
      Scope scope, CallContext context, Callable<? extends T> body, ErrorMapper<E> errors) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(errors, "errors");
    return scope.start(name, new TaskBody<E, T>() {
      private final Attempts attempts = new Attempts();

      @Override
      Result<E, T> run(TaskObservation observation) {
        return guarded(ThreadContext.current(), context, body, errors, observation, attempts);
      }

      @Override
      TaskInfo info(String taskName, int index) {
        return Guard.this.info(index, context);
      }

      @Override
      TaskObservation observe(ScopeObserver observer, String taskName, int index, ScopeObservation scope) {
        if (observer != Guard.this.observer) { // a scope of another runtime observes its own tasks
          return observer.taskStarted(info(taskName, index), scope);
        }
        return taskObserver.started(index, context.attributes(), scope);
      }

      @Override
      int attempts() {
        return attempts.made;
      }
    }, errors, null);
  }

  @Override
  public String toString() {
    return "Guard[" + name + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // The call, outermost policy first.

  private <E, T> Result<E, T> callObserved(CallContext context, Callable<? extends T> body, ErrorMapper<E> errors) {
    ThreadContext thread = ThreadContext.current();
    if (observer == ScopeObserver.NONE) {
      return guarded(thread, context, body, errors, TaskObservation.NONE, null);
    }
    Scope scope = thread.openScope();
    TaskObservation observation =
        taskObserver.started(0, context.attributes(), scope != null ? scope.observation() : ScopeObservation.NONE);
    long start = System.nanoTime();
    Attempts attempts = new Attempts();
    Result<E, T> result;
    Restore restore = Observations.makeCurrent(observation);
    try {
      result = guarded(thread, context, body, errors, observation, attempts);
    } catch (Error e) {
      Observations.finished(observation, System.nanoTime() - start, new OtherError(e), 1);
      throw e;
    } finally {
      Observations.restore(restore);
    }
    Observations.finished(observation, System.nanoTime() - start, OtherError.of(result), attempts.made);
    return result;
  }

  /** Cancellation check and overall timeout. */
  private <E, T> Result<E, T> guarded(ThreadContext thread, CallContext context, Callable<? extends T> body,
      ErrorMapper<E> errors, TaskObservation observation, Attempts attempts) {
    CancelReason reason = thread.cancelReason();
    if (reason != null) {
      return new Result.Err<>(errors.cancelled(reason));
    }
    DeadlineSlot slot;
    long deadline;
    if (overallTimeoutNanos != 0) {
      deadline = DeadlineClock.now(clock) + overallTimeoutNanos;
      slot = enter(thread, deadline, overallDeadline);
    } else {
      // No timeout of its own: the scope's deadline still bounds the call's own waits (the lock's
      // maxWait, a rate limit's maxWait, retry delays) on this thread, which no attempt timeout covers.
      Scope scope = waits ? thread.openScope() : null;
      if (scope == null || scope.effectiveDeadline == DeadlineSlot.NO_DEADLINE) {
        return admitted(thread, context, body, errors, observation, attempts, DeadlineSlot.NO_DEADLINE);
      }
      deadline = scope.deadlineOn(clock);
      slot = enter(thread, deadline, scope);
    }
    Result<E, T> result;
    try {
      result = admitted(thread, context, body, errors, observation, attempts, deadline);
    } catch (Throwable t) {
      slot.exit();
      throw t;
    }
    Object fired = slot.exit();
    return fired == null ? result : new Result.Err<>(deadlineError(thread, fired, errors));
  }

  /** Rate limit, then lock; {@code deadline} is the overall timeout's (a reading of {@link #clock}). */
  private <E, T> Result<E, T> admitted(ThreadContext thread, CallContext context, Callable<? extends T> body,
      ErrorMapper<E> errors, TaskObservation observation, Attempts attempts, long deadline) {
    if (rateLimit > 0) {
      String key = context.rateLimitKey() != null ? context.rateLimitKey() : name;
      RateLimitDecision decision;
      try {
        decision = rateMaxWait.isZero()
            ? runtime.rateLimitStore().checkAndIncrement(key, rateLimit, rateWindow)
            : awaitPermit(thread, key, deadline);
      } catch (RuntimeException e) { // a StoreException, or a key or limit the store refused
        return new Result.Err<>(errors.thrown(StoreFailures.of(e, "rate-limit store", key)));
      } catch (InterruptedException e) {
        return new Result.Err<>(waitInterrupted(thread, errors));
      }
      observer.rateLimitOutcome(name, decision.allowed());
      if (!decision.allowed()) {
        return new Result.Err<>(errors.rateLimited(decision.retryAfter(runtime.timeSource().now())));
      }
    }
    if (lockTtl == null) {
      return attempts(thread, body, errors, observation, attempts);
    }
    String key = context.lockKey() != null ? context.lockKey() : name;
    Optional<Lease> acquired;
    try {
      acquired = lockMaxWait.isZero()
          ? runtime.lockProvider().tryAcquire(key, lockTtl)
          : runtime.lockProvider().acquire(key, lockTtl, lockMaxWait);
    } catch (RuntimeException e) { // a StoreException, or a key or TTL the store refused
      observer.lockOutcome(name, LockOutcome.ERROR);
      return new Result.Err<>(errors.thrown(StoreFailures.of(e, "lock provider", key)));
    } catch (InterruptedException e) {
      return new Result.Err<>(waitInterrupted(thread, errors));
    }
    if (acquired.isEmpty()) {
      observer.lockOutcome(name, LockOutcome.UNAVAILABLE);
      return new Result.Err<>(errors.lockUnavailable(key));
    }
    observer.lockOutcome(name, LockOutcome.ACQUIRED);
    long acquiredAt = lockMinHoldNanos == 0 ? 0 : System.nanoTime();
    try {
      return attempts(thread, body, errors, observation, attempts);
    } finally {
      release(acquired.get(), acquiredAt);
    }
  }

  /**
   * Waits for a rate-limit permit up to the guard's wait, and never past the call's deadline (the
   * overall timeout's or the scope's): a permit that cannot come in time is refused at once.
   */
  private RateLimitDecision awaitPermit(ThreadContext thread, String key, long deadline) throws InterruptedException {
    long now = DeadlineClock.now(clock);
    Scope scope = thread.openScope();
    long until = Math.min(deadline, scope != null ? scope.deadlineOn(clock) : DeadlineSlot.NO_DEADLINE);
    Duration wait = rateMaxWait;
    if (until != DeadlineSlot.NO_DEADLINE) {
      Duration left = Duration.ofNanos(Math.max(0, until - now));
      wait = left.compareTo(wait) < 0 ? left : wait;
    }
    return runtime.rateLimitStore().awaitPermit(key, rateLimit, rateWindow, wait, runtime.timeSource());
  }

  /**
   * The success path of most calls: nothing around the attempts, nobody observing, and no scope or
   * task on the thread, so nothing can cancel the call and no deadline applies but its own. Small on
   * purpose: C2 inlines it whole into the generated method, and escape analysis then removes the
   * body's lambda and the {@link Result.Ok} (zero bytes per call; {@code SuccessfulCallBenchmark}).
   */
  private <E, T> Result<E, T> attemptsOutsideScopes(ThreadContext thread, Callable<? extends T> body,
      ErrorMapper<E> errors) {
    Object value = bareAttempts ? attemptOutsideScopes(thread, body) : guardedAttempt(thread, body, true);
    AttemptFailure failure = failureOf(value);
    if (failure != null) {
      return retry(thread, failure, body, errors, TaskObservation.NONE, null);
    }
    return ok(value);
  }

  /** The first attempt, inline; retries in {@link #retry}, off the success path. */
  private <E, T> Result<E, T> attempts(ThreadContext thread, Callable<? extends T> body, ErrorMapper<E> errors,
      TaskObservation observation, Attempts attempts) {
    Object value = bareAttempts ? attempt(thread, body) : guardedAttempt(thread, body, false);
    AttemptFailure failure = failureOf(value);
    if (failure != null) {
      return retry(thread, failure, body, errors, observation, attempts);
    }
    Attempts.count(attempts, 1);
    return ok(value);
  }

  /**
   * The failure of an attempt that returned {@code value}: the failure itself, else, where
   * retryOnResult wants the value tried again, a {@code RESULT} failure holding it (a predicate
   * that throws gives a {@code PREDICATE_FAILED} one, never retried); {@code null} when the value
   * stands. Without retryOnResult a value costs one type check, no allocation.
   */
  private AttemptFailure failureOf(Object value) {
    if (value instanceof AttemptFailure failure) {
      return failure;
    }
    if (!retriesResults) {
      return null;
    }
    try {
      return retry.shouldRetryResult(value) ? new AttemptFailure(RESULT, null, value) : null;
    } catch (Throwable thrown) { // a raw Throwable wrapped, as the body's; an Error propagates
      String predicate = "the retryOnResult predicate of guard '" + name + "'";
      return new AttemptFailure(PREDICATE_FAILED, RawThrowables.asException(thrown, predicate), null);
    }
  }

  /** Attempts after the first failed one, until one succeeds or the retry policy gives up. */
  private <E, T> Result<E, T> retry(ThreadContext thread, AttemptFailure first, Callable<? extends T> body,
      ErrorMapper<E> errors, TaskObservation observation, Attempts attempts) {
    Duration previousDelay = Duration.ZERO;
    AttemptFailure last = first;
    for (int attempt = 1; ; attempt++) {
      int kind = last.kind();
      Exception failure = last.exception();
      Object detail = last.detail();
      Attempts.count(attempts, attempt); // before the mapper, a listener or an observer runs
      if (kind == PREDICATE_FAILED) {
        return new Result.Err<>(errors.thrown(failure));
      }
      if (kind == RESULT && attempt >= retry.maxAttempts()) {
        return ok(detail); // out of attempts: the last value stands
      }
      E error = kind == RESULT ? null : toError(thread, kind, failure, detail, errors);
      boolean again;
      try {
        again = retries(attempt, kind, failure, detail);
      } catch (RuntimeException predicateFailed) {
        // The retryIf predicate threw: a bug in it, which ends the call; the failure it judged
        // travels with it so neither is lost.
        if (failure != null) {
          predicateFailed.addSuppressed(failure);
        }
        return new Result.Err<>(errors.thrown(predicateFailed));
      }
      if (!again) {
        return new Result.Err<>(error);
      }
      Object passed = passedDeadline(thread);
      if (passed != null) {
        return new Result.Err<>(deadlineError(thread, passed, errors)); // no attempt starts after the deadline
      }
      Duration delay = retry.delayBefore(attempt, previousDelay, ThreadLocalRandom.current());
      reportRetry(observation, attempt, delay, kind == RESULT ? new RetriedResult(detail) : error);
      try {
        runtime.timeSource().sleep(delay);
      } catch (InterruptedException e) {
        return new Result.Err<>(waitInterrupted(thread, errors));
      }
      CancelReason reason = thread.cancelReason();
      if (reason != null) {
        return new Result.Err<>(errors.cancelled(reason));
      }
      passed = passedDeadline(thread);
      if (passed != null) {
        return new Result.Err<>(deadlineError(thread, passed, errors));
      }
      previousDelay = delay;
      Object value = bareAttempts ? attempt(thread, body) : guardedAttempt(thread, body, false);
      AttemptFailure failed = failureOf(value);
      if (failed == null) {
        Attempts.count(attempts, attempt + 1);
        return ok(value);
      }
      last = failed;
    }
  }

  /**
   * The deadline around the attempts (this call's overall timeout or scope, an enclosing call's)
   * if it has passed, else {@code null}. Checked between attempts: attempts that fail at once,
   * without a delay, would otherwise never give the watchdog an armed body to interrupt.
   */
  private static Object passedDeadline(ThreadContext thread) {
    DeadlineSlot slot = thread.slotIfAny();
    return slot == null ? null : slot.passedSource();
  }

  /** Tells the call's observation and the retry's listeners that attempt {@code attempt} failed. */
  private void reportRetry(TaskObservation observation, int attempt, Duration delay, Object error) {
    ScopeError reported = error instanceof ScopeError scopeError ? scopeError : new OtherError(error);
    Observations.retrying(observation, attempt, delay, reported);
    for (Retry.Listener listener : retry.listeners()) {
      try {
        listener.onRetry(name, attempt, delay, reported);
      } catch (RuntimeException e) {
        // A broken hook must not change the call's outcome; the handler reports it.
        Uncaught.report(e);
      }
    }
  }

  /**
   * Circuit breaker, then bulkhead, around one attempt ({@link #attemptOutsideScopes} when the
   * caller found no scope or task on the thread). The releases are methods of their own (not
   * a finally block, which javac copies onto the exceptional path) to keep this small enough for C2
   * to inline into the generated method (see {@link #attemptsOutsideScopes}).
   */
  private Object guardedAttempt(ThreadContext thread, Callable<?> body, boolean outsideScopes) {
    AttemptFailure refused = admitAttempt();
    if (refused != null) {
      return refused;
    }
    Object value;
    try {
      value = outsideScopes ? attemptOutsideScopes(thread, body) : attempt(thread, body);
    } catch (Throwable t) {
      abandonAttempt(); // an Error from below: not the dependency's fault
      throw t;
    }
    finishAttempt(value);
    return value;
  }

  /** Takes a circuit permit and a bulkhead slot; the refusal, or {@code null} when admitted. */
  private AttemptFailure admitAttempt() {
    if (breaker != null && !breaker.tryAcquirePermission()) {
      return AttemptFailure.CIRCUIT_OPEN_REFUSAL;
    }
    if (bulkhead == null) {
      return null;
    }
    AttemptFailure refused;
    try {
      refused = bulkhead.tryEnter() ? null : AttemptFailure.BULKHEAD_REFUSAL;
    } catch (InterruptedException e) {
      refused = new AttemptFailure(WAIT_INTERRUPTED, e, null);
    }
    if (refused != null && breaker != null) {
      breaker.releasePermission();
    }
    return refused;
  }

  /** Gives back the bulkhead slot and records the attempt's outcome with the breaker. */
  private void finishAttempt(Object value) {
    if (bulkhead != null) {
      bulkhead.exit();
    }
    if (breaker != null) {
      if (!(value instanceof AttemptFailure failure)) {
        breaker.onSuccess();
      } else {
        reportFailedAttempt(failure);
      }
    }
  }

  /**
   * Tells the breaker what a failed attempt says about the dependency: an exception as
   * {@link CircuitBreaker.Counted} classifies it (a skipped one is a success), a timeout of the
   * attempt's own is a failure; a cancellation, an interruption, a deadline from outside (overall
   * timeout, scope) or a refusal says nothing and gives the permit back.
   */
  private void reportFailedAttempt(AttemptFailure attempt) {
    boolean failure;
    switch (attempt.kind()) {
      case THROWN -> {
        if (Interruptions.isInterruption(attempt.exception())) {
          breaker.releasePermission(); // stopped from outside: not the dependency's fault
          return;
        }
        failure = counted.isFailure(attempt.exception());
      }
      case DEADLINE -> {
        if (attempt.detail() != attemptDeadline) {
          breaker.releasePermission();
          return;
        }
        failure = true;
      }
      default -> {
        breaker.releasePermission();
        return;
      }
    }
    if (failure) {
      breaker.onFailure();
    } else {
      breaker.onSuccess();
    }
  }

  /** Gives back the bulkhead slot and the circuit permit of an attempt that threw. */
  private void abandonAttempt() {
    if (bulkhead != null) {
      bulkhead.exit();
    }
    if (breaker != null) {
      breaker.releasePermission();
    }
  }

  /**
   * {@link #attempt} where no scope deadline applies (no scope or task on the thread, or a scope
   * without a deadline): the attempt timeout alone.
   */
  private Object attemptOutsideScopes(ThreadContext thread, Callable<?> body) {
    if (attemptTimeoutNanos == 0) {
      return unarmed(thread, body);
    }
    DeadlineSlot slot = thread.slot();
    if (clock == null) {
      slot.enterTimeout(attemptTimeoutNanos, attemptDeadline);
    } else {
      enterDriven(slot);
    }
    return armed(thread, slot, body);
  }

  /** Arms the attempt timeout on a driven clock (out of line: the real-time path stays small). */
  private void enterDriven(DeadlineSlot slot) {
    slot.enter(clock.nanoTime() + attemptTimeoutNanos, clock, attemptDeadline);
  }

  /** The attempt timeout (and the scope's deadline) around the body. */
  private Object attempt(ThreadContext thread, Callable<?> body) {
    Scope scope = thread.openScope();
    if (scope == null || scope.effectiveDeadline == DeadlineSlot.NO_DEADLINE) {
      return attemptOutsideScopes(thread, body); // no scope deadline: the attempt timeout alone
    }
    return armed(thread, attemptInScope(thread, scope), body);
  }

  /** Runs the body with {@code slot} armed; disarms it after. */
  private Object armed(ThreadContext thread, DeadlineSlot slot, Callable<?> body) {
    Object value;
    try {
      value = body.call();
    } catch (Throwable t) {
      return thrownWhileArmed(thread, slot, t);
    }
    Object fired = slot.exit();
    return fired == null ? value : expired(fired);
  }

  /** Arms the sooner of the attempt timeout and the scope's deadline. */
  private DeadlineSlot attemptInScope(ThreadContext thread, Scope scope) {
    DeadlineSlot slot = thread.slot();
    long own = attemptTimeoutNanos == 0 ? DeadlineSlot.NO_DEADLINE : DeadlineClock.now(clock) + attemptTimeoutNanos;
    long scopeDeadline = scope.deadlineOn(clock);
    if (scopeDeadline < own) {
      slot.enter(scopeDeadline, clock, scope);
    } else {
      slot.enter(own, clock, attemptDeadline);
    }
    return slot;
  }

  private Object unarmed(ThreadContext thread, Callable<?> body) {
    try {
      return body.call();
    } catch (Throwable t) {
      return thrown(thread, t, null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Failure paths, each in a method of its own: the success path above stays small enough for C2
  // to inline whole into the generated method, which lets escape analysis remove the body's lambda
  // and the Result.Ok (zero bytes per call); a handler that inlined slot.exit() again would not.

  /**
   * The body threw while {@code slot} was armed: disarms it, then classifies (a raw Throwable as
   * the body's failure, wrapped); an Error propagates.
   */
  private Object thrownWhileArmed(ThreadContext thread, DeadlineSlot slot, Throwable thrown) {
    return thrown(thread, thrown, slot.exit());
  }

  /**
   * Classifies what the body threw, with the forked task's mechanism: a raw Throwable wrapped, an
   * Error propagated.
   */
  private Object thrown(ThreadContext thread, Throwable thrown, Object fired) {
    return failed(thread, RawThrowables.asException(thrown, "guarded call '" + name + "'"), fired);
  }

  /** The body returned, but after the deadline {@code fired}: the attempt counts as timed out. */
  private static Object expired(Object fired) {
    return new AttemptFailure(DEADLINE, null, fired);
  }

  /** Classifies an exception from the body; {@code fired} is the deadline that fired, if one did. */
  private Object failed(ThreadContext thread, Exception e, Object fired) {
    if (fired != null) {
      return new AttemptFailure(DEADLINE, e, fired);
    }
    if (Interruptions.isInterruption(e)) {
      DeadlineSlot slot = thread.slotIfAny();
      Object enclosing = slot == null ? null : slot.firedSource();
      if (enclosing != null) {
        return new AttemptFailure(DEADLINE, e, enclosing);
      }
      CancelReason reason = thread.cancelReason();
      if (reason != null) {
        return new AttemptFailure(CANCELLED, e, reason);
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // returned as a value: keep the interruption visible
      }
    }
    return new AttemptFailure(THROWN, e, null);
  }

  private <E> E toError(ThreadContext thread, int kind, Exception failure, Object detail, ErrorMapper<E> errors) {
    return switch (kind) {
      case THROWN -> errors.thrown(failure);
      case DEADLINE -> deadlineError(thread, detail, errors);
      case CANCELLED -> errors.cancelled(detail);
      case CIRCUIT_OPEN -> errors.circuitOpen(breaker.name());
      case BULKHEAD_FULL -> errors.bulkheadFull(bulkhead.limit());
      case WAIT_INTERRUPTED -> waitInterrupted(thread, errors);
      default -> throw new IllegalStateException("gogoscope bug: unknown failure kind " + kind);
    };
  }

  private boolean retries(int attempt, int kind, Exception failure, Object detail) {
    if (retry == null || attempt >= retry.maxAttempts()) {
      return false;
    }
    return switch (kind) {
      case THROWN -> !Interruptions.isInterruption(failure) && retry.shouldRetry(failure);
      case RESULT -> true;
      case DEADLINE -> detail == attemptDeadline && retry.retriesTimeouts();
      default -> false; // refusals and cancellations: trying again at once could only fail again
    };
  }

  /** The error for a deadline that fired: this guard's own timeouts, else its scope's or an outer call's. */
  private <E> E deadlineError(ThreadContext thread, Object source, ErrorMapper<E> errors) {
    E error;
    if (source == attemptDeadline) {
      error = errors.timedOut(attemptDeadline.timeout());
    } else if (source == overallDeadline) {
      error = errors.timedOut(overallDeadline.timeout());
    } else if (source instanceof Scope scope) {
      error = errors.cancelled(scope.deadlinePassed());
    } else {
      CallDeadline outer = (CallDeadline) source;
      error = errors.cancelled(new CancelReason.CallTimedOut(outer.call(), outer.timeout()));
    }
    if (thread.task != null && thread.task.cancelReason() != null) {
      Thread.currentThread().interrupt(); // the slot consumed an interrupt the task's cancellation also meant
    }
    return error;
  }

  /** A wait of the guard's own (lock, bulkhead, retry delay) was interrupted. */
  private <E> E waitInterrupted(ThreadContext thread, ErrorMapper<E> errors) {
    DeadlineSlot slot = thread.slotIfAny();
    Object fired = slot == null ? null : slot.firedSource();
    if (fired != null) {
      return deadlineError(thread, fired, errors);
    }
    Thread current = Thread.currentThread();
    current.interrupt(); // whoever interrupted still wants this thread to stop
    CancelReason reason = thread.cancelReason();
    return errors.cancelled(reason != null ? reason : new CancelReason.Interrupted(current.getName()));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Pushes a deadline level: the sooner of {@code requested} (a reading of {@link #clock}) and the
   * current scope's deadline.
   */
  private DeadlineSlot enter(ThreadContext thread, long requested, Object source) {
    Scope scope = thread.openScope();
    DeadlineSlot slot = thread.slot();
    long scopeDeadline = scope == null ? DeadlineSlot.NO_DEADLINE : scope.deadlineOn(clock);
    if (scopeDeadline < requested) {
      slot.enter(scopeDeadline, clock, scope);
    } else {
      slot.enter(requested, clock, source);
    }
    return slot;
  }

  /** Releases {@code lease}, or with a minimum hold leaves it to expire when that has passed. */
  private void release(Lease lease, long acquiredAt) {
    try {
      boolean held = lockMinHoldNanos == 0
          ? lease.release()
          : lease.releaseAfter(Duration.ofNanos(lockMinHoldNanos - (System.nanoTime() - acquiredAt)));
      observer.lockOutcome(name, held ? LockOutcome.RELEASED : LockOutcome.LOST);
    } catch (RuntimeException e) {
      // The call's own outcome stands (its work is done and may not be repeated); the lease expires
      // by its TTL. Report the failure where it cannot be missed rather than fail the call.
      observer.lockOutcome(name, LockOutcome.ERROR);
      Uncaught.report(e);
    }
  }

  private TaskInfo info(int index, CallContext context) {
    return new TaskInfo(name, index, retry != null, attemptTimeoutNanos != 0 || overallTimeoutNanos != 0,
        breaker != null, context.attributes());
  }

  /**
   * How many attempts a call made, for its observation: one per observed call or forked task, so a
   * guarded call made by a listener or an observer in the middle of it cannot change the count.
   */
  static final class Attempts {
    int made;

    /** Records {@code made} attempts, when someone is counting. */
    static void count(Attempts attempts, int made) {
      if (attempts != null) {
        attempts.made = made;
      }
    }
  }

  @SuppressWarnings("unchecked") // the value came from a Callable<? extends T>
  private static <E, T> Result<E, T> ok(Object value) {
    return new Result.Ok<>((T) value);
  }

  /** Configures a {@link Guard}; get one from {@link ScopeRuntime#guard(String)}. */
  public static final class Builder {
    // Package-private: configuration overrides (Overrides) change them before build().
    final String name;
    private final ScopeRuntime runtime;
    Retry retry;
    Duration timeout;
    Duration overallTimeout;
    CircuitBreaker breaker;
    CircuitBreaker.Counted counted = CircuitBreaker.Counted.ALL;
    int rateLimit;
    Duration rateWindow;
    Duration rateMaxWait = Duration.ZERO;
    Duration lockTtl;
    Duration lockMaxWait;
    Duration lockMinHold = Duration.ZERO;
    Bulkhead bulkhead;

    Builder(String name, ScopeRuntime runtime) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a guard needs a name (it names its calls' spans and metrics)");
      }
      this.name = name;
      this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** Retries failed attempts. */
    public Builder retry(Retry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Stops each attempt after {@code timeout}; positive. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Stops the whole call, retries and waits included, after {@code timeout}; positive. */
    public Builder overallTimeout(Duration timeout) {
      this.overallTimeout = positive(timeout, "overall timeout");
      return this;
    }

    /** Guards each attempt with {@code breaker}, which counts every exception as a failure. */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      return circuitBreaker(breaker, CircuitBreaker.Counted.ALL);
    }

    /**
     * Guards each attempt with {@code breaker}, which counts this guard's exceptions as
     * {@code counted} says (MicroProfile's {@code failOn} / {@code skipOn}). The classification
     * belongs to the guard, not the breaker: methods sharing a breaker may classify differently.
     */
    public Builder circuitBreaker(CircuitBreaker breaker, CircuitBreaker.Counted counted) {
      this.breaker = Objects.requireNonNull(breaker, "breaker");
      this.counted = Objects.requireNonNull(counted, "counted; pass CircuitBreaker.Counted.ALL to count every exception");
      return this;
    }

    /**
     * Admits at most {@code limit} calls per sliding {@code window}, counted per key in the
     * runtime's rate-limit store (the key is the {@link CallContext#rateLimitKey()}, or the guard's
     * name when the call gives none).
     */
    public Builder rateLimit(int limit, Duration window) {
      if (limit < 1) {
        throw new IllegalArgumentException("guard '" + name + "': rate limit must admit at least 1 call, got " + limit);
      }
      this.rateWindow = positive(window, "rate-limit window");
      this.rateLimit = limit;
      return this;
    }

    /**
     * {@link #rateLimit(int, Duration)} that waits up to {@code maxWait} for a permit instead of
     * refusing at once (zero: refuse at once), never past the call's overall timeout or its scope's
     * deadline: a permit that cannot come by then is refused at once. An interrupt while waiting ends
     * the call cancelled (or timed out, when a deadline of the call caused it).
     */
    public Builder rateLimit(int limit, Duration window, Duration maxWait) {
      rateLimit(limit, window);
      this.rateMaxWait = notNegative(maxWait, "rate-limit wait");
      return this;
    }

    /**
     * Holds the lock {@link CallContext#lockKey()} (or the guard's name) from the runtime's lock
     * provider for the whole call, waiting up to {@code maxWait} for it (zero: skip at once).
     */
    public Builder lock(Duration ttl, Duration maxWait) {
      this.lockTtl = positive(ttl, "lock TTL");
      this.lockMaxWait = notNegative(maxWait, "lock wait");
      return this;
    }

    /**
     * {@link #lock(Duration, Duration)} that keeps the lock at least {@code minHold} from when it
     * was taken (ShedLock's {@code lockAtLeastFor}): a call that ends sooner leaves the lease to
     * expire then ({@link Lease#releaseAfter}), so another instance does not run the same job
     * again at once. Zero releases at the end of the call; at most the TTL (a longer hold would
     * end at the TTL anyway).
     */
    public Builder lock(Duration ttl, Duration maxWait, Duration minHold) {
      lock(ttl, maxWait);
      notNegative(minHold, "lock minimum hold");
      if (minHold.compareTo(ttl) > 0) {
        throw new IllegalArgumentException("guard '" + name + "': lock minimum hold " + minHold
            + " is longer than its TTL " + ttl + "; the lease expires at its TTL, so raise the TTL or shorten the hold");
      }
      this.lockMinHold = minHold;
      return this;
    }

    /** Caps concurrent attempts. */
    public Builder bulkhead(Bulkhead bulkhead) {
      this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
      return this;
    }

    /**
     * The configured guard, with the runtime's configuration overrides for its name applied (see
     * {@link ScopeRuntime.Builder#config}).
     *
     * @throws io.gogoscope.config.ConfigurationException when an override clashes with the
     *     settings given here (a retry delay above its max delay, …)
     */
    public Guard build() {
      runtime.overrides().apply(this);
      Guard guard = new Guard(this);
      runtime.built(guard);
      return guard;
    }

    private Duration notNegative(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (duration.isNegative()) {
        throw new IllegalArgumentException("guard '" + name + "': " + what + " must not be negative, got " + duration);
      }
      return duration;
    }

    private Duration positive(Duration duration, String what) {
      Objects.requireNonNull(duration, what);
      if (!duration.isPositive()) {
        throw new IllegalArgumentException("guard '" + name + "': " + what + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}
