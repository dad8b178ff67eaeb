package io.gogoscope.generated;

import io.gogoscope.Guard;
import io.gogoscope.observe.TaskInfo.TaskAttributes;

/**
 * What one call adds to its {@link Guard}: the lock and rate-limit keys resolved from its arguments
 * and its span attributes. Generated code creates one per call only for methods that have keys or
 * {@code @SpanAttribute} parameters.
 *
 * @param lockKey the resolved {@code @DistributedLock} key, or {@code null}
 * @param rateLimitKey the resolved {@code @RateLimit} key, or {@code null}
 * @param attributes the call's span attributes
 */
public record CallContext(String lockKey, String rateLimitKey, TaskAttributes attributes) {

  /** No keys, no attributes. */
  public static final CallContext NONE = new CallContext(null, null, TaskAttributes.NONE);

  /** Rejects a {@code null} attribute writer ({@link TaskAttributes#NONE} means none). */
  public CallContext {
    if (attributes == null) {
      attributes = TaskAttributes.NONE;
    }
  }
}
