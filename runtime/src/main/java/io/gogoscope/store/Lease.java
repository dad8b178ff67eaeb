package io.gogoscope.store;

import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;

/**
 * A held lock. Closing it releases it (try-with-resources, or a scope that registered it).
 *
 * <p>{@link #release()}, {@link #extend(Duration)} and {@link #isValid()} complete whatever the
 * calling thread's interrupt status, and leave the interrupt as they found it (set again if one
 * arrived meanwhile): a task cancelled while it held the lock releases it on its way out. Shown for
 * every backend by {@code io.gogoscope.store.contract.LockCancellationContract}.
 */
public interface Lease extends AutoCloseable {

  /** The locked key. */
  String key();

  /**
   * The fencing token: strictly greater than that of every earlier lease on the same key. Pass it
   * to the resource the lock protects so it can refuse writes from a holder whose lease expired.
   */
  long fencingToken();

  /**
   * {@code true} while this lease still holds the lock (not released, not expired, not taken over).
   *
   * @throws StoreException when the store cannot be reached
   */
  boolean isValid();

  /**
   * Extends the lease to {@code ttl} from now.
   *
   * @return {@code false} when the lease is no longer held (released, expired or taken over)
   * @throws IllegalArgumentException when {@code ttl} is not positive or longer than
   *     {@link StoreArguments#MAX_DURATION}
   * @throws StoreException when the store cannot be reached
   */
  boolean extend(Duration ttl);

  /**
   * Releases the lock.
   *
   * @return {@code false} when the lease was no longer held (nothing was released)
   * @throws StoreException when the store cannot be reached
   */
  boolean release();

  /**
   * Releases the lock once {@code delay} from now has passed, ShedLock's {@code lockAtLeastFor}: a
   * job that finished early keeps its key that long, so another instance does not run it again at
   * once. The lease is set to expire {@code delay} from now (as {@link #extend} does, on every
   * store); zero or negative releases now. Nothing runs later in this process: a holder that crashes
   * meanwhile changes nothing.
   *
   * @return {@code false} when the lease was no longer held
   * @throws IllegalArgumentException when {@code delay} is longer than {@link StoreArguments#MAX_DURATION}
   * @throws StoreException when the store cannot be reached
   */
  default boolean releaseAfter(Duration delay) {
    java.util.Objects.requireNonNull(delay, "delay");
    return delay.isPositive() ? extend(delay) : release();
  }

  /**
   * Releases the lock; never throws for a lease that is no longer held.
   *
   * @throws StoreException when the store cannot be reached (the lock then expires after its TTL)
   */
  @Override
  default void close() {
    release();
  }
}
