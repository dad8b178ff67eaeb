package io.gogoscope.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Circuit-breaker state shared by name across instances: when one instance opens a circuit, every
 * instance sees it open. Instances count failures locally and share transitions only, so a closed
 * circuit costs no round trip. Stores keep {@link CircuitSnapshot#since()} to the millisecond.
 * Behaviour is pinned by {@code io.gogoscope.store.contract.CircuitStateStoreContract} in the
 * runtime's test-jar.
 */
public interface CircuitStateStore {

  /**
   * The last published state of circuit {@code name}, if any.
   *
   * @throws StoreException when the store cannot be reached
   */
  Optional<CircuitSnapshot> read(String name);

  /**
   * Publishes a transition of circuit {@code name}. A snapshot whose {@link CircuitSnapshot#version()}
   * is not newer than the stored one is ignored, so concurrent publishers cannot move it backwards.
   *
   * @return {@code true} when this snapshot became the stored state
   * @throws StoreException when the store cannot be reached
   */
  boolean publish(String name, CircuitSnapshot snapshot);

  /**
   * Calls {@code listener} with every state published for {@code name} by any instance (this one
   * included), until the returned handle is closed; closing it twice is harmless. Only accepted
   * publishes are pushed. Listeners run on the store's notification thread, so they must be quick;
   * they may see snapshots out of order across publishers, so keep the one with the highest
   * {@link CircuitSnapshot#version()}. A listener that throws is logged and does not stop the
   * others.
   *
   * @throws StoreException when the store cannot be reached
   */
  AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener);
}
