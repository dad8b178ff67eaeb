package io.gogoscope.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a {@link io.gogoscope.ScopeRuntime} reads the overrides of its policies from: a set of
 * named string properties such as {@code gogoscope.tasks."users.fetchUser".retry.max-attempts=5}.
 * The annotation values compiled into generated code are the defaults; a property present in the
 * runtime's source replaces one.
 *
 * <p>Out of the box: {@link #of(Map) a map}, {@link #of(Properties) Properties},
 * {@link #systemProperties() system properties}, {@link #environment() environment variables} and
 * {@link #discovered() sources found by ServiceLoader}; {@link #standard()} combines the last three
 * and is what a runtime reads unless told otherwise. Implement this interface (and list the class
 * in {@code META-INF/services/io.gogoscope.config.ConfigSource}, or pass it to
 * {@code ScopeRuntime.Builder.config}) to read another store; the Spring Boot starter binds
 * {@code application.yml} through it.
 *
 * <h2>Precedence</h2>
 * In a {@link #composite composite}, the first source that holds a property wins.
 * {@link #standard()} orders its parts by {@link #ordinal()}, highest first, as MicroProfile Config
 * does: system properties (400), environment variables (300), then discovered sources (100 unless
 * they say otherwise). So {@code -Dgogoscope...} beats {@code GOGOSCOPE_...}, which beats a file a
 * discovered source reads.
 *
 * <p>A source is read once, when the runtime is built; implementations need not be thread-safe
 * beyond that, and later changes to the underlying store are not seen by that runtime.
 */
public interface ConfigSource {

  /** The ordinal of sources that do not say: below system properties and environment variables. */
  int DEFAULT_ORDINAL = 100;

  /** A name for messages: a property at fault is reported with the source that gave it. */
  String name();

  /**
   * Where this source stands when {@link #standard()} orders discovered sources (higher wins); 100
   * unless overridden.
   */
  default int ordinal() {
    return DEFAULT_ORDINAL;
  }

  /** Every property name this source holds; names that do not start with {@code gogoscope} are ignored. */
  Set<String> propertyNames();

  /** The value of {@code propertyName}, or {@code null} when this source does not hold it. */
  String value(String propertyName);

  /**
   * The environment variable that sets {@code property}: every character that is not an ASCII
   * letter or digit replaced by {@code _}, upper-cased (MicroProfile Config's rule).
   */
  static String environmentName(String property) {
    return EnvironmentSource.variableName(property);
  }

  /** A source holding nothing: the runtime runs on its annotation values alone. */
  static ConfigSource none() {
    return of("none", Map.of());
  }

  /** The properties of {@code properties} (a copy taken now). */
  static ConfigSource of(Map<String, String> properties) {
    return of("map", properties);
  }

  /** The properties of {@code properties}, named {@code name} in messages (a copy taken now). */
  static ConfigSource of(String name, Map<String, String> properties) {
    return new MapSource(name, DEFAULT_ORDINAL, new TreeMap<>(properties));
  }

  /** The string properties of {@code properties}, defaults included (a copy taken now). */
  static ConfigSource of(Properties properties) {
    return of("properties", properties);
  }

  /** The string properties of {@code properties}, named {@code name} in messages (a copy taken now). */
  static ConfigSource of(String name, Properties properties) {
    Map<String, String> copy = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      copy.put(key, properties.getProperty(key));
    }
    return new MapSource(name, DEFAULT_ORDINAL, copy);
  }

  /** The JVM's system properties ({@code -Dgogoscope...}), read when the runtime is built; ordinal 400. */
  static ConfigSource systemProperties() {
    return new SystemPropertiesSource();
  }

  /**
   * The environment variables, with MicroProfile Config's name mapping: a property is found under
   * its own name, else with every character that is not a letter or digit replaced by {@code _},
   * else that upper-cased. So {@code gogoscope.tasks."users.fetchUser".retry.max-attempts} is
   * {@code GOGOSCOPE_TASKS__USERS_FETCHUSER__RETRY_MAX_ATTEMPTS}. Ordinal 300.
   */
  static ConfigSource environment() {
    return new EnvironmentSource(System.getenv());
  }

  /**
   * {@code variables} read as environment variables (with {@link #environment()}'s name mapping):
   * for tests, or for the environment of another process.
   */
  static ConfigSource environment(Map<String, String> variables) {
    return new EnvironmentSource(variables);
  }

  /**
   * The sources that {@link ServiceLoader} finds for {@code ConfigSource} on the thread's context
   * class loader (else this class's), highest {@link #ordinal()} first.
   */
  static List<ConfigSource> discovered() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<ConfigSource> found = new ArrayList<>();
    for (ConfigSource source : ServiceLoader.load(ConfigSource.class,
        loader != null ? loader : ConfigSource.class.getClassLoader())) {
      found.add(source);
    }
    found.sort(Comparator.comparingInt(ConfigSource::ordinal).reversed());
    return Collections.unmodifiableList(found);
  }

  /**
   * System properties, environment variables and the {@linkplain #discovered() discovered}
   * sources, ordered by {@link #ordinal()} (highest first; on a tie, in that order).
   */
  static ConfigSource standard() {
    List<ConfigSource> parts = new ArrayList<>();
    parts.add(systemProperties());
    parts.add(environment());
    parts.addAll(discovered());
    parts.sort(Comparator.comparingInt(ConfigSource::ordinal).reversed()); // stable
    return new CompositeSource("standard", parts);
  }

  /** The union of {@code sources}; where several hold a property, the first in the list wins. */
  static ConfigSource composite(ConfigSource... sources) {
    return composite(List.of(sources));
  }

  /** The union of {@code sources}; where several hold a property, the first in the list wins. */
  static ConfigSource composite(List<? extends ConfigSource> sources) {
    for (ConfigSource source : sources) {
      Objects.requireNonNull(source, "a composite's source is null");
    }
    return new CompositeSource("composite", List.copyOf(sources));
  }

  /**
   * The sources this one is made of, first-wins order; a plain source is made of itself. The
   * runtime reads each part on its own, so that a property at fault is reported with the part
   * that gave it.
   */
  default List<ConfigSource> parts() {
    return List.of(this);
  }
}
