package io.gogoscope.annotations;

import java.util.function.Predicate;

/**
 * Judges a task's successful result for {@link Retry#retryOnResult()}: {@code true} tries the call
 * again, as if the attempt had failed. For answers that mean "not yet", such as a job still
 * running or an order still pending.
 *
 * <pre>{@code
 * public final class StillPending implements ResultPredicate<Order> {
 *   @Override
 *   public boolean test(Order order) {
 *     return order != null && order.status() == Status.PENDING;
 *   }
 * }
 *
 * @Retry(attempts = 5, delay = "200ms", retryOnResult = StillPending.class)
 * Order fetchOrder(String id) throws IOException;
 * }</pre>
 *
 * <p>The processor checks at compile time that the method returns a value (not {@code void}) whose
 * type is assignable to {@code T}, and that the class is a concrete, non-generic, top-level or
 * static nested class with a no-argument constructor the generated code can call. The generated
 * code creates one instance per generated object (per guard), when it is built, and calls it from
 * every thread that calls the task: keep it stateless, or thread-safe.
 *
 * <p>{@code test} gets the attempt's value, {@code null} included. An attempt it retries counts as
 * a success for a circuit breaker; when the attempts run out, the last value is the call's result.
 * An exception thrown by {@code test} is a bug in it: the call ends at once with the union's
 * {@code Unexpected} variant.
 *
 * @param <T> the results it judges: the method's return type or a supertype of it
 */
@FunctionalInterface
public interface ResultPredicate<T> extends Predicate<T> {

  /**
   * The default of {@link Retry#retryOnResult()}: no result is retried, and the processor writes
   * nothing for it.
   */
  final class Never implements ResultPredicate<Object> {
    /** Not used: the processor reads {@code Never.class} as "no predicate". */
    public Never() {}

    /** {@code false}: no result is retried. */
    @Override
    public boolean test(Object result) {
      return false;
    }
  }
}
