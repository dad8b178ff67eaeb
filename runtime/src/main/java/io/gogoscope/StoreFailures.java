package io.gogoscope;

import io.gogoscope.store.StoreException;

/**
 * What a guarded call reports when its lock provider or rate-limit store fails: the store's own
 * {@link StoreException} as it is, and anything else the store threw (an
 * {@link IllegalArgumentException} for a key or setting it refuses, such as an empty key or one
 * longer than the SQL stores hold) wrapped in one, so that the call fails with a value instead of
 * throwing, and a refusal never lands in a variant the user declared for their own
 * {@code IllegalArgumentException}.
 */
final class StoreFailures {
  private StoreFailures() {}

  /** {@code failure} as a {@link StoreException}; {@code store} names the store, {@code key} the key. */
  static StoreException of(RuntimeException failure, String store, String key) {
    if (failure instanceof StoreException storeFailure) {
      return storeFailure;
    }
    return new StoreException("the " + store + " refused the call for key \"" + shown(key) + "\": " + failure, failure);
  }

  private static String shown(String key) {
    return key.length() <= 80 ? key : key.substring(0, 80) + "…";
  }
}
