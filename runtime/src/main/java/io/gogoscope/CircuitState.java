package io.gogoscope;

/** The state of a circuit breaker. */
public enum CircuitState {
  /** Calls pass; failures are counted. */
  CLOSED,
  /** Calls are refused until the reset timeout passes. */
  OPEN,
  /** A limited number of trial calls pass to probe whether the downstream recovered. */
  HALF_OPEN,
  /**
   * Held open by an operator ({@code runtime.circuitBreakers().forceOpen(name)}): every call is
   * refused and the breaker never half-opens, until it is forced closed or reset.
   */
  FORCED_OPEN,
  /**
   * Held closed by an operator ({@code runtime.circuitBreakers().forceClosed(name)}): every call
   * passes and no outcome is counted, until it is forced open or reset.
   */
  FORCED_CLOSED
}
