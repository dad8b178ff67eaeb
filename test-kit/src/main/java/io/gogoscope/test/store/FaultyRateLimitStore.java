package io.gogoscope.test.store;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import java.time.Duration;
import java.util.Objects;

/** A {@link RateLimitStore} that passes every call through {@link Faults} before the real store. */
public final class FaultyRateLimitStore implements RateLimitStore {
  private final RateLimitStore delegate;
  private final Faults faults;

  /** Wraps {@code delegate}, injecting {@code faults}. */
  public FaultyRateLimitStore(RateLimitStore delegate, Faults faults) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /** The faults this store injects. */
  public Faults faults() {
    return faults;
  }

  @Override
  public RateLimitDecision checkAndIncrement(String key, int max, Duration window) {
    faults.beforeCall("checkAndIncrement(" + key + ")");
    return delegate.checkAndIncrement(key, max, window);
  }
}
