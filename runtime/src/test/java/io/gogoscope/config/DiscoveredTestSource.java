package io.gogoscope.config;

import java.util.Map;
import java.util.Set;

/**
 * A source ServiceLoader finds on the test class path (listed in META-INF/services), ordinal 350:
 * between system properties and environment variables. Holds nothing unless a test fills it.
 */
public final class DiscoveredTestSource implements ConfigSource {
  /** What the source holds; tests set it and clear it again. */
  public static volatile Map<String, String> properties = Map.of();

  @Override
  public String name() {
    return "discovered test source";
  }

  @Override
  public int ordinal() {
    return 350;
  }

  @Override
  public Set<String> propertyNames() {
    return properties.keySet();
  }

  @Override
  public String value(String propertyName) {
    return properties.get(propertyName);
  }
}
