package io.gogoscope;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; {@link #sleep} advances it instead of waiting. */
final class ManualTimeSource implements TimeSource {
  private static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant now() {
    return EPOCH.plusNanos(nanos.get());
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a manual sleep");
    }
    sleeps.add(duration);
    if (duration.isPositive()) {
      nanos.addAndGet(duration.toNanos());
    }
  }

  /** Moves the clock forward. */
  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  /** Every sleep asked for, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
