package io.gogoscope.observe;

import java.util.List;

/** Fans events out to several observers. */
final class CompositeObserver {
  private CompositeObserver() {}

  static ScopeObserver of(List<ScopeObserver> observers) {
    List<ScopeObserver> real = observers.stream().filter(o -> o != ScopeObserver.NONE).toList();
    if (real.isEmpty()) {
      return ScopeObserver.NONE;
    }
    if (real.size() == 1) {
      return real.get(0);
    }
    throw new UnsupportedOperationException("not yet implemented");
  }
}
