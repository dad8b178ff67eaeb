package io.gogoscope.spring.boot;

import io.gogoscope.CircuitState;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of gogoscope's circuit breakers: DOWN while one is OPEN (unless
 * {@code gogoscope.health.open-is-down=false}, which reports them and stays UP), with every known
 * breaker's state as details. HALF_OPEN is UP: the breaker is letting trial calls through.
 */
public class CircuitBreakersHealthIndicator implements HealthIndicator {
  private final CircuitStates states;
  private final boolean openIsDown;

  public CircuitBreakersHealthIndicator(CircuitStates states, boolean openIsDown) {
    this.states = states;
    this.openIsDown = openIsDown;
  }

  @Override
  public Health health() {
    Map<String, CircuitState> snapshot = states.snapshot();
    boolean open = snapshot.containsValue(CircuitState.OPEN);
    Health.Builder builder = open && openIsDown ? Health.down() : Health.up();
    snapshot.forEach((name, state) -> builder.withDetail(name, state.name()));
    return builder.build();
  }
}
