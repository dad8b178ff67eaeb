package io.gogoscope.config;

import java.util.Map;
import java.util.Set;

/** A fixed set of properties (a map or {@link java.util.Properties} copied when created). */
record MapSource(String name, int ordinal, Map<String, String> properties) implements ConfigSource {

  @Override
  public Set<String> propertyNames() {
    return properties.keySet();
  }

  @Override
  public String value(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String toString() {
    return "ConfigSource[" + name + ", " + properties.size() + " properties]";
  }
}
