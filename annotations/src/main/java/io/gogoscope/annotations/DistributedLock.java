package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a task call only while holding a lock from the runtime's lock provider (in memory by
 * default; Redis or SQL to share it between instances). When the lock stays held elsewhere the
 * call is not made and returns its union's {@code LockUnavailable} variant.
 *
 * <pre>{@code
 * @DistributedLock(key = "order:{orderId}", ttl = "30s", maxWait = "2s")
 * Receipt placeOrder(String userId, String orderId, Order order) throws PaymentDeclinedException;
 * }</pre>
 *
 * <p>The key is a template: {@code {orderId}} is the parameter {@code orderId}, and
 * {@code {order.id}} reads {@code id()} or {@code getId()} of the parameter {@code order} (a record
 * component or a getter; a {@code null} along the way reads as {@code "null"}). The processor
 * checks every name at compile time and generated code builds the key by string concatenation.
 * Durations are written {@code "250ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"}, or in ISO-8601.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DistributedLock {

  /**
   * The lock key template, such as {@code "order:{orderId}"} or {@code "order:{a}:{b}"}; empty to
   * use the task name. Substituted values are encoded so that distinct arguments give distinct keys
   * ({@code null} reads as {@code %null}, a {@code ':'} in a value as {@code %3A}; ordinary ids stay
   * as they are), and two references must be separated by text holding one of
   * {@code : / | , ; = #}. The fixed text is at most 255 characters.
   */
  String key() default "";

  /** How long the lock is held at most, so that a crashed holder frees it; positive, at most 36500 days. */
  String ttl() default "30s";

  /**
   * How long to wait for a held lock; zero gives up at once. (Named {@code maxWait} because an
   * annotation member cannot be called {@code wait}.)
   */
  String maxWait() default "0s";

  /**
   * How long the lock stays taken at least, counted from when it was taken, however soon the call
   * ends (ShedLock's {@code lockAtLeastFor}): a scheduled job that runs on every instance then runs
   * once per period. At most {@link #ttl()}; zero releases it when the call ends.
   */
  String minHold() default "0s";
}
