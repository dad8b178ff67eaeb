package io.gogoscope;

import io.gogoscope.generated.ErrorMapper;
import java.util.Optional;

/**
 * How an observer sees a failure that is not a {@link ScopeError}: an error value of a hand-written
 * {@link ErrorMapper} that maps into some other type, or an {@link Error} thrown through a task.
 *
 * @param value the error value or the {@link Error}
 */
record OtherError(Object value) implements ScopeError {

  /** What an observer receives for {@code result}: {@code null} on success. */
  static ScopeError of(Result<?, ?> result) {
    if (result instanceof Result.Err<?, ?> err) {
      return err.error() instanceof ScopeError scopeError ? scopeError : new OtherError(err.error());
    }
    return null;
  }

  @Override
  public String kind() {
    return "error";
  }

  @Override
  public Optional<Throwable> exception() {
    return value instanceof Throwable t ? Optional.of(t) : Optional.empty();
  }
}
