package io.gogoscope.bench.calls;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/**
 * The call benchmarks' interface: the gogoscope processor writes {@code ScopedBenchService} from it
 * when bench compiles, so the {@code gogoscope_*} variants run generated code, as users do. The
 * policies match the peers': for retries and timeouts those of {@link CallPolicies} (3 attempts, no
 * delay, retry on IOException, 1 s per attempt), for the breaker those below.
 */
@ScopeTask(name = "bench")
public interface BenchService {

  /** The circuit breakers' count window: the last this many calls. */
  int BREAKER_WINDOW = 20;

  /** The share of failures in a full window that opens a breaker. */
  double BREAKER_FAILURE_RATIO = 0.5;

  /** How long an open breaker stays open. */
  String BREAKER_OPEN_FOR = "30s";

  /** No policies: what a bare {@code @ScopeTask} method costs. */
  int fetch(int id) throws IOException;

  /** {@code @Retry}. */
  @Retry(attempts = CallPolicies.ATTEMPTS, retryOn = IOException.class)
  int fetchRetry(int id) throws IOException;

  /** {@code @Retry} + {@code @Timeout}. */
  @Retry(attempts = CallPolicies.ATTEMPTS, retryOn = IOException.class)
  @Timeout(CallPolicies.TIMEOUT_TEXT)
  int fetchRetryTimeout(int id) throws IOException;

  /** {@code @CircuitBreaker}, configured as every peer's breaker in the breaker benchmark. */
  @CircuitBreaker(
      name = "bench",
      failureRatio = BREAKER_FAILURE_RATIO,
      minimumCalls = BREAKER_WINDOW,
      windowSize = BREAKER_WINDOW,
      resetTimeout = BREAKER_OPEN_FOR,
      halfOpenPermits = 1,
      successThreshold = 1)
  int fetchCircuitBreaker(int id) throws IOException;

  /** Implements every method with {@code body}. */
  static BenchService of(Body body) {
    return new BenchService() {
      @Override
      public int fetch(int id) throws IOException {
        return body.call(id);
      }

      @Override
      public int fetchRetry(int id) throws IOException {
        return body.call(id);
      }

      @Override
      public int fetchRetryTimeout(int id) throws IOException {
        return body.call(id);
      }

      @Override
      public int fetchCircuitBreaker(int id) throws IOException {
        return body.call(id);
      }
    };
  }

  /** The work behind every method. */
  @FunctionalInterface
  interface Body {
    int call(int id) throws IOException;
  }
}
