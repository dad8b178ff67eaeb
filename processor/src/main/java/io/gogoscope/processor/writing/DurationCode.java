package io.gogoscope.processor.writing;

import com.palantir.javapoet.CodeBlock;
import io.gogoscope.processor.model.Durations;
import java.time.Duration;

/** Writes a duration as the {@code Duration} factory call a person would write. */
final class DurationCode {
  private DurationCode() {}

  /** {@code "2s"} becomes {@code Duration.ofSeconds(2)}; the text is known to be valid. */
  static CodeBlock of(String text) {
    return of(Durations.parse(text).orElseThrow(() -> new IllegalStateException("unvalidated duration " + text)));
  }

  static CodeBlock of(Duration duration) {
    if (duration.isZero()) {
      return CodeBlock.of("$T.ZERO", RuntimeNames.DURATION);
    }
    long seconds = duration.getSeconds();
    int nanos = duration.getNano();
    if (nanos == 0) {
      if (seconds % 86_400 == 0) {
        return CodeBlock.of("$T.ofDays($L)", RuntimeNames.DURATION, seconds / 86_400);
      } else if (seconds % 3_600 == 0) {
        return CodeBlock.of("$T.ofHours($L)", RuntimeNames.DURATION, seconds / 3_600);
      } else if (seconds % 60 == 0) {
        return CodeBlock.of("$T.ofMinutes($L)", RuntimeNames.DURATION, seconds / 60);
      }
      return CodeBlock.of("$T.ofSeconds($L)", RuntimeNames.DURATION, seconds);
    }
    if (nanos % 1_000_000 == 0 && seconds < Long.MAX_VALUE / 1_000) {
      return CodeBlock.of("$T.ofMillis($L)", RuntimeNames.DURATION, duration.toMillis());
    }
    if (nanos % 1_000 == 0 && seconds < Long.MAX_VALUE / 1_000_000) {
      return CodeBlock.of("$T.of($L, $T.MICROS)", RuntimeNames.DURATION,
          seconds * 1_000_000 + nanos / 1_000, java.time.temporal.ChronoUnit.class);
    }
    return CodeBlock.of("$T.ofSeconds($L, $L)", RuntimeNames.DURATION, seconds, nanos);
  }
}
