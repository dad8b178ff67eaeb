package io.gogoscope.generated;

import io.gogoscope.CancelReason;
import io.gogoscope.Failure;
import io.gogoscope.ScopeError;
import java.time.Duration;

/**
 * Turns each failure mode of a call into a value of the call's error type {@code E}. Generated code
 * writes one per interface (a {@link UnionMapper}), each instance mapping into one method's sealed
 * union; {@link #failure()} maps into {@link Failure} for code written by hand.
 *
 * <p>The policy methods ({@link #timedOut}, {@link #circuitOpen}, …) are only called when the call
 * has the policy that produces them, so a generated mapper overrides exactly the ones its union has
 * variants for; the defaults throw {@link IllegalStateException}, which would mean a bug in the
 * runtime, not in the user's code.
 *
 * @param <E> the error type
 */
public interface ErrorMapper<E> {

  /**
   * The body threw {@code exception}: a declared exception becomes its own variant; an unchecked
   * one becomes the {@link ScopeError.Unexpected} variant. {@link InterruptedException} arrives here
   * only when neither a timeout nor a cancellation caused it.
   */
  E thrown(Exception exception);

  /**
   * The call was cancelled for {@code reason}: always a {@link CancelReason}. The parameter is
   * {@code Object} because it is the type of the generated unions' {@code Cancelled(Object reason)}
   * variant, which callers read through {@link ScopeError.Cancelled#cancelReason()} typed.
   */
  E cancelled(Object reason);

  /** The call ran past its timeout {@code after}. */
  default E timedOut(Duration after) {
    throw unexpected("timedOut");
  }

  /** The circuit breaker {@code name} was open. */
  default E circuitOpen(String name) {
    throw unexpected("circuitOpen");
  }

  /** The rate limit was used up until {@code retryAfter} from now. */
  default E rateLimited(Duration retryAfter) {
    throw unexpected("rateLimited");
  }

  /** The lock {@code key} was held elsewhere. */
  default E lockUnavailable(String key) {
    throw unexpected("lockUnavailable");
  }

  /** The bulkhead of {@code limit} calls stayed full. */
  default E bulkheadFull(int limit) {
    throw unexpected("bulkheadFull");
  }

  /** The mapper into {@link Failure}, for hand-written tasks and guarded calls. */
  static ErrorMapper<Failure> failure() {
    return FailureMapper.INSTANCE;
  }

  private IllegalStateException unexpected(String mode) {
    return new IllegalStateException(
        "gogoscope bug: " + mode + " reported for a call whose error type has no such variant ("
            + getClass().getName() + ")");
  }
}
