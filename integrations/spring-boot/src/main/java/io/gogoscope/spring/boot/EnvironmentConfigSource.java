package io.gogoscope.spring.boot;

import io.gogoscope.config.ConfigSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The application's {@code Environment} as the runtime's {@link ConfigSource}: every
 * {@code gogoscope.*} override ({@code gogoscope.tasks.*}, {@code gogoscope.circuit-breakers.*},
 * {@code gogoscope.<policy>.enabled}) of every property source, in Spring's precedence
 * (command line, system properties, ..., {@code application.yml}). Each property is a part of its
 * own, named by its origin ({@code class path resource [application.yml] - 4:23}), so the
 * runtime's start-up failure points at the line to fix.
 *
 * <p>Spring's names are turned into the runtime's: a bracketed key ({@code [users.fetchUser]}) is
 * a quoted task name ({@code "users.fetchUser"}), the rest in Spring's canonical dashed form.
 * Environment variables are read with the runtime's own mapping
 * ({@link ConfigSource#environment()}: {@code GOGOSCOPE_TASKS_..._RETRY_MAX_ATTEMPTS}), since
 * Spring's mapping of them cannot tell a dash from a dot. ServiceLoader-discovered sources come
 * last, as in {@link ConfigSource#standard()}.
 */
final class EnvironmentConfigSource {
  /** The starter's own groups under {@code gogoscope.}, bound by {@link GogoscopeProperties}, not overrides. */
  static final Set<String> STARTER_GROUPS = Set.of(
      "store", "metrics", "tracing", "context-propagation", "health", "close-grace", "actuator", "shutdown");

  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("gogoscope");
  /** Spring's own view of every source at once; reading it would see each property twice. */
  private static final String ATTACHED = "configurationProperties";

  private EnvironmentConfigSource() {}

  /** The overrides of {@code environment}, read now. */
  static ConfigSource of(ConfigurableEnvironment environment) {
    List<ConfigSource> parts = new ArrayList<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (ATTACHED.equals(source.getName())) {
        continue;
      }
      if (source instanceof SystemEnvironmentPropertySource) {
        parts.add(ConfigSource.environment());
        continue;
      }
      if (ConfigurationPropertySource.from(source) instanceof IterableConfigurationPropertySource iterable) {
        // A YAML list (fail-on: [a, b]) is one property per element: joined with commas, as the
        // runtime reads a list, under the list's own name.
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, String> listOrigins = new LinkedHashMap<>();
        for (ConfigurationPropertyName name : (Iterable<ConfigurationPropertyName>) iterable.stream()::iterator) {
          boolean element = name.getNumberOfElements() > 1 && name.isNumericIndex(name.getNumberOfElements() - 1);
          String override = overrideName(element ? name.getParent() : name);
          ConfigurationProperty property = override == null ? null : iterable.getConfigurationProperty(name);
          if (property == null || property.getValue() == null) {
            continue;
          }
          String origin = property.getOrigin() != null ? property.getOrigin().toString() : source.getName();
          if (element) {
            lists.computeIfAbsent(override, o -> new ArrayList<>()).add(String.valueOf(property.getValue()));
            listOrigins.putIfAbsent(override, origin);
          } else {
            parts.add(ConfigSource.of(origin, Map.of(override, String.valueOf(property.getValue()))));
          }
        }
        lists.forEach((override, values) ->
            parts.add(ConfigSource.of(listOrigins.get(override), Map.of(override, String.join(",", values)))));
      }
    }
    parts.addAll(ConfigSource.discovered());
    return ConfigSource.composite(parts);
  }

  /** {@code name} in the runtime's spelling, or {@code null} when it is not an override. */
  static String overrideName(ConfigurationPropertyName name) {
    if (!ROOT.isAncestorOf(name) || name.getNumberOfElements() < 2
        || STARTER_GROUPS.contains(name.getElement(1, Form.DASHED))) {
      return null;
    }
    String group = name.getElement(1, Form.DASHED);
    boolean named = group.equals("tasks") || group.equals("circuit-breakers");
    StringBuilder text = new StringBuilder("gogoscope");
    for (int i = 1; i < name.getNumberOfElements(); i++) {
      text.append('.');
      if (named && i == 2) {
        // The task or breaker name as written: case kept, dots quoted.
        String original = name.getElement(i, Form.ORIGINAL);
        text.append(original.indexOf('.') >= 0 ? '"' + original + '"' : original);
      } else {
        text.append(name.getElement(i, Form.DASHED));
      }
    }
    return text.toString();
  }
}
