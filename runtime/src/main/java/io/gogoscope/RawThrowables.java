package io.gogoscope;

import java.lang.reflect.UndeclaredThrowableException;

/**
 * What a body's failure is, whatever it threw: an {@link Exception} stands as it is; an
 * {@link Error} is not the body's failure and goes on up; a {@code Throwable} that is neither
 * (thrown sneakily, or a {@code Throwable} subclass of its own) is wrapped in an
 * {@link UndeclaredThrowableException}, so the call or task still completes with a typed failure
 * (its union's {@code Unexpected}, {@link Failure.Thrown}) instead of throwing at its caller or
 * never completing. A guarded call on the caller's thread and a forked task both come here.
 */
final class RawThrowables {
  private RawThrowables() {}

  /**
   * {@code thrown} as the exception of a failure of {@code thrower} (named in the message of a
   * wrapped raw {@code Throwable}, e.g. {@code "task 'fetch'"}).
   *
   * @throws Error when {@code thrown} is one
   */
  static Exception asException(Throwable thrown, String thrower) {
    if (thrown instanceof Exception e) {
      return e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return new UndeclaredThrowableException(thrown,
        thrower + " threw " + thrown.getClass().getName() + ", neither an Exception nor an Error");
  }
}
