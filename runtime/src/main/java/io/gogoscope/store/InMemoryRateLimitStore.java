package io.gogoscope.store;

import io.gogoscope.TimeSource;
import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding-window rate limits within one JVM (the local rate limiter). The default when nothing
 * else is configured.
 *
 * <p>Exact: each key keeps the times of its admitted calls (a sliding-window log), so no window of
 * length {@code window} ever holds more than {@code max} admissions, and a call is refused only
 * when its window is full. Thread-safe; a check locks only its own key. Memory is bounded: a key
 * holds at most {@code max} times, and keys whose calls have all left their window are forgotten
 * by a sweep that runs at most once a second on a calling thread.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
  private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final TimeSource time;
  private final ConcurrentHashMap<String, SlidingLog> logs = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep;

  /** Creates an empty store on the system clock. */
  public InMemoryRateLimitStore() {
    this(TimeSource.system());
  }

  /** Creates an empty store reading time from {@code timeSource} (tests pass a manual one). */
  public InMemoryRateLimitStore(TimeSource timeSource) {
    this.time = Objects.requireNonNull(timeSource, "timeSource is null; pass TimeSource.system()");
    this.nextSweep = new AtomicLong(timeSource.nanoTime() + SWEEP_INTERVAL_NANOS);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code remaining} counts the calls the window still admits after this one; {@code resetAt}
   * is when the oldest admitted call in the window leaves it (for an admitted call into an empty
   * window, this call's own time plus the window).
   *
   * @throws IllegalArgumentException when {@code key} is empty or not well-formed text
   *     ({@link StoreArguments#key}), {@code max < 1}, or {@code window} is not positive or longer
   *     than {@link StoreArguments#MAX_DURATION}
   */
  @Override
  public RateLimitDecision checkAndIncrement(String key, int max, Duration window) {
    StoreArguments.key(key, "rate-limit key");
    StoreArguments.max(max);
    long windowNanos = StoreArguments.window(window).toNanos(); // at most 100 years: no overflow
    long now = time.nanoTime();
    Instant wallNow = time.now();
    RateLimitDecision[] decision = new RateLimitDecision[1];
    logs.compute(key, (k, log) -> {
      SlidingLog current = log != null ? log : new SlidingLog(max);
      decision[0] = current.admit(now, max, windowNanos, wallNow);
      return current;
    });
    sweepIfDue(now);
    return decision[0];
  }

  /** Forgets idle keys, at most once per interval; one caller does it, the rest go on at once. */
  private void sweepIfDue(long now) {
    long due = nextSweep.get();
    if (now - due < 0 || !nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
      return;
    }
    for (String key : logs.keySet()) {
      // Re-checked under the key's lock: a call admitted meanwhile keeps its key.
      logs.computeIfPresent(key, (k, log) -> log.idle(now) ? null : log);
    }
  }

  /** How many keys are remembered (for tests of the memory bound). */
  int trackedKeys() {
    return logs.size();
  }
}
