package io.gogoscope.test.store;

import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link CircuitStateStore} that passes every read, publish and subscribe through {@link Faults}
 * before the real store. Notifications to listeners already subscribed are not faulted: a down
 * store simply has nothing to publish.
 */
public final class FaultyCircuitStateStore implements CircuitStateStore {
  private final CircuitStateStore delegate;
  private final Faults faults;

  /** Wraps {@code delegate}, injecting {@code faults}. */
  public FaultyCircuitStateStore(CircuitStateStore delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** The faults this store injects. */
  public Faults faults() {
    return faults;
  }

  @Override
  public Optional<CircuitSnapshot> read(String name) {
    faults.beforeCall("read(" + name + ")");
    return delegate.read(name);
  }

  @Override
  public boolean publish(String name, CircuitSnapshot snapshot) {
    faults.beforeCall("publish(" + name + ")");
    return delegate.publish(name, snapshot);
  }

  @Override
  public AutoCloseable subscribe(String name, Consumer<CircuitSnapshot> listener) {
    faults.beforeCall("subscribe(" + name + ")");
    return delegate.subscribe(name, listener);
  }
}
