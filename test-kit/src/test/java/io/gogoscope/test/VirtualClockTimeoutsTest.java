package io.gogoscope.test;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CancelReason;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.annotations.Backoff;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timeouts that interrupt work follow the virtual clock: a guard's attempt and overall
 * timeouts, a scope's timeout and deadline fire when {@code advance} reaches them, never in real
 * time, and interrupt or cancel as they do in real time.
 */
@Timeout(30)
class VirtualClockTimeoutsTest {
  private final VirtualClock clock = VirtualClock.create();
  private final ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).build();

  @Test
  void retriesThreeTimesWithBackoffThenTimesOutAfterTwoSeconds() throws Exception {
    List<Duration> attemptsAt = new CopyOnWriteArrayList<>();
    Guard guard = runtime.guard("fetch")
        .retry(Retry.builder().maxAttempts(10).delay(Duration.ofMillis(400))
            .backoff(Backoff.EXPONENTIAL).build())
        .overallTimeout(Duration.ofSeconds(2))
        .build();
    long start = System.nanoTime();

    Result<Failure, String> result = clock.runAdvancing(() -> guard.call(() -> {
      attemptsAt.add(clock.elapsed());
      throw new IOException("down");
    }));

    assertThat(result).isErrOf(Failure.TimedOut.class);
    assertThat(attemptsAt).containsExactly(
        Duration.ZERO, Duration.ofMillis(400), Duration.ofMillis(1200));
    assertThat(clock.sleeps()).containsExactly(
        Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600));
    assertThat(clock.elapsed()).as("the timeout fired in the third delay, at 2 s")
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anAttemptTimeoutInterruptsABlockedBodyWhenTheClockReachesIt() throws Exception {
    Guard guard = runtime.guard("slow").timeout(Duration.ofSeconds(1)).build();
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<Result<Failure, String>> call = onVirtualThread(() -> guard.call(() -> {
      never.await();
      return "unreachable";
    }));
    clock.awaitTimeouts(1);

    clock.advance(Duration.ofMillis(999));
    Thread.sleep(50); // real time does not fire it either
    assertThat(call).as("not before its time").isNotDone();

    clock.advance(Duration.ofMillis(1));
    assertThat(call.get(10, TimeUnit.SECONDS)).isTimedOut();
    assertThat(call.get()).hasError(new Failure.TimedOut(Duration.ofSeconds(1)));
  }

  @Test
  void anAutoAdvancingClockFiresTheTimeoutInsideTheSleepThatPassesIt() {
    VirtualClock auto = VirtualClock.autoAdvancing();
    Guard guard = ScopeRuntime.builder().timeSource(auto).build().guard("fetch")
        .retry(Retry.builder().maxAttempts(5).delay(Duration.ofSeconds(3)).build())
        .overallTimeout(Duration.ofSeconds(5))
        .build();

    Result<Failure, String> result = guard.call(() -> {
      throw new IOException("down");
    });

    assertThat(result).isTimedOut();
    assertThat(auto.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aScopeTimeoutCancelsItsTasksAtItsVirtualInstant() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture<Result<Failure, String>> joined = onVirtualThread(() -> {
      try (Scope scope = runtime.scope("request").timeout(Duration.ofSeconds(5)).open()) {
        Task<Failure, String> task = scope.fork("wait", () -> {
          never.await();
          return "unreachable";
        });
        return task.join();
      }
    });
    clock.awaitTimeouts(1);

    clock.advance(Duration.ofSeconds(4));
    assertThat(joined).isNotDone();
    clock.advance(Duration.ofSeconds(1));

    Result<Failure, String> result = joined.get(10, TimeUnit.SECONDS);
    assertThat(result).isCancelledWith(CancelReason.ScopeTimedOut.class);
  }

  @Test
  void aScopeDeadlineIsAnInstantOfTheVirtualWallClock() throws Exception {
    Instant deadline = clock.now().plus(Duration.ofMinutes(10));
    CompletableFuture<Result<Failure, String>> joined = onVirtualThread(() -> {
      try (Scope scope = runtime.scope("batch").deadline(deadline).open()) {
        assertThat(scope.remaining()).contains(Duration.ofMinutes(10));
        return scope.fork("work", () -> {
          clock.sleep(Duration.ofMinutes(15));
          return "finished after the deadline";
        }).join();
      }
    });
    clock.awaitSleepers(1);

    clock.advance(Duration.ofMinutes(20));

    assertThat(joined.get(10, TimeUnit.SECONDS)).isCancelled();
  }

  @Test
  void aScopeDeadlineBoundsTheCallsInsideIt() throws Exception {
    Guard guard = runtime.guard("inner")
        .retry(Retry.builder().maxAttempts(100).delay(Duration.ofSeconds(1)).build())
        .build();
    CompletableFuture<Result<Failure, String>> call = onVirtualThread(() -> {
      try (Scope scope = runtime.scope("outer").timeout(Duration.ofMillis(2500)).open()) {
        assertThat(scope.remaining()).contains(Duration.ofMillis(2500));
        return guard.call(() -> {
          throw new IOException("down");
        });
      }
    });

    clock.awaitSleepers(1);
    clock.advance(Duration.ofSeconds(10));

    assertThat(call.get(10, TimeUnit.SECONDS)).isCancelled();
    assertThat(clock.sleeps()).hasSize(3); // the third delay was cut short at 2.5 s
  }

  @Test
  void aCallThatEndsInTimeLeavesNoTimeoutBehind() {
    Guard guard = runtime.guard("quick").timeout(Duration.ofSeconds(1)).build();

    assertThat(guard.call(() -> "done")).hasValue("done");
    // A disarmed timeout's action may stay queued until its instant; it then does nothing.
    assertThat(clock.pendingTimeouts()).isLessThanOrEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    assertThat(Thread.interrupted()).as("no stray interrupt reaches the caller").isFalse();
    assertThat(clock.pendingTimeouts()).isZero();
  }

  private static <T> CompletableFuture<T> onVirtualThread(java.util.concurrent.Callable<T> body) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        done.complete(body.call());
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    return done;
  }
}
