package io.gogoscope;

import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.time.Duration;
import java.util.concurrent.Callable;

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
 * <p>Timeouts run the body on the calling thread; the deadline is armed on a shared watchdog that
 * interrupts the thread when it passes. No thread is started per call, and an expiry that races
 * with the body's completion never leaves a stray interrupt behind. A body that ignores
 * interruption runs to its end; its result is then reported as timed out, because the caller asked
 * for an answer within the deadline.
 */
public final class Guard {

  private Guard() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Starts a guard named {@code name} on the default runtime. */
  public static Builder builder(String name) {
    return ScopeRuntime.defaults().guard(name);
  }

  /** The guard's name (the task name of its calls). */
  public String name() {
    throw new UnsupportedOperationException("not yet implemented");
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
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Forks {@code body}, run under the policies, into {@code scope} as one task. */
  public <E, T> Task<E, T> fork(Scope scope, Callable<? extends T> body, ErrorMapper<E> errors) {
    return fork(scope, CallContext.NONE, body, errors);
  }

  /** Forks {@code body}, run under the policies with per-call keys, into {@code scope}. */
  public <E, T> Task<E, T> fork(
      Scope scope, CallContext context, Callable<? extends T> body, ErrorMapper<E> errors) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Configures a {@link Guard}; get one from {@link ScopeRuntime#guard(String)}. */
  public static final class Builder {
    private Builder() {}

    /** Retries failed attempts. */
    public Builder retry(Retry retry) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Stops each attempt after {@code timeout}. */
    public Builder timeout(Duration timeout) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Stops the whole call, retries and waits included, after {@code timeout}. */
    public Builder overallTimeout(Duration timeout) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Guards each attempt with {@code breaker}. */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Admits at most {@code limit} calls per sliding {@code window}, counted per key in the
     * runtime's rate-limit store (the key is the {@link CallContext#rateLimitKey()}, or the guard's
     * name when the call gives none).
     */
    public Builder rateLimit(int limit, Duration window) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Holds the lock {@link CallContext#lockKey()} (or the guard's name) from the runtime's lock
     * provider for the whole call, waiting up to {@code maxWait} for it (zero: skip at once).
     */
    public Builder lock(Duration ttl, Duration maxWait) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Caps concurrent attempts. */
    public Builder bulkhead(Bulkhead bulkhead) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The configured guard. */
    public Guard build() {
      throw new UnsupportedOperationException("not yet implemented");
    }
  }
}
