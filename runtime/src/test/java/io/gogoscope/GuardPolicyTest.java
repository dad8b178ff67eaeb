package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.annotations.Backoff;
import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import io.gogoscope.store.StoreException;
import io.gogoscope.testing.ManualTimeSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The guard's policies, each on its own and in their fixed order. Delays run on a manual clock. */
@Timeout(60)
class GuardPolicyTest {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final ManualTimeSource clock = new ManualTimeSource();
  private final RecordingObserver observer = new RecordingObserver();
  private final FakeStores.RateLimits rateLimits = new FakeStores.RateLimits(log, clock);
  private final FakeStores.Locks locks = new FakeStores.Locks(log);
  private final ScopeRuntime runtime = ScopeRuntime.builder().nameThreads(true)
      .timeSource(clock)
      .observer(observer)
      .rateLimitStore(rateLimits)
      .lockProvider(locks)
      .build();

  @Test
  void retriesCountAttemptsAndWaitTheBackoffOnTheClock() {
    Guard guard = runtime.guard("flaky").retry(Retry.builder()
        .maxAttempts(4).delay(Duration.ofMillis(100)).backoff(Backoff.EXPONENTIAL).build()).build();
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, String> result = guard.call(() -> {
      if (calls.incrementAndGet() < 4) {
        throw new IOException("try " + calls.get());
      }
      return "fourth time lucky";
    });
    assertThat(result).isEqualTo(Result.ok("fourth time lucky"));
    assertThat(calls).hasValue(4);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    assertThat(observer.events("task finished")).containsExactly("task finished flaky ok attempts=4");
    assertThat(observer.events("task retrying")).containsExactly(
        "task retrying flaky after attempt 1 in PT0.1S: exception",
        "task retrying flaky after attempt 2 in PT0.2S: exception",
        "task retrying flaky after attempt 3 in PT0.4S: exception");
  }

  @Test
  void whenAttemptsRunOutTheLastFailureIsTheResult() {
    Guard guard = runtime.guard("down").retry(Retry.builder()
        .maxAttempts(3).delay(Duration.ofSeconds(1)).backoff(Backoff.LINEAR).build()).build();
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, Object> result = guard.call(() -> {
      throw new IOException("attempt " + calls.incrementAndGet());
    });
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause()).hasMessage("attempt 3"));
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(observer.outcomes).singleElement().satisfies(o -> assertThat(o.attempts()).isEqualTo(3));
  }

  @Test
  void onlyRetryableFailuresAreRetried() {
    Guard guard = runtime.guard("picky").retry(Retry.builder()
        .maxAttempts(5).retryOn(IOException.class).abortOn(java.io.FileNotFoundException.class).build()).build();
    AtomicInteger calls = new AtomicInteger();
    guard.call(() -> {
      calls.incrementAndGet();
      throw new IllegalStateException("not an I/O error");
    });
    assertThat(calls).hasValue(1);
    calls.set(0);
    guard.call(() -> {
      calls.incrementAndGet();
      throw new java.io.FileNotFoundException("aborts");
    });
    assertThat(calls).hasValue(1);
    calls.set(0);
    guard.call(() -> {
      calls.incrementAndGet();
      throw new InterruptedException("interruptions are never retried");
    });
    assertThat(Thread.interrupted()).isTrue();
    assertThat(calls).hasValue(1);
  }

  @Test
  void retryListenersHearEveryRetryAndABrokenOneChangesNothing() {
    List<String> heard = new CopyOnWriteArrayList<>();
    Guard guard = runtime.guard("heard").retry(Retry.builder()
        .maxAttempts(3).delay(Duration.ofMillis(10))
        .onRetry((call, attempt, delay, failure) -> heard.add(call + " " + attempt + " " + delay + " " + failure.kind()))
        .onRetry((call, attempt, delay, failure) -> {
          throw new IllegalStateException("broken hook");
        })
        .build()).build();
    Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
    try {
      AtomicInteger calls = new AtomicInteger();
      assertThat(guard.call(() -> {
        if (calls.incrementAndGet() < 3) {
          throw new IOException();
        }
        return "ok";
      })).isEqualTo(Result.ok("ok"));
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(previous);
    }
    assertThat(heard).containsExactly("heard 1 PT0.01S exception", "heard 2 PT0.01S exception");
    assertThat(reported).hasSize(2);
  }

  @Test
  void aRetryPredicateThatThrowsEndsTheCallWithoutLosingTheFailure() {
    IOException original = new IOException("original");
    IllegalStateException broken = new IllegalStateException("broken predicate");
    Guard guard = runtime.guard("predicate").retry(Retry.builder().maxAttempts(3).retryIf(e -> {
      throw broken;
    }).build()).build();
    Result<Failure, Object> result = guard.call(() -> {
      throw original;
    });
    assertThat(result).isEqualTo(Result.err(new Failure.Thrown(broken)));
    assertThat(broken.getSuppressed()).containsExactly(original);
  }

  @Test
  void timedOutAttemptsAreRetriedUnlessTurnedOff() {
    AtomicInteger calls = new AtomicInteger();
    Guard retried = runtime.guard("slow-then-fast")
        .retry(Retry.builder().maxAttempts(3).delay(Duration.ofMillis(5)).build())
        .timeout(Duration.ofMillis(50))
        .build();
    Result<Failure, String> result = retried.call(() -> {
      if (calls.incrementAndGet() == 1) {
        Thread.sleep(30_000);
      }
      return "fast";
    });
    assertThat(result).isEqualTo(Result.ok("fast"));
    assertThat(calls).hasValue(2);
    assertThat(Thread.interrupted()).isFalse();

    calls.set(0);
    Guard notRetried = runtime.guard("slow")
        .retry(Retry.builder().maxAttempts(3).retryOnTimeout(false).build())
        .timeout(Duration.ofMillis(50))
        .build();
    assertThat(notRetried.call(() -> {
      calls.incrementAndGet();
      Thread.sleep(30_000);
      return "late";
    })).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(50))));
    assertThat(calls).hasValue(1);
  }

  @Test
  void theOverallTimeoutBoundsRetriesAndTheirDelays() {
    ScopeRuntime realTime = ScopeRuntime.builder().build();
    Guard guard = realTime.guard("budget")
        .retry(Retry.builder().maxAttempts(100).delay(Duration.ofMillis(40)).build())
        .overallTimeout(Duration.ofMillis(150))
        .build();
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    Result<Failure, Object> result = guard.call(() -> {
      calls.incrementAndGet();
      throw new IOException("always");
    });
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(150))));
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(150)).isLessThan(Duration.ofSeconds(10));
    assertThat(calls.get()).isBetween(1, 5);
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void theOverallTimeoutStopsAnAttemptThatWouldOutliveIt() {
    Guard guard = ScopeRuntime.builder().build().guard("both")
        .overallTimeout(Duration.ofMillis(80))
        .timeout(Duration.ofSeconds(20))
        .build();
    assertThat(guard.call(() -> {
      Thread.sleep(30_000);
      return "late";
    })).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(80))));
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void thePolicyOrderIsObservable() {
    Bulkhead bulkhead = Bulkhead.of(1, Duration.ZERO);
    ScopeRuntime ordered = ScopeRuntime.builder()
        .timeSource(new TimeSource() {
          @Override
          public long nanoTime() {
            return clock.nanoTime();
          }

          @Override
          public Instant now() {
            return clock.now();
          }

          @Override
          public void sleep(Duration duration) throws InterruptedException {
            log.add("retry delay " + duration.toMillis() + " ms (lock held: " + locks.held.get()
                + ", bulkhead slots free: " + bulkhead.available() + ")");
            clock.sleep(duration);
          }
        })
        .rateLimitStore(rateLimits)
        .lockProvider(locks)
        .build();
    CircuitBreaker breaker = ordered.circuitBreaker("downstream", CircuitBreaker.Config.consecutiveFailures(5, Duration.ofSeconds(30)));
    Guard guard = ordered.guard("ordered")
        .overallTimeout(Duration.ofSeconds(20))
        .rateLimit(10, Duration.ofMinutes(1))
        .lock(Duration.ofSeconds(30), Duration.ZERO)
        .retry(Retry.builder().maxAttempts(2).delay(Duration.ofMillis(100)).build())
        .circuitBreaker(breaker)
        .bulkhead(bulkhead)
        .timeout(Duration.ofSeconds(10))
        .build();
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, String> result = guard.call(
        new CallContext("order:7", "user:3", io.gogoscope.observe.TaskInfo.TaskAttributes.NONE),
        () -> {
          log.add("attempt " + calls.incrementAndGet() + " (lock held: " + locks.held.get()
              + ", bulkhead slots free: " + bulkhead.available() + ")");
          if (calls.get() == 1) {
            throw new IOException("first attempt fails");
          }
          return "done";
        },
        ErrorMapper.failure());
    assertThat(result).isEqualTo(Result.ok("done"));
    assertThat(log).containsExactly(
        "rate limit user:3 10/PT1M",
        "lock try order:7 ttl PT30S",
        "attempt 1 (lock held: true, bulkhead slots free: 0)",
        "retry delay 100 ms (lock held: true, bulkhead slots free: 1)",
        "attempt 2 (lock held: true, bulkhead slots free: 0)",
        "lock released order:7");
  }

  @Test
  void aRefusedRateLimitTakesNoLockAndRunsNothing() {
    rateLimits.admit.set(false);
    Guard guard = runtime.guard("limited").rateLimit(1, Duration.ofSeconds(1)).lock(Duration.ofSeconds(1), Duration.ZERO).build();
    Result<Failure, String> result = guard.call(() -> "ran");
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err -> {
      Failure.RateLimited limited = (Failure.RateLimited) err.error();
      assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    });
    assertThat(log).containsExactly("rate limit limited 1/PT1S");
    assertThat(observer.events("rate limit")).containsExactly("rate limit limited refused");
    assertThat(observer.events("task finished")).containsExactly("task finished limited rate_limited attempts=0");
  }

  @Test
  void aHeldLockIsUnavailableAndAWaitingLockWaits() {
    locks.free.set(false);
    Guard skipping = runtime.guard("exclusive").lock(Duration.ofSeconds(30), Duration.ZERO).build();
    assertThat(skipping.call(() -> "ran")).isEqualTo(Result.err(new Failure.LockUnavailable("exclusive")));
    Guard waiting = runtime.guard("patient").lock(Duration.ofSeconds(30), Duration.ofSeconds(2)).build();
    assertThat(waiting.call(() -> "ran")).isEqualTo(Result.err(new Failure.LockUnavailable("patient")));
    assertThat(log).containsExactly("lock try exclusive ttl PT30S", "lock wait patient ttl PT30S up to PT2S");
    assertThat(observer.events("lock")).containsExactly("lock exclusive UNAVAILABLE", "lock patient UNAVAILABLE");
    locks.free.set(true);
    assertThat(skipping.call(() -> "ran")).isEqualTo(Result.ok("ran"));
    assertThat(observer.events("lock")).endsWith("lock exclusive ACQUIRED", "lock exclusive RELEASED");
  }

  @Test
  void aLostLeaseIsReported() {
    Guard guard = runtime.guard("short-lease").lock(Duration.ofSeconds(30), Duration.ZERO).build();
    assertThat(guard.call(() -> {
      locks.held.set(false); // expired while the call ran
      return "done";
    })).isEqualTo(Result.ok("done"));
    assertThat(observer.events("lock")).containsExactly("lock short-lease ACQUIRED", "lock short-lease LOST");
  }

  @Test
  void storeFailuresAreTheCallsUnexpectedErrors() {
    rateLimits.broken.set(true);
    Guard limited = runtime.guard("limited").rateLimit(1, Duration.ofSeconds(1)).build();
    assertThat(limited.call(() -> "ran")).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause()).isInstanceOf(StoreException.class));
    locks.broken.set(true);
    Guard locked = runtime.guard("locked").lock(Duration.ofSeconds(1), Duration.ZERO).build();
    assertThat(locked.call(() -> "ran")).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause()).hasMessage("lock store unreachable"));
    assertThat(observer.events("lock")).containsExactly("lock locked ERROR");
  }

  @Test
  void anOpenCircuitRefusesAndStopsRetriesAtOnce() {
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofSeconds(30)));
    Guard guard = runtime.guard("pay").retry(Retry.builder().maxAttempts(5).build()).circuitBreaker(breaker).build();
    AtomicInteger calls = new AtomicInteger();
    Result<Failure, Object> result = guard.call(() -> {
      calls.incrementAndGet();
      throw new IOException("declined");
    });
    assertThat(result).isEqualTo(Result.err(new Failure.CircuitOpen("payments")));
    assertThat(calls).as("two failures open it; the third attempt is refused, not retried").hasValue(2);
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    assertThat(guard.call(() -> "not called")).isEqualTo(Result.err(new Failure.CircuitOpen("payments")));
    assertThat(observer.events("circuit")).containsExactly("circuit payments CLOSED -> OPEN");
    clock.advance(Duration.ofSeconds(31));
    assertThat(guard.call(() -> "recovered")).isEqualTo(Result.ok("recovered"));
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void cancellationsDoNotCountAgainstTheCircuit() throws Exception {
    CircuitBreaker breaker = runtime.circuitBreaker("fragile", CircuitBreaker.Config.consecutiveFailures(1, Duration.ofSeconds(30)));
    Guard guard = runtime.guard("fragile-call").circuitBreaker(breaker).build();
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = runtime.scope("s").open()) {
      Task<Failure, Result<Failure, Object>> task = scope.fork(() -> guard.call(() -> {
        started.countDown();
        return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      }));
      started.await();
      scope.cancel("shutdown");
      assertThat(task.join()).isEqualTo(Result.ok(Result.err(new Failure.Cancelled(new CancelReason.Requested("shutdown")))));
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aFullBulkheadRefuses() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, Duration.ZERO);
    Guard guard = runtime.guard("narrow").bulkhead(bulkhead).build();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    try (Scope scope = runtime.scope("s").open()) {
      Task<Failure, Result<Failure, Boolean>> occupant = scope.fork(() -> guard.call(() -> {
        inside.countDown();
        return leave.await(30, TimeUnit.SECONDS);
      }));
      inside.await();
      assertThat(guard.call(() -> true)).isEqualTo(Result.err(new Failure.BulkheadFull(1)));
      leave.countDown();
      assertThat(occupant.join()).isEqualTo(Result.ok(Result.ok(true)));
    }
    assertThat(guard.call(() -> true)).isEqualTo(Result.ok(true));
  }

  @Test
  void aScopeDeadlineCancelsARetryingCall() {
    ScopeRuntime realTime = ScopeRuntime.builder().build();
    Guard guard = realTime.guard("persistent")
        .retry(Retry.builder().maxAttempts(1_000).delay(Duration.ofMillis(20)).build())
        .build();
    try (Scope scope = realTime.scope("request").timeout(Duration.ofMillis(100)).open()) {
      Result<Failure, Object> result = guard.call(() -> {
        throw new IOException("still down");
      });
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
          new CancelReason.ScopeTimedOut("request", Duration.ofMillis(100)))));
      assertThat(scope.isCancelled()).isTrue();
    }
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aForkedGuardedCallReportsItsRetriesToItsTask() {
    Guard guard = runtime.guard("forked").retry(Retry.builder().maxAttempts(2).build()).build();
    AtomicInteger calls = new AtomicInteger();
    try (Scope scope = runtime.scope("s").open()) {
      assertThat(guard.fork(scope, () -> {
        if (calls.incrementAndGet() == 1) {
          throw new IOException();
        }
        return "second";
      }, ErrorMapper.failure()).join()).isEqualTo(Result.ok("second"));
    }
    assertThat(observer.events("task")).containsExactly(
        "task started forked in s on s-forked-0",
        "task current forked",
        "task retrying forked after attempt 1 in PT0S: exception",
        "task restored forked",
        "task finished forked ok attempts=2");
    assertThat(observer.tasks).singleElement().satisfies(info -> assertThat(info.hasRetry()).isTrue());
  }

  @Test
  void oneBreakerPerNameAndOneConfigPerBreaker() {
    CircuitBreaker.Config config = CircuitBreaker.Config.consecutiveFailures(3, Duration.ofSeconds(10));
    CircuitBreaker first = runtime.circuitBreaker("inventory", config);
    assertThat(runtime.circuitBreaker("inventory", CircuitBreaker.Config.consecutiveFailures(3, Duration.ofSeconds(10)))).isSameAs(first);
    assertThatThrownBy(() -> runtime.circuitBreaker("inventory", CircuitBreaker.Config.consecutiveFailures(4, Duration.ofSeconds(10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("circuit breaker 'inventory' already exists");
  }

  @Test
  void builderRejectsNonsenseWithMessages() {
    assertThatThrownBy(() -> runtime.guard(" ")).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> runtime.guard("g").timeout(Duration.ZERO)).hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> runtime.guard("g").overallTimeout(Duration.ofSeconds(-1))).hasMessageContaining("overall timeout");
    assertThatThrownBy(() -> runtime.guard("g").rateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1 call");
    assertThatThrownBy(() -> runtime.guard("g").lock(Duration.ofSeconds(1), Duration.ofSeconds(-1))).hasMessageContaining("lock wait");
  }
}
