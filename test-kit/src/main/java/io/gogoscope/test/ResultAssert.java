package io.gogoscope.test;

import io.gogoscope.CancelReason;
import io.gogoscope.Result;
import io.gogoscope.ScopeError;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on a {@link Result}, in AssertJ's style; start them with
 * {@link GogoscopeAssertions#assertThat(Result)}:
 *
 * <pre>{@code
 * assertThat(users.fetchUser("42")).isOk().hasValue(new User("42"));
 * assertThat(users.fetchUser("7")).isErrOf(FetchUserError.TimedOut.class);
 * assertThat(users.fetchUser("7")).isTimedOut();        // any union: by ScopeError's markers
 * assertThat(users.fetchUser("7")).hasErrorSatisfying(FetchUserError.UserNotFound.class,
 *     notFound -> assertThat(notFound.cause().id()).isEqualTo("7"));
 * }</pre>
 *
 * <p>The failure modes ({@link #isTimedOut()}, {@link #isCancelled()}, ...) check the error
 * against {@link ScopeError}'s marker interfaces, so they work on every generated union and on
 * {@link io.gogoscope.Failure} alike; {@link #isErrOf(Class)} names one variant exactly.
 *
 * @param <E> the result's error type
 * @param <T> the result's value type
 */
public final class ResultAssert<E, T> extends AbstractAssert<ResultAssert<E, T>, Result<E, T>> {

  ResultAssert(Result<E, T> actual) {
    super(actual, ResultAssert.class);
  }

  /** Verifies that the result is an {@link Result.Ok}. */
  public ResultAssert<E, T> isOk() {
    isNotNull();
    if (actual instanceof Result.Err<E, T>(E error)) {
      failWithMessage("Expected an Ok result but got Err with %s%s", describe(error), causeOf(error));
    }
    return this;
  }

  /** Verifies that the result is an {@link Result.Err}. */
  public ResultAssert<E, T> isErr() {
    isNotNull();
    if (actual instanceof Result.Ok<E, T>(T value)) {
      failWithMessage("Expected an Err result but got Ok with <%s>", value);
    }
    return this;
  }

  /** Verifies that the result is an {@link Result.Ok} holding a value equal to {@code expected}. */
  public ResultAssert<E, T> hasValue(T expected) {
    T value = okValue();
    if (!Objects.equals(value, expected)) {
      failWithActualExpectedAndMessage(value, expected,
          "Expected an Ok result with value <%s> but its value was <%s>", expected, value);
    }
    return this;
  }

  /** Verifies that the result is an {@link Result.Ok} whose value passes {@code requirements}. */
  public ResultAssert<E, T> hasValueSatisfying(Consumer<? super T> requirements) {
    requirements.accept(okValue());
    return this;
  }

  /** Verifies that the result is an {@link Result.Ok}, and continues with assertions on its value. */
  public ObjectAssert<T> value() {
    return Assertions.assertThat(okValue());
  }

  /**
   * Verifies that the result is an {@link Result.Err} whose error is an instance of
   * {@code variant}: one variant of a generated union ({@code FetchUserError.TimedOut.class}), a
   * {@link io.gogoscope.Failure} record, or a {@link ScopeError} marker.
   */
  public ResultAssert<E, T> isErrOf(Class<?> variant) {
    Objects.requireNonNull(variant, "variant");
    E error = errValue();
    if (!variant.isInstance(error)) {
      failWithMessage("Expected an Err result with an error of type %s but its error was %s%s",
          variant.getName(), describe(error), causeOf(error));
    }
    return this;
  }

  /** Verifies that the result is an {@link Result.Err} holding an error equal to {@code expected}. */
  public ResultAssert<E, T> hasError(E expected) {
    E error = errValue();
    if (!Objects.equals(error, expected)) {
      failWithActualExpectedAndMessage(error, expected,
          "Expected an Err result with error <%s> but its error was <%s>", expected, error);
    }
    return this;
  }

  /**
   * Verifies that the result is an {@link Result.Err} whose error is a {@code variant} that passes
   * {@code requirements}.
   */
  public <V> ResultAssert<E, T> hasErrorSatisfying(Class<V> variant, Consumer<? super V> requirements) {
    isErrOf(variant);
    requirements.accept(variant.cast(errValue()));
    return this;
  }

  /** Verifies that the result is an {@link Result.Err}, and continues with assertions on its error. */
  public ScopeErrorAssert error() {
    E error = errValue();
    if (!(error instanceof ScopeError scopeError)) {
      failWithMessage("Expected an Err result with a ScopeError but its error was %s", describe(error));
      throw new AssertionError("unreachable");
    }
    return new ScopeErrorAssert(scopeError);
  }

  /** Verifies that the result failed because its call timed out ({@link ScopeError.TimedOut}). */
  public ResultAssert<E, T> isTimedOut() {
    return isErrOf(ScopeError.TimedOut.class);
  }

  /** Verifies that the result failed because its call was cancelled ({@link ScopeError.Cancelled}). */
  public ResultAssert<E, T> isCancelled() {
    return isErrOf(ScopeError.Cancelled.class);
  }

  /**
   * Verifies that the result failed because its call was cancelled for exactly {@code expected}
   * (a hand-written {@code scope.cancel("shutdown")} is {@code new CancelReason.Requested("shutdown")}).
   */
  public ResultAssert<E, T> isCancelledWith(CancelReason expected) {
    CancelReason reason = cancelReason();
    if (!reason.equals(expected)) {
      failWithActualExpectedAndMessage(reason, expected,
          "Expected a call cancelled for <%s> but it was cancelled for <%s>", expected, reason);
    }
    return this;
  }

  /**
   * Verifies that the result failed because its call was cancelled for a reason of type
   * {@code variant} (e.g. {@code CancelReason.ScopeTimedOut.class}).
   */
  public ResultAssert<E, T> isCancelledWith(Class<? extends CancelReason> variant) {
    CancelReason reason = cancelReason();
    if (!variant.isInstance(reason)) {
      failWithMessage("Expected a call cancelled for a %s but it was cancelled for <%s>",
          variant.getSimpleName(), reason);
    }
    return this;
  }

  /** Verifies that the call was refused by an open circuit breaker ({@link ScopeError.CircuitOpen}). */
  public ResultAssert<E, T> isCircuitOpen() {
    return isErrOf(ScopeError.CircuitOpen.class);
  }

  /** Verifies that the call was refused by its rate limit ({@link ScopeError.RateLimited}). */
  public ResultAssert<E, T> isRateLimited() {
    return isErrOf(ScopeError.RateLimited.class);
  }

  /** Verifies that the call's lock was held elsewhere ({@link ScopeError.LockUnavailable}). */
  public ResultAssert<E, T> isLockUnavailable() {
    return isErrOf(ScopeError.LockUnavailable.class);
  }

  /** Verifies that the call's bulkhead stayed full ({@link ScopeError.BulkheadFull}). */
  public ResultAssert<E, T> isBulkheadFull() {
    return isErrOf(ScopeError.BulkheadFull.class);
  }

  /**
   * Verifies that the result failed with an exception (declared or not) that is an instance of
   * {@code exceptionType}, as {@link ScopeError#exception()} gives it, or for {@code Result.of}
   * results the error itself.
   */
  public ResultAssert<E, T> failedWith(Class<? extends Throwable> exceptionType) {
    E error = errValue();
    Throwable thrown = error instanceof ScopeError scopeError ? scopeError.exception().orElse(null)
        : error instanceof Throwable throwable ? throwable : null;
    if (!exceptionType.isInstance(thrown)) {
      failWithMessage("Expected an Err result caused by a %s but its error was %s%s",
          exceptionType.getName(), describe(error), causeOf(error));
    }
    return this;
  }

  private T okValue() {
    isOk();
    return ((Result.Ok<E, T>) actual).value();
  }

  private CancelReason cancelReason() {
    isCancelled();
    return ((ScopeError.Cancelled) errValue()).cancelReason();
  }

  private E errValue() {
    isErr();
    return ((Result.Err<E, T>) actual).error();
  }

  static String describe(Object error) {
    return error == null ? "null" : "<" + error + "> (" + error.getClass().getName() + ")";
  }

  /** The stack trace of an exception behind {@code error}: what a failing test most needs shown. */
  static String causeOf(Object error) {
    Throwable cause = error instanceof ScopeError scopeError ? scopeError.exception().orElse(null)
        : error instanceof Throwable throwable ? throwable : null;
    if (cause == null) {
      return "";
    }
    java.io.StringWriter trace = new java.io.StringWriter();
    cause.printStackTrace(new java.io.PrintWriter(trace));
    return "%nCaused by: " + trace.toString().replace("%", "%%");
  }
}
