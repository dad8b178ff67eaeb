package io.gogoscope.spring.boot;

import io.gogoscope.CircuitState;
import io.gogoscope.observe.ScopeObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last state each circuit breaker of the runtime moved to, as the runtime reports it to its
 * observers; a breaker that never left CLOSED is not listed. Read by the health contributor and the
 * {@code gogoscope} endpoint.
 */
public final class CircuitStates implements ScopeObserver {
  private final ConcurrentMap<String, CircuitState> states = new ConcurrentHashMap<>();

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    states.put(name, to);
  }

  /** The breakers by name, sorted, with their last state. */
  public Map<String, CircuitState> snapshot() {
    return new TreeMap<>(states);
  }
}
