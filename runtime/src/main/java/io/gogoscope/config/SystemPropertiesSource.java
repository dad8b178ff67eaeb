package io.gogoscope.config;

import java.util.Set;

/** The JVM's system properties, read live (the runtime reads them once, when it is built). */
final class SystemPropertiesSource implements ConfigSource {

  @Override
  public String name() {
    return "system properties";
  }

  @Override
  public int ordinal() {
    return 400;
  }

  @Override
  public Set<String> propertyNames() {
    return System.getProperties().stringPropertyNames();
  }

  @Override
  public String value(String propertyName) {
    return System.getProperty(propertyName);
  }

  @Override
  public String toString() {
    return "ConfigSource[system properties]";
  }
}
