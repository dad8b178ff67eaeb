package io.gogoscope;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations written the way gogoscope's annotations write them: a whole number and a unit
 * ({@code "250ms"}, {@code "2s"}, {@code "1m"}, {@code "1h"}, also {@code ns}, {@code us} and
 * {@code d}), or ISO-8601 ({@code "PT2S"}). The processor has its own copy of these rules (it
 * cannot depend on the runtime); both accept exactly the same texts.
 */
final class DurationText {

  static final String FORMATS =
      "a whole number and a unit (ns, us, ms, s, m, h, d) such as \"250ms\" or \"2s\", or ISO-8601 such as \"PT2S\"";

  private static final Pattern SHORT = Pattern.compile("(-?)(\\d+)(ns|us|ms|s|m|h|d)");
  private static final Map<String, ChronoUnit> UNITS = Map.of(
      "ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS, "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
      "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

  /** The duration {@code text} stands for, or {@code null} when it is malformed or too large. */
  static Duration parse(String text) {
    Matcher shortForm = SHORT.matcher(text);
    try {
      if (shortForm.matches()) {
        Duration duration = Duration.of(Long.parseLong(shortForm.group(2)), UNITS.get(shortForm.group(3)));
        return shortForm.group(1).isEmpty() ? duration : duration.negated();
      }
      if (text.startsWith("P") || text.startsWith("-P") || text.startsWith("+P")) {
        return Duration.parse(text);
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException malformed) {
      return null;
    }
    return null;
  }

  private DurationText() {}
}
