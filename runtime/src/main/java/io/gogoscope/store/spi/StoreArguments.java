package io.gogoscope.store.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks every store makes, so that each backend refuses the same misuse with the
 * same message, before it takes or counts anything. For store implementations; callers never need
 * it.
 *
 * <p>Keys (lock keys, rate-limit keys, circuit names) must be non-empty, well-formed UTF-16 text
 * without NUL: the stores keep keys as UTF-8 (Redis, SQL), where a lone surrogate cannot be
 * represented and distinct keys would collide, and PostgreSQL cannot store NUL at all; refusing them
 * everywhere keeps a key meaning the same on every backend. Stored durations (TTLs, windows) are at
 * most {@link #MAX_DURATION}; a wait may be as long as it likes.
 */
public final class StoreArguments {

  /**
   * The longest TTL or rate-limit window a store accepts: 36,500 days (100 years). Anything longer
   * is a mistake (a {@code Duration.ofSeconds(Long.MAX_VALUE)} meant as "forever") and would
   * overflow the stores' time arithmetic, in nanoseconds or in epoch milliseconds.
   */
  public static final Duration MAX_DURATION = Duration.ofDays(36_500);

  private static final int SHOWN_KEY_CHARS = 40;

  private StoreArguments() {}

  /**
   * Refuses a null or empty key, and one a store could not keep distinct from others or store at
   * all: one with a lone UTF-16 surrogate or a NUL character.
   *
   * @param what what the key is, for the message ("lock key", "rate-limit key", "circuit name")
   * @return {@code key}
   * @throws NullPointerException when {@code key} is null
   * @throws IllegalArgumentException when {@code key} breaks one of the rules above
   */
  public static String key(String key, String what) {
    Objects.requireNonNull(key, () -> what + " must not be null");
    if (key.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty; name what it protects, e.g. \"order:42\"");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(what + " " + shown(key) + " contains NUL (\\u0000) at index " + i
            + ", which PostgreSQL cannot store; no store takes it, so a key means the same on every"
            + " backend: encode the value that brought it in");
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
          i++; // a well-formed pair: one character outside the Basic Multilingual Plane
          continue;
        }
        throw new IllegalArgumentException(what + " " + shown(key) + " contains a lone UTF-16 surrogate ("
            + escaped(c) + ") at index " + i + ", which UTF-8 cannot represent, so stores could not keep"
            + " it apart from other keys: pass well-formed text, or encode the value that brought it in");
      }
    }
    return key;
  }

  /** Refuses a TTL that is null, not positive, or longer than {@link #MAX_DURATION}. */
  public static Duration ttl(Duration ttl) {
    return bounded(ttl, "ttl", "a lock must expire some time after its holder dies");
  }

  /**
   * Refuses a wait that is null or negative (zero means: try once). A wait longer than a store can
   * count is not refused: it waits as long as it takes ({@link #saturatedNanos}).
   */
  public static Duration maxWait(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait must not be null; pass Duration.ZERO to try once");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxWait must not be negative, got " + maxWait + "; pass Duration.ZERO to try once");
    }
    return maxWait;
  }

  /** Refuses a rate-limit window that is null, not positive, or longer than {@link #MAX_DURATION}. */
  public static Duration window(Duration window) {
    return bounded(window, "window", "a rate limit counts calls over a span of time");
  }

  /** Refuses a rate limit below one call per window. */
  public static int max(int max) {
    if (max < 1) {
      throw new IllegalArgumentException(
          "max must be at least 1, got " + max + "; to refuse every call, do not make it");
    }
    return max;
  }

  /** {@code duration} in nanoseconds, or {@link Long#MAX_VALUE} when longer (about 292 years). */
  public static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static Duration bounded(Duration value, String name, String why) {
    Objects.requireNonNull(value, () -> name + " must not be null");
    if (!value.isPositive()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value + ": " + why);
    }
    if (value.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + MAX_DURATION.toDays() + " days (100 years), got "
          + value + "; a longer one would overflow the stores' time arithmetic");
    }
    return value;
  }

  /** The key for a message: quoted, escaped where not printable, cut after a few dozen characters. */
  private static String shown(String key) {
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < Math.min(key.length(), SHOWN_KEY_CHARS); i++) {
      char c = key.charAt(i);
      shown.append(Character.isSurrogate(c) || Character.isISOControl(c) ? escaped(c) : String.valueOf(c));
    }
    return shown.append(key.length() > SHOWN_KEY_CHARS ? "…\"" : "\"").toString();
  }

  private static String escaped(char c) {
    return String.format("\\u%04X", (int) c);
  }
}
