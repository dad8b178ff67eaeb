package io.gogoscope.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Circuit-breaker state shared by name across instances: when one instance opens a circuit, every
 * instance sees it open. Instances count failures locally and share transitions only, so a closed
 * circuit costs no round trip.
 */
public interface CircuitStateStore {

  /** The last published state of circuit {@code name}, if any. */
  Optional<CircuitSnapshot> read(String name);

  /**
   * Publishes a transition of circuit {@code name}. A snapshot whose {@link CircuitSnapshot#version()}
   * is not newer than the stored one is ignored, so concurrent publishers cannot move it backwards.
   *
   * @return {@code true} when this snapshot became the stored state
   */
  boolean publish(String name, CircuitSnapshot snapshot);

  /**
   * Calls {@code listener} with every state published for {@code name} by any instance, until the
   * returned handle is closed.
   */
  AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener);
}
