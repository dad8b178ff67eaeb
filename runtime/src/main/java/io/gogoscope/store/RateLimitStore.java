package io.gogoscope.store;

import java.time.Duration;

/**
 * Sliding-window rate limits, shared by key. One round trip per check in the remote stores.
 */
public interface RateLimitStore {

  /**
   * Counts one call against {@code key} if fewer than {@code max} calls were admitted in the
   * {@code window} that ends now, and says whether this one is admitted.
   *
   * @throws StoreException when the store cannot be reached
   */
  RateLimitDecision checkAndIncrement(String key, int max, Duration window);
}
