package io.gogoscope.bench.calls;

import io.gogoscope.bench.infra.Outcomes;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call that succeeds at once, guarded by each library: what every call pays when nothing goes
 * wrong. Method names are {@code <library>_<policies>}; the report compares equal policies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class SuccessfulCallBenchmark {

  private final Backend backend = new Backend();

  /** A field, read on every call, so no variant folds the call to a constant. */
  private int id = 1;

  /** The call with no guard at all: the floor. */
  @Benchmark
  public int direct_none() throws IOException {
    return backend.fetch(id);
  }

  /** A retry loop written by hand: what a careful person writes without a library. */
  @Benchmark
  public int direct_retry() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return backend.fetch(id);
      } catch (IOException e) {
        if (attempt >= CallPolicies.ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** A {@code @ScopeTask} method without policies. */
  @Benchmark
  public int gogoscope_none(CallPeers peers) {
    return Outcomes.value(peers.gogoscopeNone.call(() -> backend.fetch(id)));
  }

  /** {@code @Retry}. */
  @Benchmark
  public int gogoscope_retry(CallPeers peers) {
    return Outcomes.value(peers.gogoscopeRetry.call(() -> backend.fetch(id)));
  }

  /** {@code @Retry} + {@code @Timeout}. */
  @Benchmark
  public int gogoscope_retryTimeout(CallPeers peers) {
    return Outcomes.value(peers.gogoscopeRetryTimeout.call(() -> backend.fetch(id)));
  }

  @Benchmark
  public int resilience4j_retry(CallPeers peers) throws Exception {
    return peers.resilience4jRetry.executeCallable(() -> backend.fetch(id));
  }

  /** Resilience4j Retry around TimeLimiter; the body runs on a virtual thread (see {@link CallPolicies}). */
  @Benchmark
  public int resilience4j_retryTimeout(CallPeers peers) throws Exception {
    return peers.resilience4jRetry.executeCallable(
        () -> peers.resilience4jTimeLimiter.executeFutureSupplier(
            () -> peers.resilience4jExecutor.submit(() -> backend.fetch(id))));
  }

  @Benchmark
  public int failsafe_retry(CallPeers peers) {
    return peers.failsafeRetry.get(() -> backend.fetch(id));
  }

  @Benchmark
  public int failsafe_retryTimeout(CallPeers peers) {
    return peers.failsafeRetryTimeout.get(() -> backend.fetch(id));
  }

  @Benchmark
  public int smallrye_retry(CallPeers peers) throws Exception {
    return peers.smallryeRetry.call(() -> backend.fetch(id));
  }

  @Benchmark
  public int smallrye_retryTimeout(CallPeers peers) throws Exception {
    return peers.smallryeRetryTimeout.call(() -> backend.fetch(id));
  }
}
