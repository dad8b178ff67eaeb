package io.gogoscope.observe.otel;

import java.time.Duration;

/** Durations as fractional milliseconds, the unit of go-go-scope's {@code *.duration_ms}. */
final class Milliseconds {
  private Milliseconds() {}

  static double of(Duration duration) {
    return duration.toNanos() / 1_000_000.0;
  }
}
