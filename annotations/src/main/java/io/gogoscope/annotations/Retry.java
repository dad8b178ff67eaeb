package io.gogoscope.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tries a failed task call again. Every attempt runs the policies inside the retry again: the
 * circuit breaker, and the per-attempt {@link Timeout#value() timeout}.
 *
 * <pre>{@code
 * @Retry(attempts = 3, delay = "100ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class)
 * User fetchUser(String id) throws IOException, UserNotFoundException;
 * }</pre>
 *
 * <p>An exception is retried when it is one of {@link #retryOn()} (any exception when empty) and
 * none of {@link #abortOn()}. Open circuits, used-up rate limits, held locks and cancellation are
 * never retried. Durations are written {@code "250ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"},
 * or in ISO-8601 ({@code "PT2S"}); the processor rejects anything else at compile time.
 *
 * <p>A successful attempt is retried too when its value passes {@link #retryOnResult()} (a
 * "not ready yet" answer); when the attempts run out, the last value is the call's result.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Retry {

  /** The most attempts, the first one included: at least 1 (1 means no retry). */
  int attempts() default 3;

  /** The base delay before a retry, zero or more. */
  String delay() default "0ms";

  /** The cap on any delay, at least {@link #delay()}; empty for no cap. */
  String maxDelay() default "";

  /** How the delay grows from one retry to the next. */
  Backoff backoff() default Backoff.FIXED;

  /** The growth factor of {@link Backoff#EXPONENTIAL}: above 1. */
  double multiplier() default 2.0;

  /** Random spread added to each delay, as a fraction of it in [0, 1] ({@code 0.2} is ±20 %). */
  double jitter() default 0.0;

  /**
   * Retries only exceptions of these types and their subtypes; empty retries every exception. A
   * checked type must be one the method can throw (declared, or a subtype or supertype of one).
   */
  Class<? extends Exception>[] retryOn() default {};

  /** Never retries exceptions of these types, even when {@link #retryOn()} matches. */
  Class<? extends Exception>[] abortOn() default {};

  /**
   * Retries a successful attempt whose value this predicate accepts, such as
   * {@code StillPending.class} for an order that is not settled yet; the default retries no value.
   * The class must implement {@code ResultPredicate<T>} for a {@code T} the method's return type is
   * assignable to (a {@code void} method has no value to judge) and be concrete, non-generic and
   * not an inner class, with a no-argument constructor the generated code can call: the processor
   * checks all of this. One instance is created per generated object, not per call.
   */
  Class<? extends ResultPredicate<?>> retryOnResult() default ResultPredicate.Never.class;
}
