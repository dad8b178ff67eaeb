package io.gogoscope.policy;

import io.gogoscope.CircuitState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stay of a circuit breaker in one state. Each transition installs a fresh phase, so counters
 * never need resetting and late reports from calls of an earlier phase cannot corrupt the next
 * one's window.
 */
abstract sealed class CircuitPhase {
  final CircuitState state;

  private CircuitPhase(CircuitState state) {
    this.state = state;
  }

  /** Calls pass; outcomes go to the window. */
  static final class Closed extends CircuitPhase {
    final OutcomeWindow window;

    Closed(int windowSize) {
      super(CircuitState.CLOSED);
      this.window = new OutcomeWindow(windowSize);
    }
  }

  /** Calls are refused until {@code sinceNanos} plus the reset timeout. */
  static final class Open extends CircuitPhase {
    final long sinceNanos;

    Open(long sinceNanos) {
      super(CircuitState.OPEN);
      this.sinceNanos = sinceNanos;
    }
  }

  /** Held open by an operator: every call refused, no half-opening. */
  static final class ForcedOpen extends CircuitPhase {
    ForcedOpen() {
      super(CircuitState.FORCED_OPEN);
    }
  }

  /** Held closed by an operator: every call passes, nothing counted. */
  static final class ForcedClosed extends CircuitPhase {
    ForcedClosed() {
      super(CircuitState.FORCED_CLOSED);
    }
  }

  /** A bounded number of trial calls pass at a time; their successes are counted. */
  static final class HalfOpen extends CircuitPhase {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger successes = new AtomicInteger();

    HalfOpen() {
      super(CircuitState.HALF_OPEN);
    }

    /** Takes a trial permit if fewer than {@code permits} are out. */
    boolean tryTake(int permits) {
      int n;
      do {
        n = inFlight.get();
        if (n >= permits) {
          return false;
        }
      } while (!inFlight.compareAndSet(n, n + 1));
      return true;
    }

    /**
     * Gives a permit back. A report from a call let through before this phase began finds none
     * out, so the count stays at zero rather than going negative.
     */
    void giveBack() {
      inFlight.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    }

    /** Counts a trial success; returns the successes so far. */
    int succeeded() {
      return successes.incrementAndGet();
    }
  }
}
