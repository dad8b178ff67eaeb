package io.gogoscope.persistence.redis;

/**
 * The names of everything the stores keep in Redis. The caller's key sits inside a hash tag
 * ({@code {...}}), so all keys of one operation land in the same Redis Cluster slot: Redis takes the
 * tag from the first {@code '{'} to the first {@code '}'} after it, and both of those lie in the part
 * that every key of one lock, limit or circuit shares.
 */
record RedisKeys(String prefix) {

  /** The lock itself: a string holding the owner's token, with the lease's TTL. */
  String lock(String key) {
    return prefix + "lock:{" + key + "}";
  }

  /** The lock's fencing counter: incremented by each acquisition, never expires. */
  String fence(String key) {
    return lock(key) + ":fence";
  }

  /** The channel on which releases of the lock are announced to waiters (not a key). */
  String released(String key) {
    return lock(key) + ":released";
  }

  /** The sorted set of admissions in a rate limit's window; expires one window after the last. */
  String rateLimit(String key) {
    return prefix + "rate:{" + key + "}";
  }

  /** The hash holding a circuit's state, since and version. */
  String circuit(String name) {
    return prefix + "circuit:{" + name + "}";
  }

  /** The channel on which a circuit's accepted changes are pushed (not a key). */
  String circuitChanges(String name) {
    return circuit(name) + ":changes";
  }
}
