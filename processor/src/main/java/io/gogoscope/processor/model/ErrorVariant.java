package io.gogoscope.processor.model;

import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * One record of a method's sealed error union.
 *
 * @param name the record's simple name
 * @param kind the failure mode, which fixes its component and its {@code ScopeError} marker
 * @param exception the declared exception, for {@link Kind#DECLARED}
 */
public record ErrorVariant(String name, Kind kind, Optional<TypeMirror> exception) {

  /** The failure modes; policy variants exist only when the method has the policy. */
  public enum Kind {
    /** A declared exception: {@code (X cause)}, marker {@code ScopeError.Failed}. */
    DECLARED("Failed"),
    /** A timeout expired: {@code (Duration after)}. */
    TIMED_OUT("TimedOut"),
    /** The lock was held elsewhere: {@code (String key)}. */
    LOCK_UNAVAILABLE("LockUnavailable"),
    /** The rate limit was used up: {@code (Duration retryAfter)}. */
    RATE_LIMITED("RateLimited"),
    /** The circuit breaker was open: {@code (String name)}. */
    CIRCUIT_OPEN("CircuitOpen"),
    /** The bulkhead stayed full: {@code (int limit)}. */
    BULKHEAD_FULL("BulkheadFull"),
    /** The call was cancelled: {@code (Object reason)}. */
    CANCELLED("Cancelled"),
    /** An undeclared exception: {@code (RuntimeException cause)}. */
    UNEXPECTED("Unexpected");

    private final String marker;

    Kind(String marker) {
      this.marker = marker;
    }

    /** The simple name of the {@code ScopeError} marker interface the variant implements. */
    public String marker() {
      return marker;
    }
  }
}
