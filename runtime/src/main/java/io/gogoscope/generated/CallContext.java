package io.gogoscope.generated;

import io.gogoscope.Guard;
import io.gogoscope.observe.TaskInfo.TaskAttributes;

/**
 * What one call adds to its {@link Guard}: the lock and rate-limit keys resolved from its arguments
 * and its span attributes. Generated code creates one per call only for methods that have keys or
 * {@code @SpanAttribute} parameters, through the factory named for what the call has
 * ({@link #ofLock(String)}, ...), or the canonical constructor when it has both keys.
 *
 * @param lockKey the resolved {@code @DistributedLock} key, or {@code null}
 * @param rateLimitKey the resolved {@code @RateLimit} key, or {@code null}
 * @param attributes the call's span attributes
 */
public record CallContext(String lockKey, String rateLimitKey, TaskAttributes attributes) {

  /** No keys, no attributes. */
  public static final CallContext NONE = new CallContext(null, null, TaskAttributes.NONE);

  /** A call with a lock key and nothing else. */
  public static CallContext ofLock(String lockKey) {
    return new CallContext(lockKey, null, TaskAttributes.NONE);
  }

  /** A call with a lock key and span attributes. */
  public static CallContext ofLock(String lockKey, TaskAttributes attributes) {
    return new CallContext(lockKey, null, attributes);
  }

  /** A call with a rate-limit key and nothing else. */
  public static CallContext ofRateLimit(String rateLimitKey) {
    return new CallContext(null, rateLimitKey, TaskAttributes.NONE);
  }

  /** A call with a rate-limit key and span attributes. */
  public static CallContext ofRateLimit(String rateLimitKey, TaskAttributes attributes) {
    return new CallContext(null, rateLimitKey, attributes);
  }

  /** A call with span attributes and no keys. */
  public static CallContext ofAttributes(TaskAttributes attributes) {
    return new CallContext(null, null, attributes);
  }

  /** Rejects a {@code null} attribute writer ({@link TaskAttributes#NONE} means none). */
  public CallContext {
    if (attributes == null) {
      attributes = TaskAttributes.NONE;
    }
  }
}
