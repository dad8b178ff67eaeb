package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.Lease;
import io.gogoscope.store.WatchdogLockProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScopeRuntime#shutdown} stops the watchdog, scope-timer and lease-renewal threads, and
 * calls, scopes and watched leases made afterwards still work: the threads start again on first
 * use (issue 10 item 7).
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
    WatchdogLockProvider watched = new WatchdogLockProvider(new InMemoryLockProvider());
    watched.tryAcquire("renewed", Duration.ofSeconds(5)).orElseThrow().release();
    assertThat(Watchdog.isRunning()).isTrue();
    assertThat(ScopeTimer.isRunning()).isTrue();
    assertThat(runtimeThreads()).contains("gogoscope-lease-watchdog", "gogoscope-scope-timer");

    assertThat(ScopeRuntime.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(Watchdog.isRunning()).isFalse();
    assertThat(ScopeTimer.isRunning()).isFalse();
    assertThat(runtimeThreads())
        .doesNotContain("gogoscope-watchdog", "gogoscope-lease-watchdog", "gogoscope-scope-timer");

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

    // A lease watched after the shutdown is renewed again: its timer started anew.
    try (Lease lease = watched.tryAcquire("late", Duration.ofMillis(90)).orElseThrow()) {
      Thread.sleep(300);
      assertThat(lease.isValid()).as("renewed past its 90 ms TTL").isTrue();
    }
  }

  /** The names of gogoscope's live platform threads. */
  private static List<String> runtimeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isVirtual() && t.getName().startsWith("gogoscope-"))
        .map(Thread::getName).sorted().toList();
  }

  @Test
  void aSecondShutdownFindsNothingToStopAndReturnsAtOnce() throws Exception {
    assertThat(ScopeRuntime.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(ScopeRuntime.shutdown(Duration.ZERO)).isTrue();
  }
}
