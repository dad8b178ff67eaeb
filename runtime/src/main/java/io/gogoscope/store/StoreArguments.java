package io.gogoscope.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks every store makes, so that each backend refuses the same misuse with the
 * same message. For store implementations; callers never need it.
 */
public final class StoreArguments {
  private StoreArguments() {}

  /** Refuses a null or empty lock, rate-limit or circuit key. */
  public static String key(String key, String what) {
    Objects.requireNonNull(key, () -> what + " must not be null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty; name what it protects, e.g. \"order:42\"");
    }
    return key;
  }

  /** Refuses a TTL that is null, zero or negative. */
  public static Duration ttl(Duration ttl) {
    return positive(ttl, "ttl", "a lock must expire some time after its holder dies");
  }

  /** Refuses a wait that is null or negative (zero means: try once). */
  public static Duration maxWait(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait must not be null; pass Duration.ZERO to try once");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxWait must not be negative, got " + maxWait + "; pass Duration.ZERO to try once");
    }
    return maxWait;
  }

  /** Refuses a rate-limit window that is null, zero or negative. */
  public static Duration window(Duration window) {
    return positive(window, "window", "a rate limit counts calls over a span of time");
  }

  /** Refuses a rate limit below one call per window. */
  public static int max(int max) {
    if (max < 1) {
      throw new IllegalArgumentException(
          "max must be at least 1, got " + max + "; to refuse every call, do not make it");
    }
    return max;
  }

  private static Duration positive(Duration value, String name, String why) {
    Objects.requireNonNull(value, () -> name + " must not be null");
    if (!value.isPositive()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value + ": " + why);
    }
    return value;
  }
}
