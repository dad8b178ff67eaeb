package io.gogoscope.test;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CircuitState;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.annotations.Backoff;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import io.gogoscope.store.Lease;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Everything time-based the clock drives, each in (real) milliseconds. */
@Timeout(30)
class VirtualClockTest {
  private final VirtualClock clock = VirtualClock.create();
  private final ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).build();

  @Test
  void retryDelaysWaitForAdvanceAndRunInOrder() throws Exception {
    List<Duration> attemptsAt = new CopyOnWriteArrayList<>();
    Guard guard = runtime.guard("flaky")
        .retry(Retry.builder().maxAttempts(4).delay(Duration.ofMillis(100))
            .backoff(Backoff.EXPONENTIAL).build())
        .build();
    CompletableFuture<Result<Failure, String>> call = CompletableFuture.supplyAsync(() -> guard.call(() -> {
      attemptsAt.add(clock.elapsed());
      throw new IOException("down");
    }), runnable -> Thread.ofVirtual().start(runnable));

    clock.awaitSleepers(1);
    assertThat(attemptsAt).containsExactly(Duration.ZERO);
    clock.advance(Duration.ofMillis(99));
    assertThat(attemptsAt).as("a delay does not end early").hasSize(1);
    clock.advance(Duration.ofSeconds(10));

    assertThat(call.get(10, TimeUnit.SECONDS)).failedWith(IOException.class);
    assertThat(attemptsAt).containsExactly(
        Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(700));
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(10_099));
  }

  @Test
  void anAutoAdvancingClockRunsRetriesThroughOnTheCallingThread() {
    VirtualClock auto = VirtualClock.autoAdvancing();
    Guard guard = ScopeRuntime.builder().timeSource(auto).build().guard("flaky")
        .retry(Retry.builder().maxAttempts(3).delay(Duration.ofSeconds(30)).build())
        .build();
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();

    Result<Failure, Integer> result = guard.call(() -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("not yet");
      }
      return calls.get();
    });

    assertThat(result).hasValue(3);
    assertThat(auto.elapsed()).isEqualTo(Duration.ofMinutes(1));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCircuitBreakerResetTimeoutFollowsTheClock() {
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofSeconds(30)));
    Guard guard = runtime.guard("pay").circuitBreaker(breaker).build();
    for (int i = 0; i < 2; i++) {
      assertThat(guard.call(() -> {
        throw new IOException("down");
      })).failedWith(IOException.class);
    }
    assertThat(guard.call(() -> "paid")).isCircuitOpen();

    clock.advance(Duration.ofSeconds(29));
    assertThat(guard.call(() -> "paid")).isCircuitOpen();
    clock.advance(Duration.ofSeconds(1));
    assertThat(guard.call(() -> "paid")).hasValue("paid");
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void theInMemoryStoresTtlsAndWindowsFollowTheClock() {
    Lease lease = runtime.lockProvider().tryAcquire("report", Duration.ofMinutes(5)).orElseThrow();
    clock.advance(Duration.ofMinutes(4));
    assertThat(lease.isValid()).isTrue();
    assertThat(runtime.lockProvider().tryAcquire("report", Duration.ofMinutes(5))).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(lease.isValid()).as("expired at its TTL").isFalse();
    runtime.lockProvider().tryAcquire("report", Duration.ofMinutes(5)).orElseThrow().release();

    Guard limited = runtime.guard("search").rateLimit(2, Duration.ofHours(1)).build();
    assertThat(limited.call(() -> 1)).isOk();
    clock.advance(Duration.ofMinutes(59));
    assertThat(limited.call(() -> 2)).isOk();
    assertThat(limited.call(() -> 3)).isRateLimited()
        .hasErrorSatisfying(Failure.RateLimited.class, r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(1));
    assertThat(limited.call(() -> 4)).isOk();
  }

  @Test
  void aWaitingLockAcquireFollowsTheClock() throws Exception {
    runtime.lockProvider().tryAcquire("job", Duration.ofSeconds(10)).orElseThrow();
    CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        return runtime.lockProvider().acquire("job", Duration.ofSeconds(10), Duration.ofHours(1)).isPresent();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, runnable -> Thread.ofVirtual().start(runnable));
    Thread.sleep(20);
    assertThat(waiter).isNotDone();
    clock.advance(Duration.ofSeconds(10));
    assertThat(waiter.get(10, TimeUnit.SECONDS)).as("granted once the holder's TTL ran out").isTrue();
  }

  @Test
  void anInterruptedSleeperLeavesTheClockAlone() throws Exception {
    Thread sleeper = Thread.ofVirtual().start(() -> {
      try {
        clock.sleep(Duration.ofSeconds(1));
      } catch (InterruptedException expected) {
        // ends
      }
    });
    clock.awaitSleepers(1);
    sleeper.interrupt();
    sleeper.join();
    assertThat(clock.sleepers()).isZero();
    assertThat(clock.advanceToNext()).isFalse();
    assertThat(clock.elapsed()).isZero();
  }
}
