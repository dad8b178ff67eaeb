package io.gogoscope.bench.calls;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * One place that configures every library the same way, so the call benchmarks compare equal
 * work: {@value #ATTEMPTS} attempts, no delay between them, retry on {@link IOException} only, and
 * (for the timeout variants) {@link #TIMEOUT} per attempt. No listeners, no metrics, no jitter.
 * gogoscope's side is {@link BenchService}'s annotations, turned into code by the processor.
 */
final class CallPolicies {

  /** Attempts per call, the first included. */
  static final int ATTEMPTS = 3;

  /** Per-attempt timeout as {@code @Timeout} spells it. */
  static final String TIMEOUT_TEXT = "1s";

  /** Per-attempt timeout; it never fires in these benchmarks (the body takes nanoseconds). */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private CallPolicies() {}

  static Retry resilience4jRetry() {
    return Retry.of(
        "bench",
        RetryConfig.custom()
            .maxAttempts(ATTEMPTS)
            .waitDuration(Duration.ZERO)
            .retryExceptions(IOException.class)
            .build());
  }

  /**
   * Resilience4j's timeout works on futures only: the body must run on another thread, so the
   * timeout variants submit it to a virtual-thread executor (the cheapest hand-off there is).
   */
  static TimeLimiter resilience4jTimeLimiter() {
    return TimeLimiter.of(
        TimeLimiterConfig.custom().timeoutDuration(TIMEOUT).cancelRunningFuture(true).build());
  }

  private static RetryPolicy<Integer> failsafeRetryPolicy() {
    return RetryPolicy.<Integer>builder()
        .withMaxAttempts(ATTEMPTS) // no delay is Failsafe's default (it refuses withDelay(ZERO))
        .handle(IOException.class)
        .build();
  }

  static FailsafeExecutor<Integer> failsafeRetry() {
    return Failsafe.with(failsafeRetryPolicy());
  }

  /** Failsafe composes outermost first: the timeout is per attempt, inside the retry. */
  static FailsafeExecutor<Integer> failsafeRetryTimeout() {
    Timeout<Integer> timeout = Timeout.<Integer>builder(TIMEOUT).withInterrupt().build();
    return Failsafe.with(failsafeRetryPolicy(), timeout);
  }

  private static TypedGuard.Builder<Integer> smallryeRetryBuilder() {
    return TypedGuard.create(Integer.class)
        .withRetry()
        .maxRetries(ATTEMPTS - 1)
        .delay(0, ChronoUnit.MILLIS)
        .jitter(0, ChronoUnit.MILLIS) // the default is 200 ms of random extra delay
        .retryOn(IOException.class)
        .done();
  }

  static TypedGuard<Integer> smallryeRetry() {
    return smallryeRetryBuilder().build();
  }

  /** SmallRye's order is fixed: the timeout is per attempt, inside the retry. */
  static TypedGuard<Integer> smallryeRetryTimeout() {
    return smallryeRetryBuilder()
        .withTimeout()
        .duration(TIMEOUT.toMillis(), ChronoUnit.MILLIS)
        .done()
        .build();
  }
}
