package io.gogoscope.config;

/**
 * A configuration override that cannot be used: it names no known task, policy, circuit breaker
 * or setting, or its value is malformed or out of range. Thrown when the
 * {@link io.gogoscope.ScopeRuntime} is built (or, for values that only clash with the annotation
 * values of the task, when its guard is built), so a typo fails the deployment instead of passing
 * silently. The message names the property, the source that gave it and what it accepts.
 */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String property;

  /** A problem with {@code property}, explained by {@code message}. */
  public ConfigurationException(String property, String message) {
    super(message);
    this.property = property;
  }

  /** A problem with {@code property}, explained by {@code message}, found as {@code cause}. */
  public ConfigurationException(String property, String message, Throwable cause) {
    super(message, cause);
    this.property = property;
  }

  /** The property at fault (the first one, when several are). */
  public String property() {
    return property;
  }
}
