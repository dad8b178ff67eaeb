package io.gogoscope.bench.breaker;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.gogoscope.Guard;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.bench.infra.Outcomes;
import io.gogoscope.policy.CircuitBreaker;
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
 * A successful call through a closed circuit breaker. Every breaker has the same configuration: it
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

  static final int WINDOW = 20;
  static final double FAILURE_RATIO = 0.5;
  static final Duration OPEN_FOR = Duration.ofSeconds(30);

  private int id = 1;
  private Guard gogoscope;
  private io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j;
  private FailsafeExecutor<Integer> failsafe;
  private TypedGuard<Integer> smallrye;

  @Setup
  public void setUp() {
    ScopeRuntime runtime = ScopeRuntime.defaults();
    CircuitBreaker breaker = runtime.circuitBreaker(
        "bench",
        new CircuitBreaker.Config(
            (int) (WINDOW * FAILURE_RATIO), FAILURE_RATIO, WINDOW, WINDOW, OPEN_FOR, 1, 1, false));
    gogoscope = runtime.guard("bench.circuitBreaker").circuitBreaker(breaker).build();

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
    return Outcomes.value(gogoscope.call(() -> fetch(id)));
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
