package io.gogoscope.testing;

import io.gogoscope.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when told: {@link #advance} moves it, and {@link #sleep}
 * returns at once after moving it by the slept duration and recording it, so tests check delays
 * without waiting. Thread-safe.
 *
 * <p>Its monotonic reading starts at an arbitrary large value (as {@link System#nanoTime()} may),
 * so code that wrongly treats it as an elapsed time shows up.
 */
public final class ManualTimeSource implements TimeSource {
  /** The wall-clock time of a new source: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private static final long DEFAULT_NANO_ORIGIN = 1_000_000_000_000_000L;

  private final Instant start;
  private final long nanoOrigin;
  private final AtomicLong elapsedNanos = new AtomicLong();
  private final List<Duration> sleeps = new ArrayList<>();

  /** A source at {@link #DEFAULT_START}. */
  public ManualTimeSource() {
    this(DEFAULT_START, DEFAULT_NANO_ORIGIN);
  }

  /** A source whose wall clock reads {@code start} and whose monotonic clock reads {@code nanoOrigin}. */
  public ManualTimeSource(Instant start, long nanoOrigin) {
    this.start = Objects.requireNonNull(start, "start");
    this.nanoOrigin = nanoOrigin;
  }

  @Override
  public long nanoTime() {
    return nanoOrigin + elapsedNanos.get();
  }

  @Override
  public Instant now() {
    return start.plusNanos(elapsedNanos.get());
  }

  /**
   * Records {@code duration} and moves time forward by it (nothing for zero or negative), at once.
   *
   * @throws InterruptedException when the calling thread is interrupted; time does not move then
   */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping " + duration);
    }
    synchronized (sleeps) {
      sleeps.add(duration);
    }
    if (duration.isPositive()) {
      advance(duration);
    }
  }

  /** Moves time forward by {@code duration}. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward; got " + duration);
    }
    elapsedNanos.addAndGet(duration.toNanos());
  }

  /** How far time has moved since this source was created. */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos.get());
  }

  /** Every duration passed to {@link #sleep}, in call order. */
  public List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }
}
