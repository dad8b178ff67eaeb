package io.gogoscope.examples.persistence;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Which backend the examples keep their locks, rate limits and circuit state in, read from system
 * properties, so the same example code runs on each by configuration only:
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code gogoscope.store}</td><td>{@code sqlite}, {@code postgres}, {@code mariadb} or
 *       {@code redis}</td><td>{@code sqlite}</td></tr>
 *   <tr><td>{@code gogoscope.store.url}</td><td>the SQLite file, the JDBC URL or the Redis
 *       URL</td><td>a new SQLite file in the system temp folder, deleted at the end;
 *       {@code jdbc:postgresql://127.0.0.1:5432/test}; {@code jdbc:mariadb://127.0.0.1:3306/test};
 *       {@code redis://127.0.0.1:6379}</td></tr>
 *   <tr><td>{@code gogoscope.store.user}, {@code gogoscope.store.password}</td><td>the SQL
 *       login</td><td>{@code postgres} or {@code root}, no password</td></tr>
 *   <tr><td>{@code gogoscope.store.prefix}</td><td>the table or key prefix</td><td>on a server, one
 *       of this run's own, whose tables or keys are removed at the end, so every run starts empty
 *       and leaves nothing behind; set it to keep the state between runs</td></tr>
 * </table>
 *
 * @param backend where the state lives
 * @param url the SQLite file, JDBC URL or Redis URL; empty for a new temporary SQLite file
 * @param user the SQL user (unused for SQLite and Redis)
 * @param password the SQL password (unused for SQLite and Redis)
 * @param prefix the table or key prefix; empty for one of this run's own
 */
public record StoreSettings(
    Backend backend, Optional<String> url, String user, String password, Optional<String> prefix) {

  /** The backends the examples run on. */
  public enum Backend {
    /** An SQLite file through Jdbi: the embedded default, no server. */
    SQLITE("sqlite", "", ""),
    /** PostgreSQL through Jdbi and HikariCP. */
    POSTGRES("postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    /** MariaDB (or MySQL) through Jdbi and HikariCP. */
    MARIADB("mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root"),
    /** Redis through Redisson. */
    REDIS("redis", "redis://127.0.0.1:6379", "");

    private final String property;
    private final String defaultUrl;
    private final String defaultUser;

    Backend(String property, String defaultUrl, String defaultUser) {
      this.property = property;
      this.defaultUrl = defaultUrl;
      this.defaultUser = defaultUser;
    }

    /** How {@code -Dgogoscope.store} names it. */
    public String property() {
      return property;
    }

    static Backend named(String name) {
      return Arrays.stream(values())
          .filter(backend -> backend.property.equals(name.trim().toLowerCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "-Dgogoscope.store=" + name + " names no backend the examples know; use one of "
                  + Arrays.stream(values()).map(Backend::property).collect(Collectors.joining(", "))
                  + " (default sqlite)"));
    }
  }

  /** {@code backend} with its defaults: the machine's server, or a new temporary SQLite file. */
  public static StoreSettings defaults(Backend backend) {
    return new StoreSettings(
        backend,
        backend.defaultUrl.isEmpty() ? Optional.empty() : Optional.of(backend.defaultUrl),
        backend.defaultUser,
        "",
        Optional.empty());
  }

  /** The settings the {@code gogoscope.store*} system properties give. */
  public static StoreSettings fromSystemProperties() {
    return from(System.getProperties());
  }

  /**
   * The settings {@code properties} give, each missing or empty one at its default.
   *
   * @throws IllegalArgumentException when {@code gogoscope.store} names no known backend
   */
  static StoreSettings from(Properties properties) {
    Backend backend = Backend.named(property(properties, "gogoscope.store").orElse(Backend.SQLITE.property));
    StoreSettings defaults = defaults(backend);
    return new StoreSettings(
        backend,
        property(properties, "gogoscope.store.url").or(defaults::url),
        property(properties, "gogoscope.store.user").orElse(defaults.user()),
        property(properties, "gogoscope.store.password").orElse(defaults.password()),
        property(properties, "gogoscope.store.prefix"));
  }

  /** A property's value; an empty one (as Maven passes an unset property on) counts as absent. */
  private static Optional<String> property(Properties properties, String name) {
    return Optional.ofNullable(properties.getProperty(name)).filter(value -> !value.isBlank());
  }
}
