package io.gogoscope.processor.behaviour;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.processor.behaviour.ScopedRoutes.AnythingError;
import io.gogoscope.processor.behaviour.ScopedRoutes.BroadError;
import io.gogoscope.processor.behaviour.ScopedRoutes.NarrowError;
import io.gogoscope.processor.behaviour.ScopedRoutes.RoutesError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The variant records of {@link Routes}' unions are shared and one error mapper serves all its
 * tasks: an exception must still become the variant its own task's declaration gives it, never
 * one that only another task's union has.
 */
class SharedVariantRoutingTest {
  private final ScopedRoutes routes = ScopedRoutes.of(new Routes.Thrower(), ScopeRuntime.defaults());

  @Test
  void aSubtypeAnotherTaskDeclaresTakesTheCallersBroaderVariant() {
    FileNotFoundException missing = new FileNotFoundException("missing");

    assertThat(routes.broad(missing)).hasError(new BroadError.Io(missing));
    assertThat(routes.narrow(missing)).hasError(new NarrowError.FileNotFound(missing));
  }

  @Test
  void anUncheckedExceptionAnotherTaskDeclaresIsUnexpectedForTheCaller() {
    IllegalArgumentException wrong = new IllegalArgumentException("wrong");

    assertThat(routes.narrow(wrong)).hasError(new NarrowError.IllegalArgument(wrong));
    assertThat(routes.broad(wrong)).hasError(new BroadError.Unexpected(wrong));
  }

  @Test
  void aCheckedExceptionOnlyAnotherTaskCoversIsUndeclaredForTheCaller() {
    SQLException sql = new SQLException("down");
    IOException io = new IOException("io");

    assertThat(routes.anything(sql)).hasError(new AnythingError.Failed(sql));
    assertUndeclared(routes.broad(sql), sql);
    assertUndeclared(routes.narrow(io), io);
  }

  private static void assertUndeclared(Result<?, String> result, Exception thrown) {
    // One Unexpected record serves every task's union.
    assertThat(result.errorIfAny()).get()
        .isInstanceOfSatisfying(RoutesError.Unexpected.class, unexpected -> assertThat(unexpected.cause())
            .isInstanceOf(UndeclaredThrowableException.class).hasCause(thrown));
  }
}
