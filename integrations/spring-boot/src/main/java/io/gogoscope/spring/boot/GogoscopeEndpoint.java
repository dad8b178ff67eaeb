package io.gogoscope.spring.boot;

import io.gogoscope.CircuitBreakers;
import io.gogoscope.Guard;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.policy.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/gogoscope}: the runtime's circuit breakers (state, window, configuration), its
 * tasks with the policies they run with (configuration overrides applied), the task interfaces
 * the processor indexed, and the runtime's settings. {@code /actuator/gogoscope/<breaker>} shows
 * one breaker.
 *
 * <p>Operators can hold a breaker open or closed, or reset it, with a {@code POST} of
 * {@code {"action": "force-open" | "force-closed" | "reset"}} to {@code /actuator/gogoscope/<breaker>}
 * (through the circuit-state store for a shared breaker, so every instance follows). These write
 * operations are off by default ({@code defaultAccess = READ_ONLY}): turn them on with Boot's own
 * switch, {@code management.endpoint.gogoscope.access=unrestricted}. Exposed over HTTP when
 * {@code management.endpoints.web.exposure.include} names {@code gogoscope}.
 */
@Endpoint(id = "gogoscope", defaultAccess = Access.READ_ONLY)
public class GogoscopeEndpoint {
  private final ScopeRuntime runtime;

  /** The endpoint of {@code runtime}. */
  public GogoscopeEndpoint(ScopeRuntime runtime) {
    this.runtime = runtime;
  }

  /** The breakers, the tasks with their effective policies, the indexed task interfaces and the runtime's settings. */
  @ReadOperation
  public Map<String, Object> describe() {
    Map<String, Object> breakers = new LinkedHashMap<>();
    for (CircuitBreaker.Status status : runtime.circuitBreakers().list()) {
      breakers.put(status.name(), describe(status));
    }
    Map<String, Object> tasks = new LinkedHashMap<>();
    for (Guard guard : runtime.guards()) {
      tasks.put(guard.name(), guard.policies());
    }
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("circuitBreakers", breakers);
    description.put("tasks", tasks);
    description.put("taskInterfaces", ScopedIndex.read(GogoscopeEndpoint.class.getClassLoader()));
    description.put("closeGrace", runtime.closeGrace().toString());
    description.put("stores", Map.of(
        "locks", runtime.lockProvider().getClass().getSimpleName(),
        "rateLimits", runtime.rateLimitStore().getClass().getSimpleName(),
        "circuitState", runtime.circuitStateStore().getClass().getSimpleName()));
    return description;
  }

  /** One breaker, or {@code null} (404) when the runtime has none of that name. */
  @ReadOperation
  public Map<String, Object> breaker(@Selector String name) {
    return runtime.circuitBreakers().find(name).map(breaker -> describe(breaker.status())).orElse(null);
  }

  /**
   * Holds breaker {@code name} open ({@code force-open}) or closed ({@code force-closed}), or
   * closes it with an empty window, ending a forced state ({@code reset}); answers its new state,
   * or 404 when the runtime has no breaker of that name.
   *
   * @throws InvalidEndpointRequestException (400) for another action
   */
  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> change(@Selector String name, String action) {
    CircuitBreakers breakers = runtime.circuitBreakers();
    if (breakers.find(name).isEmpty()) {
      return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }
    switch (action == null ? "" : action.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "force-open" -> breakers.forceOpen(name);
      case "force-closed" -> breakers.forceClosed(name);
      case "reset" -> breakers.reset(name);
      default -> throw new InvalidEndpointRequestException(
          "action must be force-open, force-closed or reset, got \"" + action + "\"", "unknown action");
    }
    return new WebEndpointResponse<>(breaker(name));
  }

  private static Map<String, Object> describe(CircuitBreaker.Status status) {
    CircuitBreaker.Config config = status.config();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("failure-threshold", config.failureThreshold());
    settings.put("failure-ratio", config.failureRatio());
    settings.put("minimum-calls", config.minimumCalls());
    settings.put("window-size", config.windowSize());
    settings.put("reset-timeout", config.resetTimeout().toString());
    settings.put("half-open-permits", config.halfOpenPermits());
    settings.put("success-threshold", config.successThreshold());
    settings.put("shared", config.shared());
    Map<String, Object> breaker = new LinkedHashMap<>();
    breaker.put("state", status.state().name());
    breaker.put("since", status.since() == null ? null : status.since().toString());
    breaker.put("failures", status.failures());
    breaker.put("calls", status.calls());
    breaker.put("config", settings);
    return breaker;
  }
}
