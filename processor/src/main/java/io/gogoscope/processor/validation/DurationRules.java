package io.gogoscope.processor.validation;

import io.gogoscope.processor.model.Durations;
import io.gogoscope.processor.model.Setting;
import java.time.Duration;
import java.util.Optional;

/** Checks one duration text: that it parses, and that its sign suits what it measures. */
final class DurationRules {
  private final Reporter reporter;

  DurationRules(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * A duration that must be above zero ({@code what}, such as "a timeout", names it in messages;
   * {@code zeroHint} says what to write for "none").
   */
  Optional<Duration> positive(String annotation, String member, Setting<String> text, String what, String zeroHint) {
    Optional<Duration> duration = parse(annotation, member, text);
    if (duration.isEmpty()) {
      return duration;
    }
    if (duration.get().isNegative()) {
      reporter.error(Problem.DURATION_NEGATIVE, text.position(), Display.member(annotation, member, text), what, "positive");
      return Optional.empty();
    }
    if (duration.get().isZero()) {
      reporter.error(Problem.DURATION_ZERO, text.position(), Display.member(annotation, member, text), what, zeroHint);
      return Optional.empty();
    }
    return duration;
  }

  /** A duration that may be zero but not negative. */
  Optional<Duration> notNegative(String annotation, String member, Setting<String> text, String what) {
    Optional<Duration> duration = parse(annotation, member, text);
    if (duration.isPresent() && duration.get().isNegative()) {
      reporter.error(Problem.DURATION_NEGATIVE, text.position(), Display.member(annotation, member, text), what, "zero or more");
      return Optional.empty();
    }
    return duration;
  }

  /** Reports {@code duration} (parsed from {@code text}) when it is longer than {@code bound}, described by {@code why}. */
  void atMost(String annotation, String member, Setting<String> text, Duration duration, Duration bound, String why) {
    if (duration.compareTo(bound) > 0) {
      reporter.error(Problem.DURATION_TOO_LONG, text.position(), Display.member(annotation, member, text), why,
          "give a shorter one");
    }
  }

  private Optional<Duration> parse(String annotation, String member, Setting<String> text) {
    Optional<Duration> duration = Durations.parse(text.value());
    if (duration.isEmpty()) {
      reporter.error(Problem.DURATION_FORMAT, text.position(), Display.member(annotation, member, text));
    }
    return duration;
  }
}
