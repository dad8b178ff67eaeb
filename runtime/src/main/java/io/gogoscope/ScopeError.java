package io.gogoscope;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of every error that gogoscope produces. Each generated per-method union (for example
 * {@code ScopedUserService.FetchUserError}) extends it, and each of its variants implements exactly
 * one of the nested marker interfaces, so code can handle one failure mode across all unions:
 *
 * <pre>{@code
 * if (error instanceof ScopeError.TimedOut t) metrics.timeout(t.after());
 * }</pre>
 *
 * <p>The markers are shared; the variants are generated per union, because a sealed type in an
 * unnamed module must keep its permitted subtypes in its own package. {@link #kind()} is the short,
 * stable name of the failure mode, used as {@code task.error_reason} on spans and as a metric tag.
 */
public interface ScopeError {

  /** The failure mode: {@code exception}, {@code timeout}, {@code cancelled}, … (stable names). */
  String kind();

  /** The exception behind this error, where there is one (a declared or unexpected exception). */
  default Optional<Throwable> exception() {
    return Optional.empty();
  }

  /** A declared (checked or unchecked) exception thrown by the call itself. */
  interface Failed extends ScopeError {
    /** The exception the call threw. */
    Exception cause();

    @Override
    default String kind() {
      return "exception";
    }

    @Override
    default Optional<Throwable> exception() {
      return Optional.of(cause());
    }
  }

  /**
   * An unchecked exception the call did not declare; a checked exception thrown without being
   * declared (a "sneaky throw") arrives wrapped in {@link java.lang.reflect.UndeclaredThrowableException}.
   */
  interface Unexpected extends ScopeError {
    /** The unchecked exception. */
    RuntimeException cause();

    @Override
    default String kind() {
      return "exception";
    }

    @Override
    default Optional<Throwable> exception() {
      return Optional.of(cause());
    }
  }

  /** The call ran past its timeout and was stopped. */
  interface TimedOut extends ScopeError {
    /** The timeout that expired. */
    Duration after();

    @Override
    default String kind() {
      return "timeout";
    }
  }

  /** The call was cancelled before or while it ran: its scope was cancelled or closed. */
  interface Cancelled extends ScopeError {
    /**
     * Why, as the variant holds it: a {@link CancelReason} whenever the runtime made the value.
     * {@code Object} because generated unions declare their variant {@code Cancelled(Object reason)};
     * read {@link #cancelReason()} for the typed reason.
     */
    Object reason();

    /**
     * Why, typed for an exhaustive {@code switch}: {@link #reason()} itself, which the runtime always
     * makes a {@link CancelReason}; any other object (a variant built by hand) as
     * {@link CancelReason.Requested Requested(reason)}.
     */
    default CancelReason cancelReason() {
      return CancelReason.of(reason());
    }

    @Override
    default String kind() {
      return "cancelled";
    }
  }

  /** The circuit breaker guarding the call is open; the call was not made. */
  interface CircuitOpen extends ScopeError {
    /** The circuit breaker's name. */
    String name();

    @Override
    default String kind() {
      return "circuit_breaker_open";
    }
  }

  /** The call's rate limit is used up; the call was not made. */
  interface RateLimited extends ScopeError {
    /** How long until a call could be admitted again. */
    Duration retryAfter();

    @Override
    default String kind() {
      return "rate_limited";
    }
  }

  /** The call's distributed lock is held elsewhere; the call was not made. */
  interface LockUnavailable extends ScopeError {
    /** The resolved lock key. */
    String key();

    @Override
    default String kind() {
      return "lock_unavailable";
    }
  }

  /** The call's bulkhead (concurrency limit) stayed full for longer than its wait; not made. */
  interface BulkheadFull extends ScopeError {
    /** The bulkhead's concurrency limit. */
    int limit();

    @Override
    default String kind() {
      return "bulkhead_full";
    }
  }
}
