package io.gogoscope.observe.micrometer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters per tag value, for at most {@code max} distinct values; every value after those shares
 * the meters of {@link #OTHER}. This is what keeps a metric's series bounded when tag values come
 * from user input (a task or breaker name built from data, a lock key).
 */
final class BoundedCache<V> {
  /** The tag value that stands for every value beyond the bound. */
  static final String OTHER = "other";

  private final int max;
  private final Function<String, V> create;
  private final Map<String, V> byValue = new ConcurrentHashMap<>();
  private volatile V other;

  BoundedCache(int max, Function<String, V> create) {
    this.max = max;
    this.create = create;
  }

  V get(String value) {
    V cached = byValue.get(value);
    return cached != null ? cached : admit(value);
  }

  private synchronized V admit(String value) {
    V cached = byValue.get(value);
    if (cached != null) {
      return cached;
    }
    if (byValue.size() < max) {
      V created = create.apply(value);
      byValue.put(value, created);
      return created;
    }
    if (other == null) {
      other = create.apply(OTHER);
    }
    return other;
  }
}
