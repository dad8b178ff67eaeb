package io.gogoscope.observe;

import io.gogoscope.CircuitState;
import io.gogoscope.ScopeError;
import java.util.List;

/**
 * Receives what scopes, tasks and policies do: the seam where tracing (OpenTelemetry) and metrics
 * (Micrometer) plug in. Every method has a do-nothing default, and {@link #NONE} is what the
 * runtime uses when nothing is configured; the runtime checks for it and skips observation
 * entirely, so an unobserved call pays nothing.
 *
 * <p>Implementations must be thread-safe and must not throw; an exception from an observer is
 * caught and dropped so that observation can never break the observed code.
 */
public interface ScopeObserver {

  /** Observes nothing. */
  ScopeObserver NONE = new ScopeObserver() {};

  /** A scope opened, on the thread that opened it. */
  default ScopeObservation scopeOpened(ScopeInfo scope) {
    return ScopeObservation.NONE;
  }

  /**
   * A scope opened, on the thread that opened it, as a child of the scope observed by
   * {@code parent} ({@link ScopeObservation#NONE} for a root scope). The runtime calls this form;
   * it lets a tracer nest the new scope's span under its parent's even when the opening thread
   * does not have the parent's span current (a scope opened with an explicit parent, or a second
   * scope opened on the thread that opened the first). The default ignores {@code parent}.
   */
  default ScopeObservation scopeOpened(ScopeInfo scope, ScopeObservation parent) {
    return scopeOpened(scope);
  }

  /**
   * A task or guarded call starts, on the thread that will run it. {@code scope} is the observation
   * of the scope it runs in ({@link ScopeObservation#NONE} outside any scope).
   */
  default TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    return TaskObservation.NONE;
  }

  /**
   * The handle for every task of {@code kind}, resolved once (the runtime asks when it builds a
   * guard) and then asked for each task of that kind instead of {@link #taskStarted}. Override it
   * to resolve per-kind state once: meters, span names, constant attributes. The default starts
   * each task through {@link #taskStarted}.
   */
  default TaskObserver taskObserver(TaskKind kind) {
    return (index, attributes, scope) -> taskStarted(kind.info(index, attributes), scope);
  }

  /** A resource was registered with a scope. */
  default void resourceRegistered(ScopeInfo scope) {}

  /** A resource was disposed; {@code failure} is {@code null} when it closed cleanly. */
  default void resourceDisposed(ScopeInfo scope, Throwable failure) {}

  /** Tasks were still running when the close grace of {@code scope} ran out. */
  default void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {}

  /** A circuit breaker moved from {@code from} to {@code to}. */
  default void circuitStateChanged(String name, CircuitState from, CircuitState to) {}

  /** A lock was tried, acquired, released, lost … (see {@link LockOutcome}). */
  default void lockOutcome(String name, LockOutcome outcome) {}

  /** A rate-limit check on {@code name} admitted the call or not. */
  default void rateLimitOutcome(String name, boolean allowed) {}

  /**
   * Combines observers; each receives every event. {@link #NONE}s are dropped, so combining nothing
   * gives {@link #NONE}.
   */
  static ScopeObserver compose(List<ScopeObserver> observers) {
    return CompositeObserver.of(observers);
  }

  /** What happened to a lock. */
  enum LockOutcome {
    /** The lock was acquired. */
    ACQUIRED,
    /** The lock was held elsewhere and not acquired. */
    UNAVAILABLE,
    /** The lock was released by its holder. */
    RELEASED,
    /** The lease expired or was taken over before its holder released it. */
    LOST,
    /** The store could not be reached. */
    ERROR
  }

  /**
   * The outcome a task observation ends with: {@code null} error for success.
   *
   * @param error the failure, or {@code null} on success
   * @param attempts how many attempts ran (1 without retries)
   */
  record Outcome(ScopeError error, int attempts) {}
}
