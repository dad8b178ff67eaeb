package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of gogoscope's circuit breakers on Boot 4 (whose health API is in
 * {@code org.springframework.boot.health}): see {@link CircuitBreakersHealth} for what it reports.
 */
public class CircuitBreakersHealthIndicator implements HealthIndicator {
  private final CircuitBreakersHealth health;

  /** The health of {@code runtime}'s breakers; {@code openIsDown}: whether an open one makes it DOWN. */
  public CircuitBreakersHealthIndicator(ScopeRuntime runtime, boolean openIsDown) {
    this.health = new CircuitBreakersHealth(runtime, openIsDown);
  }

  @Override
  public Health health() {
    List<CircuitBreaker.Status> breakers = health.breakers();
    Health.Builder builder = health.isDown(breakers) ? Health.down() : Health.up();
    breakers.forEach(breaker -> builder.withDetail(breaker.name(), breaker.state().name()));
    return builder.build();
  }
}
