package io.gogoscope.store;

import io.gogoscope.CircuitState;
import java.time.Instant;

/**
 * A circuit breaker's shared state.
 *
 * @param state the state
 * @param since when it entered {@code state} (an open circuit half-opens one reset timeout later)
 * @param version grows with each transition of this circuit, so stale publishes lose
 */
public record CircuitSnapshot(CircuitState state, Instant since, long version) {}
