package io.gogoscope.observe;

import io.gogoscope.ScopeError;
import java.time.Duration;

/** Stand-ins for generated error variants, one per failure mode. */
public final class TestErrors {
  private TestErrors() {}

  /** A declared exception. */
  public record Failed(Exception cause) implements ScopeError.Failed {}

  /** A timeout. */
  public record TimedOut(Duration after) implements ScopeError.TimedOut {}

  /** A cancellation. */
  public record Cancelled(Object reason) implements ScopeError.Cancelled {}

  /** An open circuit. */
  public record CircuitOpen(String name) implements ScopeError.CircuitOpen {}

  /** A used-up rate limit. */
  public record RateLimited(Duration retryAfter) implements ScopeError.RateLimited {}

  /** A lock held elsewhere. */
  public record LockUnavailable(String key) implements ScopeError.LockUnavailable {}

  /** An undeclared exception. */
  public record Unexpected(RuntimeException cause) implements ScopeError.Unexpected {}
}
