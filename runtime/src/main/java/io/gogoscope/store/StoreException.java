package io.gogoscope.store;

/**
 * A lock, rate-limit or circuit-state store could not do its work (the server is unreachable, the
 * connection dropped, a statement failed). Guarded calls report it as the call's unexpected error.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception. */
  public StoreException(String message) {
    super(message);
  }
}
