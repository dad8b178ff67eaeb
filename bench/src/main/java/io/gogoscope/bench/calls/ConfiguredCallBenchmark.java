package io.gogoscope.bench.calls;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.bench.infra.Outcomes;
import io.gogoscope.config.ConfigSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What configuration overrides cost per call: the generated {@code @Retry} and {@code @Retry} +
 * {@code @Timeout} methods of {@link BenchService} on a runtime without overrides and on one whose
 * overrides change every value they have (to the same policies' shape: 3 attempts, a 1 s timeout,
 * written as properties). Overrides are applied while the guard is built, so the two should be
 * within error of each other, at 0 B per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class ConfiguredCallBenchmark {

  private ScopedBenchService annotated;
  private ScopedBenchService configured;
  private final Backend backend = new Backend();

  /** A field, read on every call, so no variant folds the call to a constant. */
  int id = 1;

  @Setup
  public void buildServices() {
    BenchService service = BenchService.of(backend::fetch);
    annotated = ScopedBenchService.of(service, ScopeRuntime.builder().config(ConfigSource.none()).build());
    ScopeRuntime overridden = ScopeRuntime.builder().config(ConfigSource.of(Map.of(
        "gogoscope.tasks.\"bench.fetchRetry\".retry.max-attempts", String.valueOf(CallPolicies.ATTEMPTS),
        "gogoscope.tasks.\"bench.fetchRetryTimeout\".retry.max-attempts", String.valueOf(CallPolicies.ATTEMPTS),
        "gogoscope.tasks.\"bench.fetchRetryTimeout\".timeout.value", CallPolicies.TIMEOUT_TEXT,
        "gogoscope.circuit-breakers.bench.window-size", String.valueOf(BenchService.BREAKER_WINDOW))))
        .build();
    configured = ScopedBenchService.of(service, overridden);
  }

  /** {@code @Retry}, annotation values. */
  @Benchmark
  public int gogoscope_retry() {
    return Outcomes.value(annotated.fetchRetry(id));
  }

  /** {@code @Retry}, every value given by configuration overrides. */
  @Benchmark
  public int gogoscopeConfigured_retry() {
    return Outcomes.value(configured.fetchRetry(id));
  }

  /** {@code @Retry} + {@code @Timeout}, annotation values. */
  @Benchmark
  public int gogoscope_retryTimeout() {
    return Outcomes.value(annotated.fetchRetryTimeout(id));
  }

  /** {@code @Retry} + {@code @Timeout}, every value given by configuration overrides. */
  @Benchmark
  public int gogoscopeConfigured_retryTimeout() {
    return Outcomes.value(configured.fetchRetryTimeout(id));
  }
}
