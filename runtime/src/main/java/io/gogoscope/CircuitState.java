package io.gogoscope;

/** The state of a circuit breaker. */
public enum CircuitState {
  /** Calls pass; failures are counted. */
  CLOSED,
  /** Calls are refused until the reset timeout passes. */
  OPEN,
  /** A limited number of trial calls pass to probe whether the downstream recovered. */
  HALF_OPEN
}
