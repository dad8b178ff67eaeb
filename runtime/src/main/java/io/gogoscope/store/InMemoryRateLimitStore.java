package io.gogoscope.store;

/** Sliding-window rate limits within one JVM (the local rate limiter). The default when nothing else is configured. */
public final class InMemoryRateLimitStore implements RateLimitStore {
  /** Creates an empty store. */
  public InMemoryRateLimitStore() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public RateLimitDecision checkAndIncrement(String key, int max, java.time.Duration window) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
