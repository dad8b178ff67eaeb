package io.gogoscope.store;

import java.time.Duration;

/**
 * Sliding-window rate limits, shared by key. One round trip per check in the remote stores.
 * Behaviour is pinned by {@code io.gogoscope.store.contract.RateLimitStoreContract} in the
 * runtime's test-jar.
 */
public interface RateLimitStore {

  /**
   * Counts one call against {@code key} if fewer than {@code max} calls were admitted in the
   * {@code window} that ends now, and says whether this one is admitted. The window is
   * {@code (now - window, now]}: a call admitted at {@code t} stops counting at {@code t + window}.
   * Refused calls are not counted.
   *
   * @throws IllegalArgumentException when {@code key} breaks the key rules of
   *     {@link StoreArguments#key}, {@code max} is below 1 or {@code window} is not positive or
   *     longer than {@link StoreArguments#MAX_DURATION}; checked before anything is counted
   * @throws StoreException when the store cannot be reached
   */
  RateLimitDecision checkAndIncrement(String key, int max, Duration window);
}
