package io.gogoscope.policy;

import io.gogoscope.annotations.Backoff;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * When and how often to try a failed call again. Immutable and thread-safe; build once, share.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *     .maxAttempts(3)
 *     .delay(Duration.ofMillis(100))
 *     .backoff(Backoff.EXPONENTIAL)
 *     .retryOn(IOException.class)
 *     .build();
 * }</pre>
 *
 * <p>What is retried: an exception is retried when it is an instance of a {@code retryOn} type (all
 * exceptions when none is given), is not an instance of an {@code abortOn} type, and passes the
 * {@code retryIf} predicate. A per-attempt timeout is retried unless
 * {@link Builder#retryOnTimeout(boolean) turned off}. Refusals by other policies (open circuit, rate
 * limit, lock held, bulkhead full) and cancellation are never retried: trying again at once could
 * only be refused again.
 */
public final class Retry {

  private Retry() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Starts a retry configuration: by default 3 attempts, no delay, fixed backoff, every exception. */
  public static Builder builder() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The most attempts, the first included (1 means no retry). */
  public int maxAttempts() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Whether {@code failure} of an attempt should be retried (attempts left aside). */
  public boolean shouldRetry(Exception failure) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Whether an attempt that timed out is retried. */
  public boolean retriesTimeouts() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * The delay before retry number {@code retry} (1 for the first retry), given the delay used before
   * the previous one ({@link Duration#ZERO} before the first): backoff applied, jitter added, capped
   * at the maximum delay. Pure apart from {@code random}.
   */
  public Duration delayBefore(int retry, Duration previousDelay, RandomGenerator random) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Called before each retry, after its delay is chosen and before it elapses. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Attempt {@code failedAttempt} of {@code call} failed with {@code failure}; the next starts
     * after {@code delay}.
     */
    void onRetry(String call, int failedAttempt, Duration delay, io.gogoscope.ScopeError failure);
  }

  /** Builds a {@link Retry}; every setter checks its argument and says what is wrong. */
  public static final class Builder {
    private Builder() {}

    /** The most attempts, the first included; at least 1. */
    public Builder maxAttempts(int attempts) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The base delay before a retry; zero or more. */
    public Builder delay(Duration delay) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The cap on any delay; at least the base delay. */
    public Builder maxDelay(Duration maxDelay) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** How the delay grows. */
    public Builder backoff(Backoff backoff) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The growth factor of {@link Backoff#EXPONENTIAL}; above 1 (default 2). */
    public Builder multiplier(double multiplier) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Random spread added to each delay, as a fraction of it in [0, 1] (0.2 gives ±20 %). */
    public Builder jitter(double fraction) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Retries only exceptions of these types (and their subtypes). */
    @SafeVarargs
    public final Builder retryOn(Class<? extends Exception>... types) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Never retries exceptions of these types, even when {@code retryOn} matches. */
    @SafeVarargs
    public final Builder abortOn(Class<? extends Exception>... types) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Retries only exceptions that also pass {@code predicate}. */
    public Builder retryIf(Predicate<? super Exception> predicate) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether an attempt that timed out is retried (default {@code true}). */
    public Builder retryOnTimeout(boolean retry) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Adds a hook called before each retry. */
    public Builder onRetry(Listener listener) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The configured retry. */
    public Retry build() {
      throw new UnsupportedOperationException("not yet implemented");
    }
  }
}
