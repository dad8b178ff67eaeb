package io.gogoscope.examples.persistence;

import io.gogoscope.ScopeRuntime;
import java.util.List;

/**
 * The stores the examples keep their locks, rate limits and circuit state in, on the backend that
 * {@link StoreSettings} names: an SQLite file by default, or PostgreSQL, MariaDB or Redis. The
 * example code only ever sees {@link ScopeRuntime}s, so it is the same on every backend.
 *
 * <pre>{@code
 * try (ExampleStores stores = ExampleStores.fromSystemProperties()) {
 *   ScopeRuntime runtime = stores.newInstance().build();
 *   ...
 * }
 * }</pre>
 */
public sealed interface ExampleStores extends AutoCloseable permits SqlExampleStores, RedisExampleStores {

  /** The stores that the {@code gogoscope.store*} system properties name (SQLite by default). */
  static ExampleStores fromSystemProperties() {
    return open(StoreSettings.fromSystemProperties());
  }

  /**
   * Connects to the backend of {@code settings} and, on SQL, creates the tables.
   *
   * @throws io.gogoscope.store.StoreException when the backend cannot be reached
   */
  static ExampleStores open(StoreSettings settings) {
    return switch (settings.backend()) {
      case SQLITE, POSTGRES, MARIADB -> SqlExampleStores.open(settings);
      case REDIS -> RedisExampleStores.open(settings);
    };
  }

  /** What and where the backend is, e.g. {@code SQLite file /tmp/gogoscope-examples-1.db}. */
  String description();

  /**
   * What the names of these stores' tables or keys start with: the one the settings named, or one
   * of this run's own.
   */
  String prefix();

  /**
   * A runtime builder for one more instance of the application: its lock provider, rate-limit store
   * and circuit-state store are new clients of the backend, on a connection of their own, as a
   * second process would have. Add an observer or meter registry, then build it.
   */
  ScopeRuntime.Builder newInstance();

  /** What the backend holds now under these stores' tables or keys, a line per table or key. */
  List<String> contents();

  /**
   * Disconnects every instance; removes the temporary SQLite file, or this run's tables or keys,
   * when the settings named none.
   */
  @Override
  void close();
}
