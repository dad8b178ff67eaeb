package io.gogoscope.store;

import java.time.Duration;

/**
 * A held lock. Closing it releases it (try-with-resources, or a scope that registered it).
 */
public interface Lease extends AutoCloseable {

  /** The locked key. */
  String key();

  /**
   * The fencing token: strictly greater than that of every earlier lease on the same key. Pass it
   * to the resource the lock protects so it can refuse writes from a holder whose lease expired.
   */
  long fencingToken();

  /** {@code true} while this lease still holds the lock (not released, not expired, not taken over). */
  boolean isValid();

  /**
   * Extends the lease to {@code ttl} from now.
   *
   * @return {@code false} when the lease is no longer held (expired or taken over)
   */
  boolean extend(Duration ttl);

  /**
   * Releases the lock.
   *
   * @return {@code false} when the lease was no longer held (nothing was released)
   */
  boolean release();

  /** Releases the lock; never throws for a lease that is no longer held. */
  @Override
  default void close() {
    release();
  }
}
