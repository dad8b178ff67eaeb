package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stops calling a failing dependency for a while. While the breaker is open, a task call is not
 * made and returns its union's {@code CircuitOpen} variant.
 *
 * <pre>{@code
 * @CircuitBreaker(name = "payments", failureThreshold = 5, resetTimeout = "30s")
 * Receipt placeOrder(String userId, String orderId, Order order) throws PaymentDeclinedException;
 * }</pre>
 *
 * <p>Closed, the breaker records the outcome of the last {@link #windowSize()} calls and opens when
 * they hold {@link #failureThreshold()} failures (or, with a {@link #failureRatio()}, that share of
 * at least {@link #minimumCalls()} calls). Open, it refuses calls for {@link #resetTimeout()}, then
 * lets {@link #halfOpenPermits()} trial calls through; {@link #successThreshold()} successes close
 * it, a failure opens it again. Breakers are shared by name within a runtime, so every method that
 * names the same breaker must configure it the same way.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CircuitBreaker {

  /** The breaker's name; empty to use the task name. */
  String name() default "";

  /** Failures among the last {@link #windowSize()} calls that open the breaker: at least 1. */
  int failureThreshold() default 5;

  /** Share of failures, in (0, 1], that opens the breaker; 0 to count failures instead. */
  double failureRatio() default 0.0;

  /** Calls the window must hold before a {@link #failureRatio()} is judged: at least 1. */
  int minimumCalls() default 10;

  /** How many of the most recent calls the window holds: at least 1. */
  int windowSize() default 20;

  /** How long the breaker stays open before letting trial calls through; positive. */
  String resetTimeout() default "30s";

  /** Trial calls let through while half-open: at least 1. */
  int halfOpenPermits() default 1;

  /** Successful trial calls that close the breaker again: at least 1. */
  int successThreshold() default 1;

  /**
   * Whether the breaker's state is shared with other instances through the runtime's
   * circuit-state store (Redis or SQL): open in one instance, open in all.
   */
  boolean shared() default false;
}
