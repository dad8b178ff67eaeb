package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * User code a guarded call runs in the middle of itself (a circuit-state listener, a retry listener,
 * an observer) may make guarded calls of its own on the same thread, which lock, fail and retry. The
 * outer call must still end with its own outcome and attempt count (issue 10 item 3: the outer call
 * threw "gogoscope bug: unknown failure kind 0" once its failure had been kept per thread).
 */
@Timeout(60)
class GuardReentrancyTest {
  private final List<String> innerOutcomes = new CopyOnWriteArrayList<>();

  /** A guarded call that takes a lock, fails twice, and gives up: what the hooks below make. */
  private Result<Failure, Object> failingInnerCall(ScopeRuntime runtime) {
    Guard inner = runtime.guard("inner")
        .lock(Duration.ofSeconds(5), Duration.ZERO)
        .retry(Retry.builder().maxAttempts(2).build())
        .build();
    Result<Failure, Object> result = inner.call(() -> {
      throw new IOException("inner fails");
    });
    innerOutcomes.add(result.toString());
    return result;
  }

  @Test
  void aStateListenerThatMakesAFailingGuardedCallLeavesTheOuterFailureIntact() {
    ScopeRuntime runtime = ScopeRuntime.builder().build();
    CircuitBreaker breaker = runtime.circuitBreaker("dependency", CircuitBreaker.Config.consecutiveFailures(1, Duration.ofMinutes(1)));
    breaker.onStateChange((name, from, to) -> failingInnerCall(runtime));
    Guard outer = runtime.guard("outer").circuitBreaker(breaker).build();

    Result<Failure, Object> result = outer.call(() -> {
      throw new IOException("outer fails");
    });

    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOfSatisfying(Failure.Thrown.class, thrown ->
            assertThat(thrown.cause()).hasMessage("outer fails")));
    assertThat(innerOutcomes).hasSize(1);
    assertThat(innerOutcomes.getFirst()).contains("inner fails");
    System.out.println("breaker listener making a failing locked call: outer " + result + ", inner "
        + innerOutcomes.getFirst());
  }

  @Test
  void aStateListenerCallingDuringRetriesKeepsTheOuterRetriesGoing() {
    ScopeRuntime runtime = ScopeRuntime.builder().build();
    CircuitBreaker breaker = runtime.circuitBreaker("flaky", CircuitBreaker.Config.consecutiveFailures(2, Duration.ofMinutes(1)));
    breaker.onStateChange((name, from, to) -> failingInnerCall(runtime));
    Guard outer = runtime.guard("outer").circuitBreaker(breaker)
        .retry(Retry.builder().maxAttempts(3).build()).build();
    AtomicInteger calls = new AtomicInteger();

    Result<Failure, Object> result = outer.call(() -> {
      throw new IOException("outer attempt " + calls.incrementAndGet());
    });

    // Attempt 2 opens the circuit (its listener's inner call fails), attempt 3 is refused.
    assertThat(result).isEqualTo(Result.err(new Failure.CircuitOpen("flaky")));
    assertThat(calls).hasValue(2);
    assertThat(innerOutcomes).hasSize(1);
  }

  @Test
  void retryListenersAndObserversThatCallGuardedMethodsLeaveTheOuterOutcomeAndCountIntact() {
    RecordingObserver recording = new RecordingObserver();
    ScopeRuntime[] holder = new ScopeRuntime[1];
    ScopeObserver reentrant = new ScopeObserver() {
      @Override
      public void lockOutcome(String name, LockOutcome outcome) {
        if (name.equals("outer") && outcome == LockOutcome.RELEASED) {
          failingInnerCall(holder[0]); // runs after the outer call's attempts, before it is reported
        }
      }
    };
    ScopeRuntime runtime = ScopeRuntime.builder().observer(reentrant).observer(recording).build();
    holder[0] = runtime;
    Guard outer = runtime.guard("outer")
        .lock(Duration.ofSeconds(5), Duration.ZERO)
        .retry(Retry.builder().maxAttempts(3)
            .onRetry((name, attempt, delay, error) -> failingInnerCall(runtime))
            .build())
        .build();
    AtomicInteger calls = new AtomicInteger();

    Result<Failure, Object> result = outer.call(() -> {
      throw new IOException("outer attempt " + calls.incrementAndGet());
    });

    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(((Failure.Thrown) err.error()).cause()).hasMessage("outer attempt 3"));
    assertThat(calls).hasValue(3);
    assertThat(innerOutcomes).hasSize(3); // two retry listeners, one lock release
    assertThat(recording.events("task finished")).contains("task finished outer exception attempts=3");
    System.out.println("retry listeners and an observer making " + innerOutcomes.size()
        + " failing locked calls: outer " + result + " after " + calls + " attempts");
  }

  @Test
  void aForkedGuardedCallWhoseListenerFailsStillCompletesWithItsOwnFailure() throws Exception {
    ScopeRuntime runtime = ScopeRuntime.builder().build();
    CircuitBreaker breaker = runtime.circuitBreaker("forked", CircuitBreaker.Config.consecutiveFailures(1, Duration.ofMinutes(1)));
    breaker.onStateChange((name, from, to) -> failingInnerCall(runtime));
    Guard outer = runtime.guard("outer").circuitBreaker(breaker).build();
    try (Scope scope = runtime.scope("reentrant").open()) {
      Task<Failure, Object> task = outer.fork(scope, () -> {
        throw new IOException("forked fails");
      }, ErrorMapper.failure());
      Result<Failure, Object> result = task.join();
      assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(((Failure.Thrown) err.error()).cause()).hasMessage("forked fails"));
    }
    assertThat(innerOutcomes).hasSize(1);
  }
}
