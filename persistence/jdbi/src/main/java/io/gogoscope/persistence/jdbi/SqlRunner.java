package io.gogoscope.persistence.jdbi;

/**
 * Runs store work on a connection and turns every database failure into a
 * {@link io.gogoscope.store.StoreException} that names the operation and key.
 */
interface SqlRunner extends AutoCloseable {

  /**
   * Runs {@code work}; a deadlock or serialization failure (which the database resolves by
   * aborting one side) is retried twice before it is reported.
   *
   * @param operation what is being done, for the failure message ("acquire lock")
   * @param subject the key or name it is done to, for the failure message
   * @throws io.gogoscope.store.StoreException when the database cannot be reached or the work fails
   */
  <T> T run(String operation, String subject, SqlWork<T> work);

  /**
   * Runs {@code work}, whose effect must not be lost to an interrupt (releasing or extending a
   * lease), whatever the caller's interrupt status: the interrupt is cleared while it runs and set
   * again afterwards, also when one arrives meanwhile. {@code work} must be safe to run twice (a
   * guarded update): an interrupt that cuts it off mid-flight has it run again.
   *
   * @throws io.gogoscope.store.StoreException when the database cannot be reached or the work fails
   */
  <T> T runUninterruptibly(String operation, String subject, SqlWork<T> work);

  /**
   * Runs {@code work}, a write whose effect is known by a token of the caller's (taking a lock);
   * when it fails after it may have reached the database, runs {@code undo} once the write can no
   * longer take effect, and then reports the failure. An interrupt cuts the write off on the client
   * but not on the server, which may still commit it; the undo is what keeps that commit from
   * holding the row for nobody.
   *
   * @throws io.gogoscope.store.StoreException when the database cannot be reached or the work fails
   */
  <T> T runOrUndo(String operation, String subject, SqlWork<T> work, SqlWork<?> undo);

  /** Releases what the runner holds (a kept connection); never fails. */
  @Override
  void close();
}
