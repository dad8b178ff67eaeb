package io.gogoscope.observe.micrometer;

import io.gogoscope.CircuitState;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicInteger;

/** The state gauge and transition counters of one circuit breaker. */
final class CircuitMeters {
  private final AtomicInteger state = new AtomicInteger(level(CircuitState.CLOSED));
  private final Counter[] transitionsTo = new Counter[CircuitState.values().length];

  CircuitMeters(MeterFactory meters, String name) {
    meters.gauge(
        "circuit.state", "Circuit breaker state: 0 closed, 1 half-open, 2 open", state::get, "name", name);
    for (CircuitState to : CircuitState.values()) {
      transitionsTo[to.ordinal()] =
          meters.counter(
              "circuit.transitions",
              "Circuit breaker state changes",
              "name",
              name,
              "to",
              MicrometerObserver.lower(to));
    }
  }

  void changed(CircuitState to) {
    state.set(level(to));
    transitionsTo[to.ordinal()].increment();
  }

  /** Higher is worse, so a graph of the gauge rises when a breaker trips. */
  private static int level(CircuitState state) {
    return switch (state) {
      case CLOSED, FORCED_CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
      case FORCED_OPEN -> 3;
    };
  }
}
