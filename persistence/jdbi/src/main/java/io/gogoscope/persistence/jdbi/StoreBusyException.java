package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.StoreException;

/**
 * The database was reachable but too busy to run the operation in time: SQLite's file was
 * write-locked by another connection for the whole busy timeout, or the operation's turn on the
 * serialized SQLite connection did not come. A bounded {@code acquire} treats it as contention and
 * goes on waiting; everywhere else it is an ordinary {@link StoreException}.
 */
final class StoreBusyException extends StoreException {
  private static final long serialVersionUID = 1L;

  StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }

  StoreBusyException(String message) {
    super(message);
  }
}
