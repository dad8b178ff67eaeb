package io.gogoscope.spring.boot;

import io.gogoscope.CircuitState;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import java.util.List;

/**
 * What the circuit-breaker health contributors report, whichever Boot's health API they implement:
 * DOWN while a breaker is OPEN or FORCED_OPEN (unless {@code gogoscope.health.open-is-down=false},
 * which reports them and stays UP), with every breaker's state as details. HALF_OPEN is UP: the
 * breaker is letting trial calls through.
 */
final class CircuitBreakersHealth {
  private final ScopeRuntime runtime;
  private final boolean openIsDown;

  CircuitBreakersHealth(ScopeRuntime runtime, boolean openIsDown) {
    this.runtime = runtime;
    this.openIsDown = openIsDown;
  }

  List<CircuitBreaker.Status> breakers() {
    return runtime.circuitBreakers().list();
  }

  boolean isDown(List<CircuitBreaker.Status> breakers) {
    return openIsDown && breakers.stream()
        .anyMatch(b -> b.state() == CircuitState.OPEN || b.state() == CircuitState.FORCED_OPEN);
  }
}
