package io.gogoscope.test;

import io.gogoscope.Result;
import io.gogoscope.ScopeError;

/**
 * The entry points of the kit's assertions. Import them statically beside AssertJ's; Java picks
 * these for results and errors, AssertJ's for everything else:
 *
 * <pre>{@code
 * import static io.gogoscope.test.GogoscopeAssertions.assertThat;
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThat(users.fetchUser("42")).isErrOf(FetchUserError.TimedOut.class);
 * }</pre>
 */
public final class GogoscopeAssertions {

  private GogoscopeAssertions() {}

  /** Assertions on {@code result}. */
  public static <E, T> ResultAssert<E, T> assertThat(Result<E, T> result) {
    return new ResultAssert<>(result);
  }

  /** Assertions on {@code error}. */
  public static ScopeErrorAssert assertThat(ScopeError error) {
    return new ScopeErrorAssert(error);
  }
}
