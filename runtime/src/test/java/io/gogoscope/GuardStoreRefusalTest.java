package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A key or setting a store refuses (here an empty key, which every store refuses) fails the guarded
 * call with a value, through {@code call} and {@code fork} alike, and the body does not run; before,
 * the store's {@link IllegalArgumentException} escaped {@code call}.
 */
class GuardStoreRefusalTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().build(); // the in-memory stores
  private final AtomicBoolean ran = new AtomicBoolean();

  @Test
  void anEmptyLockKeyFailsTheCall() {
    Guard guard = runtime.guard("locked").lock(Duration.ofSeconds(30), Duration.ZERO).build();
    CallContext emptyKey = new CallContext("", null, TaskAttributes.NONE);

    assertRefused(guard.call(emptyKey, this::body, ErrorMapper.failure()), "lock provider");
    try (Scope scope = Scope.open("forked")) {
      assertRefused(guard.fork(scope, emptyKey, this::body, ErrorMapper.failure()).join(), "lock provider");
    }
    assertThat(ran).isFalse();
  }

  @Test
  void anEmptyRateLimitKeyFailsTheCall() {
    Guard guard = runtime.guard("limited").rateLimit(5, Duration.ofMinutes(1)).build();
    CallContext emptyKey = new CallContext(null, "", TaskAttributes.NONE);

    assertRefused(guard.call(emptyKey, this::body, ErrorMapper.failure()), "rate-limit store");
    try (Scope scope = Scope.open("forked")) {
      assertRefused(guard.fork(scope, emptyKey, this::body, ErrorMapper.failure()).join(), "rate-limit store");
    }
    assertThat(ran).isFalse();
  }

  private String body() {
    ran.set(true);
    return "ran";
  }

  private static void assertRefused(Result<Failure, String> result, String store) {
    assertThat(result.errorIfAny()).get().isInstanceOfSatisfying(Failure.Thrown.class, thrown ->
        assertThat(thrown.cause())
            .isInstanceOf(StoreException.class)
            .hasMessageStartingWith("the " + store + " refused the call for key \"\": ")
            .hasMessageContaining("must not be empty")
            .hasCauseInstanceOf(IllegalArgumentException.class));
  }
}
