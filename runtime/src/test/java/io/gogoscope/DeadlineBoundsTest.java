package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.policy.Retry;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.Lease;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A deadline bounds everything a guarded call does (issue 10 item 2). Bounds are generous: the
 * machine is shared and noisy, and each case failed by seconds (or forever) before the fix.
 * Measured durations are printed for the README.
 */
@Timeout(30)
class DeadlineBoundsTest {

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void aLockWaitEndsAtTheScopeDeadline() throws Exception {
    InMemoryLockProvider locks = new InMemoryLockProvider();
    ScopeRuntime runtime = ScopeRuntime.builder().lockProvider(locks).build();
    Lease held = locks.tryAcquire("busy", Duration.ofMinutes(1)).orElseThrow();
    Guard guard = runtime.guard("waiter").lock(Duration.ofMinutes(1), Duration.ofSeconds(5)).build();
    Result<Failure, Object> result;
    long start = System.nanoTime();
    try (Scope scope = runtime.scope("request").timeout(Duration.ofMillis(300)).open()) {
      result = guard.call(new CallContext("busy", null, null), () -> "never", ErrorMapper.failure());
    }
    long took = millisSince(start);
    System.out.println("lock maxWait 5 s inside a 300 ms scope: " + took + " ms");
    assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
        new CancelReason.ScopeTimedOut("request", Duration.ofMillis(300)))));
    assertThat(took).isBetween(250L, 2_500L);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    held.release();
  }

  @Test
  void aRetryDelayEndsAtTheScopeDeadline() {
    Guard guard = ScopeRuntime.defaults().guard("patient")
        .retry(Retry.builder().maxAttempts(3).delay(Duration.ofSeconds(2)).build()).build();
    Result<Failure, Object> result;
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("request").timeout(Duration.ofMillis(300)).open()) {
      result = guard.call(() -> {
        throw new IOException("down");
      });
    }
    long took = millisSince(start);
    System.out.println("retry delay 2 s inside a 300 ms scope: " + took + " ms");
    assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
        new CancelReason.ScopeTimedOut("request", Duration.ofMillis(300)))));
    assertThat(took).isBetween(250L, 1_500L);
  }

  @Test
  @Timeout(20)
  void anOverallTimeoutStopsEndlessInstantRetries() {
    Guard guard = ScopeRuntime.defaults().guard("endless")
        .retry(Retry.builder().maxAttempts(Integer.MAX_VALUE).build())
        .overallTimeout(Duration.ofMillis(100)).build();
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    Result<Failure, Object> result = guard.call(() -> {
      calls.incrementAndGet();
      throw new IOException("instant");
    });
    long took = millisSince(start);
    System.out.println("Integer.MAX_VALUE instant attempts under a 100 ms overall timeout: " + took + " ms, "
        + calls.get() + " attempts");
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(100))));
    assertThat(took).isBetween(90L, 1_000L);
  }

  @Test
  void anOverallTimeoutStopsSlowFailingAttempts() {
    Guard guard = ScopeRuntime.defaults().guard("slow")
        .retry(Retry.builder().maxAttempts(50).build())
        .overallTimeout(Duration.ofMillis(100)).build();
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    Result<Failure, Object> result = guard.call(() -> {
      calls.incrementAndGet();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // ignores the interrupt, as CPU-bound work does
      }
      throw new IOException("slow failure");
    });
    long took = millisSince(start);
    System.out.println("50 attempts of 20 ms under a 100 ms overall timeout: " + took + " ms, "
        + calls.get() + " attempts");
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(100))));
    assertThat(took).isBetween(90L, 600L);
  }

  @Test
  void aScopeOpenedInsideAGuardedCallInheritsTheRemainingBudget() {
    Guard guard = ScopeRuntime.defaults().guard("budgeted").timeout(Duration.ofMillis(100)).build();
    Result<Failure, Optional<Duration>> result = guard.call(() -> {
      try (Scope inner = Scope.open("inner")) {
        return inner.remaining();
      }
    });
    Optional<Duration> remaining = ((Result.Ok<Failure, Optional<Duration>>) result).value();
    assertThat(remaining).hasValueSatisfying(left ->
        assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100)));
  }

  @Test
  void aScopeOpenedInsideAGuardedCallStopsItsWorkWithTheCall() {
    Guard guard = ScopeRuntime.defaults().guard("budgeted").timeout(Duration.ofMillis(100)).build();
    long start = System.nanoTime();
    Result<Failure, Object> result = guard.call(() -> {
      try (Scope inner = Scope.open("inner")) {
        return inner.fork(() -> {
          Thread.sleep(5_000);
          return "late";
        }).join();
      }
    });
    long took = millisSince(start);
    // The inner scope inherited the call's 100 ms, so two deadlines fall due at the same instant:
    // the guard's (the call ends TimedOut) or the inner scope's (the join ends with the fork
    // cancelled by ScopeTimedOut, which the body returns). Either way the work stops with the call.
    assertThat(result).satisfiesAnyOf(
        r -> assertThat(r).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(100)))),
        r -> assertThat(r.toString()).contains("ScopeTimedOut[scope=inner"));
    assertThat(took).isLessThan(2_000L);
  }

  @Test
  void aScopeOpenedInsideAForkedGuardedCallInheritsTheRemainingBudget() throws Exception {
    Guard guard = ScopeRuntime.defaults().guard("forked").timeout(Duration.ofMillis(100)).build();
    try (Scope outer = Scope.open("outer")) {
      Result<Failure, Optional<Duration>> result = guard.fork(outer, () -> {
        try (Scope inner = Scope.open("inner")) {
          return inner.remaining();
        }
      }, ErrorMapper.failure()).join();
      Optional<Duration> remaining = ((Result.Ok<Failure, Optional<Duration>>) result).value();
      assertThat(remaining).hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(100)));
    }
  }

  @Test
  void aTaskThatThrowsARawThrowableCompletesWithATypedFailure() throws Exception {
    int liveBefore = TaskThreads.live();
    Result<Failure, Object> result;
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("raw").closeGrace(Duration.ofSeconds(5)).open()) {
      Task<Failure, Object> task = scope.fork(() -> {
        throw DeadlineBoundsTest.<RuntimeException>sneaky(new Throwable("neither Exception nor Error"));
      });
      // join on a helper, so that a join that never returns (the old behaviour) fails the test
      result = CompletableFuture.supplyAsync(task::join).get(10, TimeUnit.SECONDS);
    }
    assertThat(millisSince(start)).isLessThan(2_000L); // close found no straggler
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause())
            .isInstanceOf(UndeclaredThrowableException.class)
            .hasRootCauseMessage("neither Exception nor Error"));
    assertThat(TaskThreads.live()).isLessThanOrEqualTo(liveBefore);
  }

  @Test
  void closingAParentClosesAChildScopeStillOpenOnAnotherThread() throws Exception {
    CountDownLatch childOpen = new CountDownLatch(1);
    AtomicReference<Scope> child = new AtomicReference<>();
    AtomicReference<Task<Failure, Object>> sleeper = new AtomicReference<>();
    Scope parent = Scope.open("parent");
    Thread opener = Thread.ofPlatform().start(() -> {
      Scope kid = Scope.builder("child").parent(parent).open(); // left open on purpose
      child.set(kid);
      sleeper.set(kid.fork(() -> {
        Thread.sleep(10_000);
        return "late";
      }));
      childOpen.countDown();
    });
    assertThat(childOpen.await(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    parent.close();
    assertThat(millisSince(start)).isLessThan(5_000L);
    assertThat(sleeper.get().isDone()).isTrue(); // the child's task did not outlive the parent's close
    assertThat(child.get().isClosed()).isTrue();
    assertThat(sleeper.get().join()).isInstanceOf(Result.Err.class);
    opener.join();
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }
}
