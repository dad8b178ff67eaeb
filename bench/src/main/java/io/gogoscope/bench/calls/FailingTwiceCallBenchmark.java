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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call that fails twice and succeeds on its third attempt, with no delay between attempts: what
 * each library's retry machinery costs when it works. Every variant makes exactly three attempts
 * per operation; the trial fails if one did not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class FailingTwiceCallBenchmark {

  private final Backend backend = new Backend();

  /** A field, read on every call, so no variant folds the call to a constant. */
  private int id = 1;

  /** How many times the body ran. */
  int attempts() {
    return backend.flakyCalls();
  }

  /** Fails the trial when a variant made other than three attempts per call. */
  @TearDown
  public void checkThreeAttemptsPerCall() {
    if (backend.flakyCalls() % CallPolicies.ATTEMPTS != 0) {
      throw new IllegalStateException(
          "the body ran " + backend.flakyCalls() + " times, not a multiple of "
              + CallPolicies.ATTEMPTS + ": some call made another number of attempts");
    }
  }

  /** A retry loop written by hand: what a careful person writes without a library. */
  @Benchmark
  public int direct_retry() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return backend.fetchFlaky(id);
      } catch (IOException e) {
        if (attempt >= CallPolicies.ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** {@code @Retry}. */
  @Benchmark
  public int gogoscope_retry(CallPeers peers) {
    return Outcomes.value(peers.gogoscopeRetry.call(() -> backend.fetchFlaky(id)));
  }

  /** {@code @Retry} + {@code @Timeout}. */
  @Benchmark
  public int gogoscope_retryTimeout(CallPeers peers) {
    return Outcomes.value(peers.gogoscopeRetryTimeout.call(() -> backend.fetchFlaky(id)));
  }

  @Benchmark
  public int resilience4j_retry(CallPeers peers) throws Exception {
    return peers.resilience4jRetry.executeCallable(() -> backend.fetchFlaky(id));
  }

  /** Resilience4j Retry around TimeLimiter; the body runs on a virtual thread (see {@link CallPolicies}). */
  @Benchmark
  public int resilience4j_retryTimeout(CallPeers peers) throws Exception {
    return peers.resilience4jRetry.executeCallable(
        () -> peers.resilience4jTimeLimiter.executeFutureSupplier(
            () -> peers.resilience4jExecutor.submit(() -> backend.fetchFlaky(id))));
  }

  @Benchmark
  public int failsafe_retry(CallPeers peers) {
    return peers.failsafeRetry.get(() -> backend.fetchFlaky(id));
  }

  @Benchmark
  public int failsafe_retryTimeout(CallPeers peers) {
    return peers.failsafeRetryTimeout.get(() -> backend.fetchFlaky(id));
  }

  @Benchmark
  public int smallrye_retry(CallPeers peers) throws Exception {
    return peers.smallryeRetry.call(() -> backend.fetchFlaky(id));
  }

  @Benchmark
  public int smallrye_retryTimeout(CallPeers peers) throws Exception {
    return peers.smallryeRetryTimeout.call(() -> backend.fetchFlaky(id));
  }
}
