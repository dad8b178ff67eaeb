package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScopeRuntime#shutdown} stops the watchdog and scope-timer threads, and calls and scopes
 * made afterwards still time out: the threads start again on first use (issue 10 item 7).
 */
@Timeout(60)
class RuntimeShutdownTest {

  @Test
  void shutdownStopsTheThreadsAndLaterTimeoutsStartThemAgain() throws Exception {
    Guard guard = ScopeRuntime.defaults().guard("timed").timeout(Duration.ofMillis(50)).build();
    assertThat(guard.call(() -> "ok")).isEqualTo(Result.ok("ok"));
    try (Scope scope = Scope.builder("timed").timeout(Duration.ofSeconds(5)).open()) {
      assertThat(scope.fork(() -> "ok").join()).isEqualTo(Result.ok("ok"));
    }
    assertThat(Watchdog.isRunning()).isTrue();
    assertThat(ScopeTimer.isRunning()).isTrue();

    assertThat(ScopeRuntime.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(Watchdog.isRunning()).isFalse();
    assertThat(ScopeTimer.isRunning()).isFalse();

    Result<Failure, Object> late = guard.call(() -> {
      Thread.sleep(5_000);
      return "late";
    });
    assertThat(late).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(50))));
    Result<Failure, Object> cancelled;
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("after").timeout(Duration.ofMillis(100)).open()) {
      cancelled = scope.fork(() -> {
        Thread.sleep(5_000);
        return (Object) "late";
      }).join();
    }
    assertThat(cancelled).isEqualTo(Result.err(new Failure.Cancelled(
        new CancelReason.ScopeTimedOut("after", Duration.ofMillis(100)))));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aSecondShutdownFindsNothingToStopAndReturnsAtOnce() throws Exception {
    assertThat(ScopeRuntime.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(ScopeRuntime.shutdown(Duration.ZERO)).isTrue();
  }
}
