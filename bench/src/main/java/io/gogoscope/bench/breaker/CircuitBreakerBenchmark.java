package io.gogoscope.bench.breaker;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.bench.calls.BenchService;
import io.gogoscope.bench.calls.ScopedBenchService;
import io.gogoscope.bench.infra.Outcomes;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * A successful call through a closed circuit breaker (gogoscope's from {@code @CircuitBreaker} on
 * {@link BenchService}, through generated code). Every breaker has the same configuration: it
 * opens when half of the last {@value #WINDOW} calls failed (judged once the window is full), stays
 * open {@link #OPEN_FOR}, then lets one trial call through, whose success closes it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class CircuitBreakerBenchmark {

  static final int WINDOW = BenchService.BREAKER_WINDOW;
  static final double FAILURE_RATIO = BenchService.BREAKER_FAILURE_RATIO;
  static final Duration OPEN_FOR = Duration.ofSeconds(30); // BenchService.BREAKER_OPEN_FOR

  private int id = 1;
  private ScopedBenchService gogoscope;
  private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
  private FailsafeExecutor<Integer> failsafe;
  private TypedGuard<Integer> smallrye;

  @Setup
  public void setUp() {
    gogoscope = ScopedBenchService.of(BenchService.of(this::fetch), ScopeRuntime.defaults());

    resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
        "bench",
        CircuitBreakerConfig.custom()
            .slidingWindowType(SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(WINDOW)
            .minimumNumberOfCalls(WINDOW)
            .failureRateThreshold((float) (FAILURE_RATIO * 100))
            .waitDurationInOpenState(OPEN_FOR)
            .permittedNumberOfCallsInHalfOpenState(1)
            .build());

    failsafe = Failsafe.with(
        dev.failsafe.CircuitBreaker.<Integer>builder()
            .withFailureThreshold((int) (WINDOW * FAILURE_RATIO), WINDOW)
            .withDelay(OPEN_FOR)
            .withSuccessThreshold(1)
            .build());

    smallrye = TypedGuard.create(Integer.class)
        .withCircuitBreaker()
        .requestVolumeThreshold(WINDOW)
        .failureRatio(FAILURE_RATIO)
        .delay(OPEN_FOR.toMillis(), ChronoUnit.MILLIS)
        .successThreshold(1)
        .done()
        .build();
  }

  private int fetch(int id) throws IOException {
    return id + 1;
  }

  /** The call without a breaker: the floor. */
  @Benchmark
  public int direct_none() throws IOException {
    return fetch(id);
  }

  @Benchmark
  public int gogoscope_circuitBreaker() {
    return Outcomes.value(gogoscope.fetchCircuitBreaker(id));
  }

  @Benchmark
  public int resilience4j_circuitBreaker() throws Exception {
    return resilience4j.executeCallable(() -> fetch(id));
  }

  @Benchmark
  public int failsafe_circuitBreaker() {
    return failsafe.get(() -> fetch(id));
  }

  @Benchmark
  public int smallrye_circuitBreaker() throws Exception {
    return smallrye.call(() -> fetch(id));
  }
}
