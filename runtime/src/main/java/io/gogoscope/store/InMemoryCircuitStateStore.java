package io.gogoscope.store;

import io.gogoscope.store.spi.CircuitListeners;
import io.gogoscope.store.spi.StoreArguments;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Circuit state shared by the circuit breakers of one JVM. The default when nothing else is
 * configured. Listeners are called on the publishing thread, after the state is stored.
 */
public final class InMemoryCircuitStateStore implements CircuitStateStore {

  private final ConcurrentHashMap<String, CircuitSnapshot> states = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<Consumer<CircuitSnapshot>>> listeners =
      new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryCircuitStateStore() {}

  @Override
  public Optional<CircuitSnapshot> read(String name) {
    return Optional.ofNullable(states.get(StoreArguments.key(name, "circuit name")));
  }

  @Override
  public boolean publish(String name, CircuitSnapshot snapshot) {
    StoreArguments.key(name, "circuit name");
    Objects.requireNonNull(snapshot, "snapshot must not be null");
    CircuitSnapshot stored =
        states.merge(name, snapshot, (old, fresh) -> fresh.version() > old.version() ? fresh : old);
    if (stored != snapshot) {
      return false;
    }
    List<Consumer<CircuitSnapshot>> subscribed = listeners.get(name);
    if (subscribed != null) {
      CircuitListeners.notifyAll(name, subscribed, snapshot);
    }
    return true;
  }

  @Override
  public AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener) {
    StoreArguments.key(name, "circuit name");
    Objects.requireNonNull(listener, "listener must not be null");
    // A wrapper per subscription, so subscribing one listener twice gives two independent handles.
    Consumer<CircuitSnapshot> subscription = listener::accept;
    listeners.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(subscription);
    return () ->
        listeners.computeIfPresent(
            name,
            (n, list) -> {
              list.remove(subscription);
              return list.isEmpty() ? null : list;
            });
  }
}
