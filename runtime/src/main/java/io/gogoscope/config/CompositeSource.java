package io.gogoscope.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Several sources read as one; the first that holds a property wins. */
record CompositeSource(String name, List<ConfigSource> sources) implements ConfigSource {

  @Override
  public Set<String> propertyNames() {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigSource source : sources) {
      names.addAll(source.propertyNames());
    }
    return names;
  }

  @Override
  public String value(String propertyName) {
    for (ConfigSource source : sources) {
      String value = source.value(propertyName);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public List<ConfigSource> parts() {
    return sources.stream().flatMap(source -> source.parts().stream()).toList();
  }

  @Override
  public String toString() {
    return "ConfigSource[" + name + ": " + sources + "]";
  }
}
