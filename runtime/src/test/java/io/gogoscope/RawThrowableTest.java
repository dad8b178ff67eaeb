package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.policy.Retry;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body that throws a raw {@code Throwable} (neither an Exception nor an Error, thrown sneakily)
 * fails its call with a typed failure wrapping it in an {@link UndeclaredThrowableException},
 * whether the guarded call runs on the caller's thread or is forked (issue 10 item 2: the caller's
 * thread got the raw Throwable thrown at it, past the error union). Both paths classify it in the
 * guard's attempt, so it counts as the body's failure there too (retried like any other).
 */
@Timeout(60)
class RawThrowableTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().build();

  @Test
  void aGuardedCallOnTheCallersThreadCompletesWithTheWrappedThrowable() {
    Guard plain = runtime.guard("plain").build();
    assertWrappedRawThrowable(plain.call(RawThrowableTest::throwRaw), "plain");
  }

  @Test
  void aGuardedCallWithATimeoutCompletesWithTheWrappedThrowableAndDisarms() {
    Guard timed = runtime.guard("timed").timeout(Duration.ofMillis(200)).build();
    assertWrappedRawThrowable(timed.call(RawThrowableTest::throwRaw), "timed");
    // The attempt's deadline was disarmed: a later slow call on this thread is not cut short by it.
    Result<Failure, Object> next = runtime.guard("untimed").build().call(() -> {
      Thread.sleep(300);
      return "ok";
    });
    assertThat(next).isEqualTo(Result.ok("ok"));
  }

  @Test
  void aForkedGuardedCallCompletesTheSameWay() {
    Guard guard = runtime.guard("forked").timeout(Duration.ofSeconds(5)).build();
    try (Scope scope = runtime.scope("raw").open()) {
      assertWrappedRawThrowable(guard.fork(scope, RawThrowableTest::throwRaw, ErrorMapper.failure()).join(),
          "forked");
    }
  }

  @Test
  void aRawThrowableIsTheBodysFailureToRetry() {
    AtomicInteger attempts = new AtomicInteger();
    Guard retried = runtime.guard("retried").retry(Retry.builder().maxAttempts(3).build()).build();
    Result<Failure, Object> result = retried.call(() -> {
      attempts.incrementAndGet();
      return throwRaw();
    });
    assertWrappedRawThrowable(result, "retried");
    assertThat(attempts).hasValue(3);
  }

  private static void assertWrappedRawThrowable(Result<Failure, ?> result, String guard) {
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOfSatisfying(Failure.Thrown.class, thrown ->
            assertThat(thrown.cause())
                .isInstanceOf(UndeclaredThrowableException.class)
                .hasMessageContaining("guarded call '" + guard + "'")
                .hasRootCauseMessage("neither Exception nor Error")));
  }

  private static Object throwRaw() {
    throw RawThrowableTest.<RuntimeException>sneaky(new Throwable("neither Exception nor Error"));
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }
}
