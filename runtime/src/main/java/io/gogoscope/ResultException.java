package io.gogoscope;

/**
 * Thrown by {@link Result#orElseThrow()} for an error that is not itself a
 * {@link RuntimeException}. {@link #error()} is the error value; the cause is the exception behind
 * it, where there is one.
 */
public final class ResultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object error;

  /** Wraps {@code error}; its cause, if any, becomes this exception's cause. */
  public ResultException(Object error) {
    super(String.valueOf(error), causeOf(error));
    this.error = error;
  }

  /** The error value of the failed {@link Result}. */
  public Object error() {
    return error;
  }

  private static Throwable causeOf(Object error) {
    if (error instanceof Throwable throwable) {
      return throwable;
    }
    if (error instanceof ScopeError scopeError) {
      return scopeError.exception().orElse(null);
    }
    return null;
  }
}
