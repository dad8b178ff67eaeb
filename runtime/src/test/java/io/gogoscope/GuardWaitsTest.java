package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.generated.ErrorMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rate limit that waits for a permit (within the call's deadline) and a lock held for a minimum
 * time (issue 11 item 3), on the in-memory stores and real time.
 */
@Timeout(60)
class GuardWaitsTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().build();

  @Test
  void aRateLimitWithAWaitAdmitsOnceThePermitComes() {
    Guard guard = runtime.guard("waits").rateLimit(1, Duration.ofMillis(300), Duration.ofSeconds(5)).build();
    assertThat(guard.call(() -> "first")).isEqualTo(Result.ok("first"));
    long before = System.nanoTime();
    assertThat(guard.call(() -> "second")).isEqualTo(Result.ok("second"));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aPermitThatCannotComeWithinTheWaitIsRefusedAtOnce() {
    Guard guard = runtime.guard("too-late").rateLimit(1, Duration.ofSeconds(30), Duration.ofSeconds(2)).build();
    guard.call(() -> "first");
    long before = System.nanoTime();
    assertThat(guard.call(() -> "second")).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOf(Failure.RateLimited.class));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void theWaitEndsWithTheCallsOverallTimeout() {
    Guard guard = runtime.guard("deadline").rateLimit(1, Duration.ofSeconds(1), Duration.ofSeconds(5))
        .overallTimeout(Duration.ofMillis(200)).build();
    guard.call(() -> "first");
    long before = System.nanoTime();
    assertThat(guard.call(() -> "second")).as("the permit comes after the deadline: refused at once")
        .isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.error()).isInstanceOf(Failure.RateLimited.class));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(200));
  }

  @Test
  void theWaitEndsWithTheScopesDeadline() {
    Guard guard = runtime.guard("scoped").rateLimit(1, Duration.ofSeconds(1), Duration.ofSeconds(5)).build();
    guard.call(() -> "first");
    try (Scope scope = runtime.scope("short").timeout(Duration.ofMillis(200)).open()) {
      Task<Failure, String> task = guard.fork(scope, () -> "second", ErrorMapper.failure());
      assertThat(task.join()).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(err.error()).isInstanceOf(Failure.RateLimited.class));
    }
  }

  @Test
  void aLockWithAMinimumHoldStaysTakenThatLongAfterAFastCall() {
    Guard guard = runtime.guard("job").lock(Duration.ofSeconds(10), Duration.ZERO, Duration.ofMillis(400)).build();
    long before = System.nanoTime();
    assertThat(guard.call(() -> "ran")).isEqualTo(Result.ok("ran"));
    Result<Failure, String> again = guard.call(() -> "ran again");
    if (Duration.ofNanos(System.nanoTime() - before).compareTo(Duration.ofMillis(350)) < 0) {
      assertThat(again).isEqualTo(Result.err(new Failure.LockUnavailable("job")));
    }
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> guard.call(() -> "later") instanceof Result.Ok);
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(380));
  }

  @Test
  void aMinimumHoldLongerThanTheTtlIsRefused() {
    assertThatThrownBy(() -> runtime.guard("job").lock(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lock minimum hold PT2S is longer than its TTL PT1S");
    assertThatThrownBy(() -> runtime.guard("rate").rateLimit(1, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate-limit wait must not be negative");
  }
}
