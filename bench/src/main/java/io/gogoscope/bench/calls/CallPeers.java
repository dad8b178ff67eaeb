package io.gogoscope.bench.calls;

import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peers' guards for the call benchmarks, built once per trial as an application builds them
 * once per method, all configured by {@link CallPolicies}. (gogoscope's are in the generated
 * {@code ScopedBenchService}, which each benchmark builds around its own body.)
 */
@State(Scope.Benchmark)
public class CallPeers {

  Retry resilience4jRetry;
  TimeLimiter resilience4jTimeLimiter;
  ExecutorService resilience4jExecutor;
  FailsafeExecutor<Integer> failsafeRetry;
  FailsafeExecutor<Integer> failsafeRetryTimeout;
  TypedGuard<Integer> smallryeRetry;
  TypedGuard<Integer> smallryeRetryTimeout;

  /** Builds every guard. */
  @Setup
  public void setUp() {
    resilience4jRetry = CallPolicies.resilience4jRetry();
    resilience4jTimeLimiter = CallPolicies.resilience4jTimeLimiter();
    resilience4jExecutor = Executors.newVirtualThreadPerTaskExecutor();
    failsafeRetry = CallPolicies.failsafeRetry();
    failsafeRetryTimeout = CallPolicies.failsafeRetryTimeout();
    smallryeRetry = CallPolicies.smallryeRetry();
    smallryeRetryTimeout = CallPolicies.smallryeRetryTimeout();
  }

  /** Stops the executor Resilience4j's timeout needs. */
  @TearDown
  public void tearDown() {
    resilience4jExecutor.close();
  }
}
