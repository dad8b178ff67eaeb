package io.gogoscope.spring.boot;

import io.gogoscope.ScopeRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/gogoscope}: the circuit breakers and their states, the task interfaces the
 * processor indexed, and the runtime's settings. Read-only unless
 * {@code management.endpoint.gogoscope.access} says otherwise; exposed over HTTP when
 * {@code management.endpoints.web.exposure.include} names it.
 */
@Endpoint(id = "gogoscope", defaultAccess = Access.READ_ONLY)
public class GogoscopeEndpoint {
  private final ScopeRuntime runtime;
  private final CircuitStates states;

  public GogoscopeEndpoint(ScopeRuntime runtime, CircuitStates states) {
    this.runtime = runtime;
    this.states = states;
  }

  /** The breakers, the indexed task interfaces and the runtime's settings. */
  @ReadOperation
  public Map<String, Object> describe() {
    Map<String, Object> breakers = new LinkedHashMap<>();
    states.snapshot().forEach((name, state) -> breakers.put(name, Map.of("state", state.name())));
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("circuitBreakers", breakers);
    description.put("taskInterfaces", ScopedIndex.read(GogoscopeEndpoint.class.getClassLoader()));
    description.put("closeGrace", runtime.closeGrace().toString());
    description.put("stores", Map.of(
        "locks", runtime.lockProvider().getClass().getSimpleName(),
        "rateLimits", runtime.rateLimitStore().getClass().getSimpleName(),
        "circuitState", runtime.circuitStateStore().getClass().getSimpleName()));
    return description;
  }
}
