package io.gogoscope.persistence.jdbi;

import java.util.regex.Pattern;

/**
 * The names of the three tables, all starting with one prefix so several applications (or test
 * classes) can share a database.
 */
record Tables(String locks, String rateLimits, String circuits) {

  /** The prefix used when none is configured. */
  static final String DEFAULT_PREFIX = "gogoscope_";

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

  /**
   * The tables named {@code prefix + "locks"}, {@code prefix + "rate_limits"} and
   * {@code prefix + "circuits"}.
   *
   * @throws IllegalArgumentException when {@code prefix} is not a plain SQL identifier
   */
  static Tables withPrefix(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "table prefix '" + prefix + "' must be a plain SQL identifier of 1 to 40 letters, digits and"
              + " underscores, not starting with a digit (it is pasted into SQL unquoted), e.g. 'gogoscope_'");
    }
    return new Tables(prefix + "locks", prefix + "rate_limits", prefix + "circuits");
  }
}
