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

  /** Releases what the runner holds (a kept connection); never fails. */
  @Override
  void close();
}
