package io.gogoscope.policy;

import static io.gogoscope.CircuitState.CLOSED;
import static io.gogoscope.CircuitState.HALF_OPEN;
import static io.gogoscope.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.policy.CircuitBreaker.Config;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One example per rule of the circuit breaker; {@link CircuitBreakerModelPropertyTest} covers the mix. */
class CircuitBreakerTest {
  private static final Duration RESET = Duration.ofSeconds(1);

  private final ManualTimeSource time = new ManualTimeSource();
  private final List<String> heard = new ArrayList<>();

  private CircuitBreaker breaker(Config config) {
    return CircuitBreaker.create("payments", config, time, null, (name, from, to) -> heard.add(name + ":" + from + "->" + to));
  }

  @Test
  void closedLetsEveryCallThrough() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(3, RESET));
    for (int i = 0; i < 100; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.onSuccess();
    }
    assertThat(breaker.state()).isEqualTo(CLOSED);
    assertThat(breaker.retryAfter()).isZero();
    assertThat(heard).isEmpty();
  }

  @Test
  void failuresConfigOpensAfterThatManyFailuresInARow() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(3, RESET));
    fail(breaker, 2);
    succeed(breaker, 1); // the window of 3 is now F F S
    fail(breaker, 2); // S F F
    assertThat(breaker.state()).isEqualTo(CLOSED);

    fail(breaker, 1); // F F F
    assertThat(breaker.state()).isEqualTo(OPEN);
    assertThat(heard).containsExactly("payments:CLOSED->OPEN");
  }

  @Test
  void theWindowForgetsFailuresOlderThanItsSize() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(2, RESET).withWindowSize(3));
    fail(breaker, 1);
    succeed(breaker, 2);
    fail(breaker, 1); // window S S F: the first failure has slid out
    assertThat(breaker.state()).isEqualTo(CLOSED);
    fail(breaker, 1); // S F F
    assertThat(breaker.state()).isEqualTo(OPEN);
  }

  @Test
  void ratioIsJudgedOnlyOnceTheWindowHoldsMinimumCalls() {
    CircuitBreaker breaker = breaker(Config.failureRatio(0.5, 4, 10, RESET));
    fail(breaker, 3);
    assertThat(breaker.state()).as("3 of 3 failed, but fewer than 4 calls").isEqualTo(CLOSED);
    succeed(breaker, 1); // 3 of 4 failed
    assertThat(breaker.state()).isEqualTo(OPEN);
  }

  @Test
  void ratioBelowTheThresholdStaysClosed() {
    CircuitBreaker breaker = breaker(Config.failureRatio(0.5, 4, 4, RESET));
    for (int i = 0; i < 20; i++) {
      succeed(breaker, 3);
      fail(breaker, 1); // at most 1 failure among the last 4 calls
      assertThat(breaker.state()).isEqualTo(CLOSED);
    }
    fail(breaker, 1); // S S F F: 2 of 4 = 0.5
    assertThat(breaker.state()).isEqualTo(OPEN);
  }

  @Test
  void openRefusesUntilTheResetTimeoutThenHalfOpens() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(1, RESET));
    fail(breaker, 1);
    assertThat(breaker.tryAcquirePermission()).isFalse();
    assertThat(breaker.retryAfter()).isEqualTo(RESET);

    time.advance(Duration.ofMillis(999));
    assertThat(breaker.tryAcquirePermission()).isFalse();
    assertThat(breaker.retryAfter()).isEqualTo(Duration.ofMillis(1));
    assertThat(breaker.state()).isEqualTo(OPEN);

    time.advance(Duration.ofMillis(1));
    assertThat(breaker.retryAfter()).isZero();
    assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    assertThat(heard).containsExactly("payments:CLOSED->OPEN", "payments:OPEN->HALF_OPEN");
  }

  @Test
  void halfOpenLetsAtMostItsPermitsThroughAtATime() {
    CircuitBreaker breaker = halfOpen(Config.consecutiveFailures(1, RESET).withHalfOpen(2, 5));
    assertThat(breaker.tryAcquirePermission()).isTrue();
    assertThat(breaker.tryAcquirePermission()).isTrue();
    assertThat(breaker.tryAcquirePermission()).isFalse();

    breaker.releasePermission();
    assertThat(breaker.tryAcquirePermission()).isTrue();
    breaker.onSuccess();
    assertThat(breaker.tryAcquirePermission()).isTrue();
    assertThat(breaker.tryAcquirePermission()).isFalse();
  }

  @Test
  void successThresholdSuccessesCloseItWithAnEmptyWindow() {
    CircuitBreaker breaker = halfOpen(Config.consecutiveFailures(2, RESET).withHalfOpen(1, 3));
    succeed(breaker, 2);
    assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    succeed(breaker, 1);
    assertThat(breaker.state()).isEqualTo(CLOSED);

    fail(breaker, 1);
    assertThat(breaker.state()).as("the failures before opening are forgotten").isEqualTo(CLOSED);
    assertThat(heard).containsExactly(
        "payments:CLOSED->OPEN", "payments:OPEN->HALF_OPEN", "payments:HALF_OPEN->CLOSED");
  }

  @Test
  void aFailureWhileHalfOpenReopensForAFullResetTimeout() {
    CircuitBreaker breaker = halfOpen(Config.consecutiveFailures(1, RESET).withHalfOpen(1, 3));
    succeed(breaker, 2);
    time.advance(Duration.ofMillis(300));
    fail(breaker, 1);

    assertThat(breaker.state()).isEqualTo(OPEN);
    assertThat(breaker.retryAfter()).isEqualTo(RESET);
    assertThat(heard).endsWith("payments:HALF_OPEN->OPEN");
  }

  @Test
  void reportsArrivingWhileOpenAreIgnored() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(1, RESET));
    assertThat(breaker.tryAcquirePermission()).isTrue(); // a slow call, let through while closed
    fail(breaker, 1);
    breaker.onSuccess(); // the slow call returns
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(OPEN);
    assertThat(breaker.retryAfter()).isEqualTo(RESET);
    assertThat(heard).containsExactly("payments:CLOSED->OPEN");
  }

  @Test
  void listenersHearEachTransitionOnceAndStopWhenRemoved() throws Exception {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(1, RESET));
    List<String> second = new ArrayList<>();
    AutoCloseable registration = breaker.onStateChange((name, from, to) -> second.add(from + "->" + to));

    fail(breaker, 1);
    registration.close();
    time.advance(RESET);
    breaker.state();

    assertThat(second).containsExactly("CLOSED->OPEN");
    assertThat(heard).containsExactly("payments:CLOSED->OPEN", "payments:OPEN->HALF_OPEN");
  }

  @Test
  void aThrowingListenerKeepsNeitherTheCallNorTheOtherListenersFromGoingOn() {
    CircuitBreaker breaker = CircuitBreaker.create("db", Config.consecutiveFailures(1, RESET), time, null,
        (name, from, to) -> {
          throw new IllegalStateException("broken observer");
        });
    breaker.onStateChange((name, from, to) -> heard.add(from + "->" + to));

    fail(breaker, 1);

    assertThat(breaker.state()).isEqualTo(OPEN);
    assertThat(heard).containsExactly("CLOSED->OPEN");
  }

  @Test
  void transitionsCausedByAListenerAreDeliveredAfterTheCurrentOneInOrder() {
    CircuitBreaker breaker = breaker(Config.consecutiveFailures(1, RESET));
    List<String> order = new ArrayList<>();
    breaker.onStateChange((name, from, to) -> {
      order.add("a:" + from + "->" + to);
      if (to == OPEN && from == CLOSED) {
        time.advance(RESET);
        breaker.state(); // half-opens from inside the listener
      } else if (to == HALF_OPEN) {
        breaker.tryAcquirePermission();
        breaker.onFailure(); // and reopens
      }
    });
    breaker.onStateChange((name, from, to) -> order.add("b:" + from + "->" + to));

    fail(breaker, 1);

    assertThat(order).containsExactly(
        "a:CLOSED->OPEN", "b:CLOSED->OPEN",
        "a:OPEN->HALF_OPEN", "b:OPEN->HALF_OPEN",
        "a:HALF_OPEN->OPEN", "b:HALF_OPEN->OPEN");
  }

  @Test
  void createChecksItsArguments() {
    assertThatThrownBy(() -> CircuitBreaker.create(" ", Config.consecutiveFailures(1, RESET), time, null, null))
        .hasMessageContaining("name is blank");
    assertThatThrownBy(() -> CircuitBreaker.create("x", Config.consecutiveFailures(1, RESET).withShared(true), time, null, null))
        .hasMessageContaining("configured as shared but no CircuitStateStore");
    CircuitBreaker plain = CircuitBreaker.create("x", Config.consecutiveFailures(1, RESET), time, null, null);
    assertThat(plain.name()).isEqualTo("x");
    assertThat(plain.config()).isEqualTo(Config.consecutiveFailures(1, RESET));
    assertThat(plain).hasToString("CircuitBreaker[x, CLOSED]");
  }

  @Test
  void configSaysWhichValueIsWrong() {
    assertThatThrownBy(() -> Config.consecutiveFailures(0, RESET)).hasMessageContaining("failureThreshold is 0");
    assertThatThrownBy(() -> Config.consecutiveFailures(6, RESET).withWindowSize(5))
        .hasMessageContaining("failureThreshold is 6 with a window of 5 calls");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, Duration.ZERO)).hasMessageContaining("resetTimeout is PT0S");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, null)).hasMessageContaining("resetTimeout is null");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, Duration.ofDays(365L * 1000))).hasMessageContaining("too long");
    assertThatThrownBy(() -> Config.failureRatio(1.5, 1, 1, RESET)).hasMessageContaining("failureRatio is 1.5");
    assertThatThrownBy(() -> Config.failureRatio(Double.NaN, 1, 1, RESET)).hasMessageContaining("failureRatio is NaN");
    assertThatThrownBy(() -> Config.failureRatio(0, 1, 1, RESET)).hasMessageContaining("use Config.consecutiveFailures");
    assertThatThrownBy(() -> Config.failureRatio(0.5, 0, 10, RESET)).hasMessageContaining("minimumCalls is 0");
    assertThatThrownBy(() -> Config.failureRatio(0.5, 11, 10, RESET)).hasMessageContaining("minimumCalls is 11");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, RESET).withWindowSize(0)).hasMessageContaining("windowSize is 0");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, RESET).withHalfOpen(0, 1)).hasMessageContaining("halfOpenPermits is 0");
    assertThatThrownBy(() -> Config.consecutiveFailures(1, RESET).withHalfOpen(1, 0)).hasMessageContaining("successThreshold is 0");
    assertThatThrownBy(() -> new Config(-1, 0.5, 1, 1, RESET, 1, 1, false)).hasMessageContaining("negative");
  }

  @Test
  void aWindowBeyondTheBoundIsRefusedBeforeAnythingIsAllocated() {
    // Integer.MAX_VALUE used to allocate a slot per call until OutOfMemoryError.
    for (int tooLarge : new int[] {Config.MAX_WINDOW_SIZE + 1, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> Config.consecutiveFailures(1, RESET).withWindowSize(tooLarge))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("windowSize is " + tooLarge + "; the window must hold between 1 and 100000 calls");
    }
    CircuitBreaker largest = CircuitBreaker.create(
        "largest", Config.consecutiveFailures(3, RESET).withWindowSize(Config.MAX_WINDOW_SIZE), new ManualTimeSource(), null, null);
    assertThat(largest.state()).isEqualTo(CLOSED);
  }

  @Test
  void configFactoriesFillTheRest() {
    assertThat(Config.consecutiveFailures(5, RESET)).isEqualTo(new Config(5, 0, 0, 5, RESET, 1, 1, false));
    assertThat(Config.failureRatio(0.5, 10, 100, RESET).withHalfOpen(3, 2).withShared(true))
        .isEqualTo(new Config(0, 0.5, 10, 100, RESET, 3, 2, true));
  }

  private CircuitBreaker halfOpen(Config config) {
    CircuitBreaker breaker = breaker(config);
    fail(breaker, config.failureThreshold());
    time.advance(config.resetTimeout());
    assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    return breaker;
  }

  static void fail(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.onFailure();
    }
  }

  static void succeed(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.onSuccess();
    }
  }
}
