package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.CircuitBreaker.Counted;
import io.gogoscope.testing.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which outcomes a guard reports to its circuit breaker (issue 11 item 2): exceptions as
 * {@code failOn} / {@code skipOn} classify them (skipOn wins; a skipped exception is a success for
 * the breaker and still the call's error), timeouts of the attempt count, cancellations, rate limits
 * and held locks do not, a retried result is a success; and the config factories mean what their
 * names say.
 */
@Timeout(60)
class BreakerClassificationTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().timeSource(new ManualTimeSource()).build();

  static final class CardDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    CardDeclinedException() {
      super("card declined");
    }
  }

  private CircuitBreaker breaker(String name, int failures) {
    return runtime.circuitBreaker(name, CircuitBreaker.Config.consecutiveFailures(failures, Duration.ofMinutes(1)));
  }

  @Test
  void declinedCardsInSkipOnLeaveTheBreakerClosedAndAreStillReturned() {
    CircuitBreaker breaker = breaker("payments", 2);
    Guard guard = runtime.guard("pay").circuitBreaker(breaker, Counted.ALL.skipOn(CardDeclinedException.class)).build();
    for (int i = 0; i < 2; i++) {
      Result<Failure, Object> result = guard.call(() -> {
        throw new CardDeclinedException();
      });
      assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(((Failure.Thrown) err.error()).cause()).isInstanceOf(CardDeclinedException.class));
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void withoutClassificationTwoDeclinedCardsOpenTheBreaker() {
    CircuitBreaker breaker = breaker("payments-unclassified", 2);
    Guard guard = runtime.guard("pay").circuitBreaker(breaker).build();
    for (int i = 0; i < 2; i++) {
      guard.call(() -> {
        throw new CardDeclinedException();
      });
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aSkippedExceptionCountsAsASuccess() {
    // One failure, one skipped (a success between them), one failure: never two in a row.
    CircuitBreaker breaker = breaker("alternating", 2);
    Guard guard = runtime.guard("pay").circuitBreaker(breaker, Counted.ALL.skipOn(CardDeclinedException.class)).build();
    guard.call(() -> {
      throw new IOException("down");
    });
    guard.call(() -> {
      throw new CardDeclinedException();
    });
    guard.call(() -> {
      throw new IOException("down");
    });
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    guard.call(() -> {
      throw new IOException("down");
    });
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void onlyFailOnTypesCountAsFailures() {
    CircuitBreaker breaker = breaker("io-only", 2);
    Guard guard = runtime.guard("fetch").circuitBreaker(breaker, Counted.failOn(IOException.class)).build();
    for (int i = 0; i < 3; i++) {
      guard.call(() -> {
        throw new IllegalStateException("a bug, not an outage");
      });
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    for (int i = 0; i < 2; i++) {
      guard.call(() -> {
        throw new java.io.FileNotFoundException("subtype of IOException");
      });
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void skipOnWinsOverFailOn() {
    Counted counted = Counted.failOn(IOException.class).skipOn(java.io.FileNotFoundException.class);
    assertThat(counted.isFailure(new IOException())).isTrue();
    assertThat(counted.isFailure(new java.io.FileNotFoundException())).isFalse();
    assertThat(counted.isFailure(new IllegalStateException())).isFalse();
    assertThat(Counted.ALL.isFailure(new IllegalStateException())).isTrue();
    assertThat(counted).isEqualTo(Counted.failOn(IOException.class).skipOn(java.io.FileNotFoundException.class));
    assertThatThrownBy(Counted::failOn).hasMessageContaining("failOn() was given no types");
  }

  @Test
  void attemptTimeoutsCountCancellationsDoNot() throws Exception {
    ScopeRuntime real = ScopeRuntime.builder().build();
    CircuitBreaker breaker = real.circuitBreaker("slow", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofMinutes(1)));
    Guard timed = real.guard("slow").circuitBreaker(breaker, Counted.failOn(IOException.class))
        .timeout(Duration.ofMillis(20)).build();
    Result<Failure, Object> first = timed.call(() -> {
      Thread.sleep(10_000);
      return null;
    });
    assertThat(first).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(20))));
    // A cancelled call between the timeouts: no outcome, so the two timeouts are still in a row.
    Guard untimed = real.guard("slow").circuitBreaker(breaker, Counted.failOn(IOException.class)).build();
    try (Scope scope = real.scope("cancelling").open()) {
      Task<Failure, Object> task = untimed.fork(scope, () -> {
        Thread.sleep(10_000);
        return null;
      }, ErrorMapper.failure());
      Thread.sleep(50);
      scope.cancel("enough");
      assertThat(task.join()).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(err.error()).isInstanceOf(Failure.Cancelled.class));
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    timed.call(() -> {
      Thread.sleep(10_000);
      return null;
    });
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void rateLimitsAndHeldLocksNeverReachTheBreaker() {
    CircuitBreaker breaker = runtime.circuitBreaker("guarded", CircuitBreaker.Config.failureThreshold(1, 10, Duration.ofMinutes(1)));
    Guard limited = runtime.guard("limited").rateLimit(1, Duration.ofMinutes(1)).circuitBreaker(breaker).build();
    assertThat(limited.call(() -> "first")).isEqualTo(Result.ok("first"));
    assertThat(limited.call(() -> "second")).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOf(Failure.RateLimited.class));
    Guard locked = runtime.guard("locked").lock(Duration.ofSeconds(30), Duration.ZERO).circuitBreaker(breaker).build();
    Result<Failure, Object> outer = locked.call(() -> locked.call(() -> "inner"));
    assertThat(outer).isEqualTo(Result.ok(Result.err(new Failure.LockUnavailable("locked"))));
    assertThat(breaker.status().calls()).as("the first limited call and the outer locked call only").isEqualTo(2);
    assertThat(breaker.status().failures()).isZero();
  }

  @Test
  void aRetriedResultCountsAsASuccess() {
    CircuitBreaker breaker = runtime.circuitBreaker("polled", CircuitBreaker.Config.failureThreshold(1, 10, Duration.ofMinutes(1)));
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Guard guard = runtime.guard("polled")
        .retry(io.gogoscope.policy.Retry.builder().retryOnResult(String.class, "pending"::equals).build())
        .circuitBreaker(breaker)
        .build();
    assertThat(guard.call(() -> calls.incrementAndGet() < 3 ? "pending" : "done")).isEqualTo(Result.ok("done"));
    assertThat(breaker.status().calls()).isEqualTo(3);
    assertThat(breaker.status().failures()).isZero();
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void consecutiveFailuresMeansInARowFailureThresholdMeansOfTheWindow() {
    CircuitBreaker inARow = runtime.circuitBreaker("in-a-row",
        CircuitBreaker.Config.consecutiveFailures(3, Duration.ofMinutes(1)));
    CircuitBreaker ofTen = runtime.circuitBreaker("of-ten",
        CircuitBreaker.Config.failureThreshold(3, 10, Duration.ofMinutes(1)));
    for (CircuitBreaker breaker : new CircuitBreaker[] {inARow, ofTen}) {
      for (int i = 0; i < 3; i++) {
        breaker.tryAcquirePermission();
        breaker.onFailure();
        breaker.tryAcquirePermission();
        breaker.onSuccess();
      }
    }
    assertThat(inARow.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(ofTen.state()).isEqualTo(CircuitState.OPEN);
  }
}
