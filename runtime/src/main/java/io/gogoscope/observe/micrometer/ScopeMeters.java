package io.gogoscope.observe.micrometer;

import io.gogoscope.CancelReason;
import io.gogoscope.observe.ScopeObservation;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The meters of one scope name, and the observation of every scope of that name. */
final class ScopeMeters implements ScopeObservation {
  private final Timer lifetime;
  private final AtomicInteger active;

  ScopeMeters(Timer lifetime, AtomicInteger active) {
    this.lifetime = lifetime;
    this.active = active;
  }

  ScopeObservation opened() {
    active.incrementAndGet();
    return this;
  }

  @Override
  public void closed(Duration lifetime, CancelReason cancelReason) {
    active.decrementAndGet();
    this.lifetime.record(lifetime);
  }
}
