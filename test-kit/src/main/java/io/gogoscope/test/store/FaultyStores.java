package io.gogoscope.test.store;

import io.gogoscope.TimeSource;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.InMemoryCircuitStateStore;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.InMemoryRateLimitStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.Stores;
import java.util.Objects;

/**
 * The three stores of one backend, each wrapped to inject the same {@link Faults}: pass it to
 * {@link io.gogoscope.ScopeRuntime.Builder#stores} and switch faults on while the test runs.
 *
 * <pre>{@code
 * FaultyStores stores = FaultyStores.inMemory();
 * ScopeRuntime runtime = ScopeRuntime.builder().stores(stores).build();
 * stores.faults().down();
 * assertThat(orders.placeOrder(order)).failedWith(StoreException.class);
 * }</pre>
 */
public final class FaultyStores implements Stores {
  private final Faults faults;
  private final FaultyLockProvider lockProvider;
  private final FaultyRateLimitStore rateLimitStore;
  private final FaultyCircuitStateStore circuitStateStore;

  private FaultyStores(Stores stores, Faults faults) {
    this.faults = faults;
    this.lockProvider = new FaultyLockProvider(stores.lockProvider(), faults);
    this.rateLimitStore = new FaultyRateLimitStore(stores.rateLimitStore(), faults);
    this.circuitStateStore = new FaultyCircuitStateStore(stores.circuitStateStore(), faults);
  }

  /** Fresh in-memory stores on the system clock, no fault switched on yet. */
  public static FaultyStores inMemory() {
    return inMemory(TimeSource.system());
  }

  /**
   * Fresh in-memory stores whose TTLs, windows and injected delays follow {@code time} (a
   * {@link io.gogoscope.test.VirtualClock} in tests of time), no fault switched on yet.
   */
  public static FaultyStores inMemory(TimeSource time) {
    Objects.requireNonNull(time, "time");
    LockProvider locks = new InMemoryLockProvider(time);
    RateLimitStore rates = new InMemoryRateLimitStore(time);
    CircuitStateStore circuits = new InMemoryCircuitStateStore();
    return wrap(new Stores() {
      @Override
      public LockProvider lockProvider() {
        return locks;
      }

      @Override
      public RateLimitStore rateLimitStore() {
        return rates;
      }

      @Override
      public CircuitStateStore circuitStateStore() {
        return circuits;
      }
    }, new Faults(time));
  }

  /** Wraps the stores of a real backend (Redis, SQL), injecting {@code faults}. */
  public static FaultyStores wrap(Stores stores, Faults faults) {
    return new FaultyStores(Objects.requireNonNull(stores, "stores"), Objects.requireNonNull(faults, "faults"));
  }

  /** The faults all three stores inject. */
  public Faults faults() {
    return faults;
  }

  @Override
  public FaultyLockProvider lockProvider() {
    return lockProvider;
  }

  @Override
  public FaultyRateLimitStore rateLimitStore() {
    return rateLimitStore;
  }

  @Override
  public FaultyCircuitStateStore circuitStateStore() {
    return circuitStateStore;
  }
}
