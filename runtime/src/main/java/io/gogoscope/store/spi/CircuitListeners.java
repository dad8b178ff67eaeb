package io.gogoscope.store.spi;

import io.gogoscope.store.CircuitSnapshot;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Calls circuit-state listeners so that one that throws neither stops the others nor fails the
 * store's publish or notification thread: a listener's bug is logged. For store implementations.
 */
public final class CircuitListeners {
  private static final System.Logger LOG = System.getLogger(CircuitListeners.class.getName());

  private CircuitListeners() {}

  /** Calls each listener with {@code snapshot}, logging (not throwing) what a listener throws. */
  public static void notifyAll(
      String name, Iterable<? extends Consumer<CircuitSnapshot>> listeners, CircuitSnapshot snapshot) {
    for (Consumer<CircuitSnapshot> listener : listeners) {
      notifyOne(name, listener, snapshot);
    }
  }

  /** Calls {@code listener} with {@code snapshot}, logging (not throwing) what it throws. */
  public static void notifyOne(String name, Consumer<CircuitSnapshot> listener, CircuitSnapshot snapshot) {
    try {
      listener.accept(snapshot);
    } catch (RuntimeException e) {
      // Reported, not rethrown: the state change already happened and other listeners must see it.
      LOG.log(Level.WARNING, "circuit-state listener for '" + name + "' failed on " + snapshot, e);
    }
  }
}
