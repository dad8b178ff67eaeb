package io.gogoscope.test;

import io.gogoscope.ScopeError;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link ScopeError}: any variant of a generated union, or a
 * {@link io.gogoscope.Failure}. Start them with {@link GogoscopeAssertions#assertThat(ScopeError)}
 * or {@link ResultAssert#error()}:
 *
 * <pre>{@code
 * assertThat(result).error().hasKind("timeout").isTimedOutAfter(Duration.ofSeconds(2));
 * }</pre>
 */
public final class ScopeErrorAssert extends AbstractObjectAssert<ScopeErrorAssert, ScopeError> {

  ScopeErrorAssert(ScopeError actual) {
    super(actual, ScopeErrorAssert.class);
  }

  /** Verifies the failure mode's stable name ({@code timeout}, {@code cancelled}, ...). */
  public ScopeErrorAssert hasKind(String kind) {
    isNotNull();
    if (!Objects.equals(actual.kind(), kind)) {
      failWithActualExpectedAndMessage(actual.kind(), kind,
          "Expected an error of kind <%s> but %s is of kind <%s>", kind, ResultAssert.describe(actual), actual.kind());
    }
    return this;
  }

  /** Verifies that the error is a {@link ScopeError.TimedOut} whose timeout was {@code after}. */
  public ScopeErrorAssert isTimedOutAfter(Duration after) {
    isInstanceOf(ScopeError.TimedOut.class);
    Duration actualAfter = ((ScopeError.TimedOut) actual).after();
    if (!Objects.equals(actualAfter, after)) {
      failWithActualExpectedAndMessage(actualAfter, after,
          "Expected a timeout after %s but the call timed out after %s", after, actualAfter);
    }
    return this;
  }

  /** Verifies that an exception of {@code exceptionType} is behind the error. */
  public ScopeErrorAssert hasExceptionOf(Class<? extends Throwable> exceptionType) {
    isNotNull();
    Throwable cause = actual.exception().orElse(null);
    if (!exceptionType.isInstance(cause)) {
      failWithMessage("Expected an error caused by a %s but %s%s", exceptionType.getName(),
          ResultAssert.describe(actual), cause == null ? " has no exception" : " was caused by " + cause);
    }
    return this;
  }
}
