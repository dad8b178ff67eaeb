package io.gogoscope.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Environment variables, found under MicroProfile Config's three spellings of a property name. */
final class EnvironmentSource implements ConfigSource {
  private final Map<String, String> variables;

  EnvironmentSource(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /**
   * {@code name} with every character that is not an ASCII letter or digit replaced by {@code _}
   * and upper-cased: the name an operator gives the variable that sets property {@code name}.
   */
  static String variableName(String name) {
    return sanitized(name).toUpperCase(Locale.ROOT);
  }

  private static String sanitized(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return out.toString();
  }

  @Override
  public String name() {
    return "environment variables";
  }

  @Override
  public int ordinal() {
    return 300;
  }

  @Override
  public Set<String> propertyNames() {
    return variables.keySet();
  }

  @Override
  public String value(String propertyName) {
    String value = variables.get(propertyName);
    if (value == null) {
      value = variables.get(sanitized(propertyName));
    }
    if (value == null) {
      value = variables.get(variableName(propertyName));
    }
    return value;
  }

  @Override
  public String toString() {
    return "ConfigSource[environment variables]";
  }
}
