package io.gogoscope;

/**
 * Why one attempt of a {@link Guard} call failed, captured the moment it failed and before any
 * user-supplied code (a circuit-state listener, a retry listener, an observer, an error mapper) runs.
 * Those may make guarded calls of their own on the same thread, so the failure travels as a value of
 * the call that owns it, never through per-thread fields a nested call could overwrite.
 *
 * <p>An attempt returns either its body's value or one of these; only failures allocate, the
 * success path stays allocation-free.
 *
 * @param kind one of the kinds below
 * @param exception what the body (or a wait) threw, if anything
 * @param detail the deadline source that fired, or the cancellation reason
 */
record AttemptFailure(int kind, Exception exception, Object detail) {
  /** The body threw an exception. */
  static final int THROWN = 1;
  /** A deadline (the attempt's, the call's, the scope's, an enclosing call's) passed. */
  static final int DEADLINE = 2;
  /** The scope or task was cancelled; {@code detail} is the reason. */
  static final int CANCELLED = 3;
  /** The circuit breaker refused the attempt. */
  static final int CIRCUIT_OPEN = 4;
  /** The bulkhead refused the attempt. */
  static final int BULKHEAD_FULL = 5;
  /** A wait of the guard's own (bulkhead) was interrupted. */
  static final int WAIT_INTERRUPTED = 6;
  /** The attempt returned a value retryOnResult wants tried again; {@code detail} is the value. */
  static final int RESULT = 7;
  /** The retryOnResult predicate threw ({@code exception}): a bug in it, which ends the call. */
  static final int PREDICATE_FAILED = 8;

  static final AttemptFailure CIRCUIT_OPEN_REFUSAL = new AttemptFailure(CIRCUIT_OPEN, null, null);
  static final AttemptFailure BULKHEAD_REFUSAL = new AttemptFailure(BULKHEAD_FULL, null, null);
}
