package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Admits at most {@link #limit()} task calls per sliding {@link #window()}, counted per key in the
 * runtime's rate-limit store. A call over the limit is not made and returns its union's
 * {@code RateLimited} variant, which says when to try again.
 *
 * <pre>{@code
 * @RateLimit(key = "user:{userId}", limit = 100, window = "1m")
 * Receipt placeOrder(String userId, String orderId, Order order) throws PaymentDeclinedException;
 * }</pre>
 *
 * <p>The key is a template like {@link DistributedLock#key()}'s: {@code {userId}} is a parameter,
 * {@code {order.id}} a record component or getter of one, checked at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RateLimit {

  /**
   * The key template, such as {@code "user:{userId}"}; empty to count all calls of the task
   * together. Substituted values are encoded as for {@link DistributedLock#key()}, so distinct
   * arguments have distinct counts.
   */
  String key() default "";

  /** Calls admitted per window: at least 1, at most 10000 (what the SQL stores count). */
  int limit();

  /**
   * The sliding window, such as {@code "1s"} or {@code "1m"} (or ISO-8601, {@code "PT1M"});
   * positive, at most 36500 days.
   */
  String window() default "1s";

  /**
   * How long a call over the limit waits for a permit (zero or more), never past its timeout or
   * its scope's deadline; a permit that cannot come in time is refused at once. Zero refuses at
   * once.
   */
  String maxWait() default "0s";
}
