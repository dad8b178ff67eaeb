package io.gogoscope.processor.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the duration texts of gogoscope's annotations: a whole number and a unit ({@code "250ms"},
 * {@code "2s"}, {@code "1m"}, {@code "1h"}, also {@code ns}, {@code us} and {@code d}), or
 * ISO-8601 as {@link Duration#parse} reads it ({@code "PT2S"}, {@code "PT1M30S"}).
 */
public final class Durations {

  /** How a valid duration may be written, for messages. */
  public static final String FORMATS =
      "a whole number and a unit (ns, us, ms, s, m, h, d) such as \"250ms\" or \"2s\", "
          + "or ISO-8601 such as \"PT2S\"";

  private static final Pattern SHORT = Pattern.compile("(-?)(\\d+)(ns|us|ms|s|m|h|d)");
  private static final Map<String, ChronoUnit> UNITS =
      Map.of(
          "ns", ChronoUnit.NANOS,
          "us", ChronoUnit.MICROS,
          "ms", ChronoUnit.MILLIS,
          "s", ChronoUnit.SECONDS,
          "m", ChronoUnit.MINUTES,
          "h", ChronoUnit.HOURS,
          "d", ChronoUnit.DAYS);

  /** The duration {@code text} stands for (negative ones included), or empty if it is malformed. */
  public static Optional<Duration> parse(String text) {
    Matcher shortForm = SHORT.matcher(text);
    try {
      if (shortForm.matches()) {
        Duration duration = Duration.of(Long.parseLong(shortForm.group(2)), UNITS.get(shortForm.group(3)));
        return Optional.of(shortForm.group(1).isEmpty() ? duration : duration.negated());
      }
      if (text.startsWith("P") || text.startsWith("-P") || text.startsWith("+P")) {
        return Optional.of(Duration.parse(text));
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException tooLargeOrMalformed) {
      // Both mean the same to the user: the text is not a duration we can represent.
      return Optional.empty();
    }
    return Optional.empty();
  }

  private Durations() {}
}
