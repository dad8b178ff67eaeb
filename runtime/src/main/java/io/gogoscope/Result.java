package io.gogoscope;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The outcome of a call: a value ({@link Ok}) or a typed error ({@link Err}). Sealed, so a
 * {@code switch} over it is checked for exhaustiveness by the compiler:
 *
 * <pre>{@code
 * switch (users.fetchUser("42")) {
 *   case Result.Ok(var user) -> render(user);
 *   case Result.Err(FetchUserError.UserNotFound e) -> notFound();
 *   case Result.Err(var other) -> log(other);
 * }
 * }</pre>
 *
 * <p>The error comes first in the type parameters, as in go-go-try's {@code [err, value]} tuples.
 * {@link #of(Callable)} and {@link #ofMessage(Callable)} are go-go-try's {@code goTryRaw} and
 * {@code goTry}. {@link Error}s (out of memory, stack overflow, …) are never turned into values:
 * they propagate.
 *
 * @param <E> the error type
 * @param <T> the value type; {@code Void} (with a {@code null} value) for calls that return nothing
 */
public sealed interface Result<E, T> permits Result.Ok, Result.Err {

  /**
   * A successful outcome.
   *
   * @param value the value; {@code null} only for {@code Result<E, Void>}
   */
  record Ok<E, T>(T value) implements Result<E, T> {}

  /**
   * A failed outcome.
   *
   * @param error the error, never {@code null}
   */
  record Err<E, T>(E error) implements Result<E, T> {
    /** Rejects a {@code null} error: an error that says nothing is a bug at its source. */
    public Err {
      Objects.requireNonNull(error, "error");
    }
  }

  /** A successful result holding {@code value}. */
  static <E, T> Result<E, T> ok(T value) {
    return new Ok<>(value);
  }

  /** A failed result holding {@code error}. */
  static <E, T> Result<E, T> err(E error) {
    return new Err<>(error);
  }

  /**
   * Runs {@code body} and turns any exception it throws into an {@link Err} (go-go-try's
   * {@code goTryRaw}). {@link Error}s propagate; a {@code Throwable} that is neither (thrown
   * sneakily) becomes an {@code Err} of an {@link java.lang.reflect.UndeclaredThrowableException},
   * as in guarded calls and tasks. When the body throws {@link InterruptedException} the thread's
   * interrupt flag is set again, so the interruption is not lost.
   */
  static <T> Result<Exception, T> of(Callable<? extends T> body) {
    try {
      return new Ok<>(body.call());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Err<>(e);
    } catch (Error e) {
      throw e;
    } catch (Throwable t) {
      return new Err<>(RawThrowables.asException(t, "the body of Result.of"));
    }
  }

  /**
   * Like {@link #of(Callable)}, but keeps only the exception's message (go-go-try's {@code goTry});
   * an exception without a message gives its class name.
   */
  static <T> Result<String, T> ofMessage(Callable<? extends T> body) {
    return Result.<T>of(body).mapErr(Result::messageOf);
  }

  private static String messageOf(Exception e) {
    String message = e.getMessage();
    return message != null ? message : e.getClass().getName();
  }

  /** {@code true} for {@link Ok}. */
  default boolean isOk() {
    return this instanceof Ok;
  }

  /** {@code true} for {@link Err}. */
  default boolean isErr() {
    return this instanceof Err;
  }

  /** The value, if this is {@link Ok} and the value is not {@code null}. */
  default Optional<T> toOptional() {
    return this instanceof Ok<E, T> ok ? Optional.ofNullable(ok.value()) : Optional.empty();
  }

  /** The error, if this is {@link Err}. */
  default Optional<E> errorIfAny() {
    return this instanceof Err<E, T> err ? Optional.of(err.error()) : Optional.empty();
  }

  /** Transforms the value of an {@link Ok}; an {@link Err} passes through. */
  default <U> Result<E, U> map(Function<? super T, ? extends U> mapper) {
    return switch (this) {
      case Ok<E, T> ok -> new Ok<>(mapper.apply(ok.value()));
      case Err<E, T> err -> new Err<>(err.error());
    };
  }

  /** Chains a call that can fail; an {@link Err} passes through without calling it. */
  default <U> Result<E, U> flatMap(Function<? super T, ? extends Result<E, U>> mapper) {
    return switch (this) {
      case Ok<E, T> ok -> Objects.requireNonNull(mapper.apply(ok.value()), "flatMap returned null");
      case Err<E, T> err -> new Err<>(err.error());
    };
  }

  /** Transforms the error of an {@link Err}; an {@link Ok} passes through. */
  default <F> Result<F, T> mapErr(Function<? super E, ? extends F> mapper) {
    return switch (this) {
      case Ok<E, T> ok -> new Ok<>(ok.value());
      case Err<E, T> err -> new Err<>(mapper.apply(err.error()));
    };
  }

  /** Collapses both cases into one value: {@code onErr} for an error, {@code onOk} for a value. */
  default <R> R fold(Function<? super E, ? extends R> onErr, Function<? super T, ? extends R> onOk) {
    return switch (this) {
      case Ok<E, T> ok -> onOk.apply(ok.value());
      case Err<E, T> err -> onErr.apply(err.error());
    };
  }

  /** The value, or {@code other} for an {@link Err}. */
  default T orElse(T other) {
    return this instanceof Ok<E, T> ok ? ok.value() : other;
  }

  /** The value, or one computed from the error. */
  default T orElseGet(Function<? super E, ? extends T> fallback) {
    return switch (this) {
      case Ok<E, T> ok -> ok.value();
      case Err<E, T> err -> fallback.apply(err.error());
    };
  }

  /**
   * The value, or throws for an {@link Err}: an error that is a {@link RuntimeException} is thrown
   * as it is; anything else is wrapped in a {@link ResultException} whose cause is the error's own
   * exception where it has one (a {@link ScopeError} with a cause, or a checked exception).
   */
  default T orElseThrow() {
    return switch (this) {
      case Ok<E, T> ok -> ok.value();
      case Err<E, T> err -> {
        if (err.error() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new ResultException(err.error());
      }
    };
  }

  /** The value, or throws the exception that {@code toException} makes of the error. */
  default <X extends Throwable> T orElseThrow(Function<? super E, ? extends X> toException) throws X {
    return switch (this) {
      case Ok<E, T> ok -> ok.value();
      case Err<E, T> err -> throw toException.apply(err.error());
    };
  }
}
