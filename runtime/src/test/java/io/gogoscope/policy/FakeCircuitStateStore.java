package io.gogoscope.policy;

import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The smallest store that keeps the {@link CircuitStateStore} contract (newer versions only,
 * every accepted publish pushed to every subscriber, the publisher included), with hooks to lose a
 * push or fail, to test the breaker's wiring without the real stores.
 */
final class FakeCircuitStateStore implements CircuitStateStore {
  private final Map<String, CircuitSnapshot> stored = new HashMap<>();
  private final Map<String, List<Consumer<CircuitSnapshot>>> subscribers = new HashMap<>();
  final List<CircuitSnapshot> accepted = new CopyOnWriteArrayList<>();
  volatile boolean down;

  @Override
  public synchronized Optional<CircuitSnapshot> read(String name) {
    failIfDown();
    return Optional.ofNullable(stored.get(name));
  }

  @Override
  public boolean publish(String name, CircuitSnapshot snapshot) {
    List<Consumer<CircuitSnapshot>> toNotify;
    synchronized (this) {
      failIfDown();
      CircuitSnapshot current = stored.get(name);
      if (current != null && current.version() >= snapshot.version()) {
        return false;
      }
      stored.put(name, snapshot);
      accepted.add(snapshot);
      toNotify = new ArrayList<>(subscribers.getOrDefault(name, List.of()));
    }
    toNotify.forEach(listener -> listener.accept(snapshot)); // outside the lock, as pub/sub would
    return true;
  }

  /** Stores {@code snapshot} without telling anyone: a push that is still on its way, or lost. */
  synchronized void storeSilently(String name, CircuitSnapshot snapshot) {
    stored.put(name, snapshot);
  }

  @Override
  public synchronized AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener) {
    subscribers.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      synchronized (this) {
        subscribers.get(name).remove(listener);
      }
    };
  }

  private void failIfDown() {
    if (down) {
      throw new StoreException("fake store is down");
    }
  }
}
