package io.gogoscope.policy;

import io.gogoscope.CircuitState;
import io.gogoscope.policy.CircuitBreaker.Config;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The circuit breaker's documented semantics written as plainly as possible, one field per fact,
 * with none of the implementation's concurrency machinery: the reference the property test checks
 * {@link CircuitBreaker} against.
 */
final class CircuitModel {
  private final Config config;
  private final long resetNanos;
  private long now;
  private CircuitState state = CircuitState.CLOSED;
  private final Deque<Boolean> window = new ArrayDeque<>(); // true = failure, newest last
  private long openedAt;
  private int trialsOut;
  private int trialSuccesses;
  final List<String> transitions = new ArrayList<>();

  CircuitModel(Config config) {
    this.config = config;
    this.resetNanos = config.resetTimeout().toNanos();
  }

  void advance(long nanos) {
    now += nanos;
  }

  /** {@link CircuitBreaker#state()}: an expired open breaker half-opens when looked at. */
  CircuitState readState() {
    halfOpenIfDue();
    return state;
  }

  CircuitState rawState() {
    return state;
  }

  long retryAfterNanos() {
    return state == CircuitState.OPEN ? Math.max(0, resetNanos - (now - openedAt)) : 0;
  }

  boolean acquire() {
    halfOpenIfDue();
    return switch (state) {
      case CLOSED, FORCED_CLOSED -> true; // the model never forces; the cases keep the switch whole
      case OPEN, FORCED_OPEN -> false;
      case HALF_OPEN -> {
        if (trialsOut < config.halfOpenPermits()) {
          trialsOut++;
          yield true;
        }
        yield false;
      }
    };
  }

  void success() {
    switch (state) {
      case CLOSED -> record(false);
      case HALF_OPEN -> {
        trialsOut = Math.max(0, trialsOut - 1);
        trialSuccesses++;
        if (trialSuccesses >= config.successThreshold()) {
          window.clear();
          moveTo(CircuitState.CLOSED);
        }
      }
      case OPEN -> {}
    }
  }

  void failure() {
    switch (state) {
      case CLOSED -> record(true);
      case HALF_OPEN -> open();
      case OPEN -> {}
    }
  }

  void release() {
    if (state == CircuitState.HALF_OPEN) {
      trialsOut = Math.max(0, trialsOut - 1);
    }
  }

  private void record(boolean failure) {
    window.addLast(failure);
    if (window.size() > config.windowSize()) {
      window.removeFirst();
    }
    int calls = window.size();
    int failures = (int) window.stream().filter(f -> f).count();
    boolean opens = config.failureRatio() == 0
        ? failures >= config.failureThreshold()
        : calls >= config.minimumCalls() && failures >= config.failureRatio() * calls;
    if (opens) {
      open();
    }
  }

  private void open() {
    openedAt = now;
    moveTo(CircuitState.OPEN);
  }

  private void halfOpenIfDue() {
    if (state == CircuitState.OPEN && now - openedAt >= resetNanos) {
      trialsOut = 0;
      trialSuccesses = 0;
      moveTo(CircuitState.HALF_OPEN);
    }
  }

  private void moveTo(CircuitState next) {
    transitions.add(state + "->" + next);
    state = next;
  }
}
