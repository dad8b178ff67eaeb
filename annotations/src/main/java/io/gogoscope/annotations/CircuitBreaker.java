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
 *
 * <p>Which outcomes count: an exception as {@link #failOn()} and {@link #skipOn()} classify it
 * (MicroProfile Fault Tolerance's meaning: skipOn wins, and a skipped exception, or one outside
 * failOn, counts as a success for the breaker while the call still returns it as its variant); an
 * attempt that ran past its {@code @Timeout} counts as a failure. Cancellations, overall timeouts
 * and a scope's deadline count as nothing; rate limits and held locks are judged before the breaker
 * and never reach it. {@code failureThreshold = 5} means 5 failures among the last
 * {@link #windowSize()} calls; for 5 in a row, make {@code windowSize = 5} as well.
 *
 * <pre>{@code
 * @CircuitBreaker(name = "payments", skipOn = CardDeclinedException.class)
 * Receipt pay(Card card) throws CardDeclinedException, GatewayException;
 * }</pre>
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

  /**
   * Exceptions counted as failures (and their subtypes); others count as successes. A checked type
   * must be one the method can throw.
   */
  Class<? extends Exception>[] failOn() default {Exception.class};

  /**
   * Exceptions counted as successes, even when {@link #failOn()} covers them; they are still
   * returned as the call's error. A checked type must be one the method can throw.
   */
  Class<? extends Exception>[] skipOn() default {};
}
