package io.gogoscope.persistence.redis;

import java.time.Duration;
import org.redisson.api.BatchOptions;

/**
 * Whether lock acquires and extends wait for replicas before they hand out or prolong a lease
 * ({@code WAIT numreplicas timeout} after the script, on the same connection), and for how many.
 * See {@link RedisStores.Builder#waitForReplicas}.
 *
 * @param replicas how many replicas must confirm; 0 waits for none (the default)
 * @param timeout how long {@code WAIT} waits for them
 */
record ReplicaWait(int replicas, Duration timeout) {

  /** Waits for no replica. */
  static final ReplicaWait NONE = new ReplicaWait(0, Duration.ZERO);

  boolean enabled() {
    return replicas > 0;
  }

  /** The pipeline's options: the script, then {@code WAIT}. A new one per call (it is mutable). */
  BatchOptions options() {
    return BatchOptions.defaults().sync(replicas, timeout);
  }

  /** Says that only {@code confirmed} replicas confirmed {@code what} in time. */
  String shortfall(String what, int confirmed) {
    return what + ": only " + confirmed + " of " + replicas + " replicas confirmed it within " + timeout
        + " (RedisStores.Builder.waitForReplicas)";
  }
}
