package io.gogoscope;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The error type of tasks and guarded calls written by hand ({@link Scope#fork(java.util.concurrent.Callable)},
 * {@link Guard#call(java.util.concurrent.Callable)}). Generated code uses its
 * own per-method unions instead, which name the exact exceptions a method declares.
 */
public sealed interface Failure extends ScopeError {

  /** The body threw {@code cause}. */
  record Thrown(Exception cause) implements Failure, ScopeError.Failed {
    public Thrown {
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** The body ran past {@code after} and was stopped. */
  record TimedOut(Duration after) implements Failure, ScopeError.TimedOut {}

  /** The task was cancelled, for {@code reason}. */
  record Cancelled(CancelReason reason) implements Failure, ScopeError.Cancelled {
    public Cancelled {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The circuit breaker {@code name} is open. */
  record CircuitOpen(String name) implements Failure, ScopeError.CircuitOpen {}

  /** The rate limit is used up; try again after {@code retryAfter}. */
  record RateLimited(Duration retryAfter) implements Failure, ScopeError.RateLimited {}

  /** The lock {@code key} is held elsewhere. */
  record LockUnavailable(String key) implements Failure, ScopeError.LockUnavailable {}

  /** The bulkhead of {@code limit} concurrent calls stayed full. */
  record BulkheadFull(int limit) implements Failure, ScopeError.BulkheadFull {}

  /** Every task of a {@link Tasks#race race} failed; their failures in input order. */
  record AllFailed(List<Failure> failures) implements Failure {
    public AllFailed {
      failures = List.copyOf(failures);
    }

    @Override
    public String kind() {
      return "all_failed";
    }
  }
}
