package io.gogoscope.policy;

import io.gogoscope.CircuitState;
import java.time.Duration;

/**
 * Stops calling a failing dependency for a while. Closed: calls pass and outcomes are recorded in a
 * sliding window of the last calls; when the window holds {@code failureThreshold} failures (or,
 * with a ratio, that share of at least {@code minimumCalls} calls) it opens. Open: calls are refused
 * at once until {@code resetTimeout} has passed, then it half-opens. Half-open: up to
 * {@code halfOpenPermits} trial calls pass; {@code successThreshold} successes close it, one
 * failure opens it again.
 *
 * <p>Get instances from {@link io.gogoscope.ScopeRuntime#circuitBreaker(String, CircuitBreaker.Config)}:
 * one per name per runtime, so every caller of a dependency shares one breaker. With
 * {@link Config#shared() shared} state, transitions are published to the runtime's
 * {@link io.gogoscope.store.CircuitStateStore}: open in one instance, open in all.
 */
public final class CircuitBreaker {

  private CircuitBreaker() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The breaker's name. */
  public String name() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The current state (an open breaker whose reset timeout has passed reads as half-open). */
  public CircuitState state() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Asks to make a call: {@code true} lets it through (the caller must then report
   * {@link #onSuccess()} or {@link #onFailure()}), {@code false} refuses it.
   */
  public boolean tryAcquirePermission() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Records a permitted call that succeeded. */
  public void onSuccess() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Records a permitted call that failed. */
  public void onFailure() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Returns a permit without recording an outcome (the call was not made after all). */
  public void releasePermission() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Adds a listener for state changes; closing the handle removes it. */
  public AutoCloseable onStateChange(StateListener listener) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Hears state changes. */
  @FunctionalInterface
  public interface StateListener {
    /** Breaker {@code name} moved from {@code from} to {@code to}. */
    void changed(String name, CircuitState from, CircuitState to);
  }

  /**
   * A circuit breaker's configuration.
   *
   * @param failureThreshold failures in the window that open the breaker (used when
   *     {@code failureRatio} is 0)
   * @param failureRatio share of failures in the window, in (0, 1], that opens it; 0 to count
   *     instead
   * @param minimumCalls calls the window must hold before a ratio is judged
   * @param windowSize how many of the most recent calls the window holds
   * @param resetTimeout how long it stays open before half-opening
   * @param halfOpenPermits trial calls let through while half-open
   * @param successThreshold successes while half-open that close it
   * @param shared whether state transitions go through the runtime's circuit-state store
   */
  public record Config(
      int failureThreshold,
      double failureRatio,
      int minimumCalls,
      int windowSize,
      Duration resetTimeout,
      int halfOpenPermits,
      int successThreshold,
      boolean shared) {

    /** Checks every value and says which is wrong. */
    public Config {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Opens after {@code failureThreshold} failures among the last calls; 30 s reset, 1 trial. */
    public static Config failures(int failureThreshold, Duration resetTimeout) {
      throw new UnsupportedOperationException("not yet implemented");
    }
  }
}
