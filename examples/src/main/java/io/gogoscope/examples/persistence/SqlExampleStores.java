package io.gogoscope.examples.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.examples.persistence.StoreSettings.Backend;
import io.gogoscope.persistence.jdbi.JdbiStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL stores of the examples: an SQLite file (each instance a connection of its own to it) or
 * a PostgreSQL or MariaDB database (each instance a HikariCP pool of its own).
 */
final class SqlExampleStores implements ExampleStores {
  /** Subscribers poll for circuit changes this often (default 1 s), so the example waits little. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final StoreSettings settings;
  /** The SQLite file; {@code null} on a server. */
  private final Path file;
  private final String prefix;
  /** Whether the file or the tables are this run's own, to be removed at the end. */
  private final boolean ownedByThisRun;
  /** Reads {@link #contents()} and drops tables, on a connection of its own. */
  private final Jdbi admin;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private SqlExampleStores(StoreSettings settings, Path file, String prefix, boolean ownedByThisRun, Jdbi admin) {
    this.settings = settings;
    this.file = file;
    this.prefix = prefix;
    this.ownedByThisRun = ownedByThisRun;
    this.admin = admin;
  }

  static SqlExampleStores open(StoreSettings settings) {
    SqlExampleStores stores;
    if (settings.backend() == Backend.SQLITE) {
      // A file of the user's is kept; without one, a new file in the temp folder is deleted at the end.
      Path file = settings.url().map(Path::of).orElseGet(SqlExampleStores::temporaryFile).toAbsolutePath();
      stores = new SqlExampleStores(settings, file, settings.prefix().orElse("gogoscope_"),
          settings.url().isEmpty(), Jdbi.create("jdbc:sqlite:" + file));
    } else {
      String runPrefix = "gogoscope_example_" + UUID.randomUUID().toString().substring(0, 8) + "_";
      stores = new SqlExampleStores(settings, null, settings.prefix().orElse(runPrefix),
          settings.prefix().isEmpty(), Jdbi.create(settings.url().orElseThrow(), settings.user(), settings.password()));
    }
    try (JdbiStores migration = stores.connect().build()) {
      migration.migrate(); // explicit and idempotent: the stores never create tables by themselves
    }
    return stores;
  }

  /** Stores of a new instance: a new SQLite connection, or a new pool. */
  private JdbiStores.Builder connect() {
    JdbiStores.Builder builder = file != null ? JdbiStores.sqlite(file) : JdbiStores.using(newPool());
    return builder.tablePrefix(prefix).pollInterval(POLL_INTERVAL);
  }

  /** A small pool of the instance's own, closed at the end. */
  private HikariDataSource newPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url().orElseThrow());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(5_000); // the budget for getting a connection (HikariCP's default: 30 s)
    return opened(new HikariDataSource(config));
  }

  private <T extends AutoCloseable> T opened(T resource) {
    synchronized (opened) {
      opened.add(resource);
    }
    return resource;
  }

  @Override
  public String description() {
    return switch (settings.backend()) {
      case SQLITE -> "SQLite file " + file;
      case POSTGRES -> "PostgreSQL " + settings.url().orElseThrow();
      case MARIADB -> "MariaDB " + settings.url().orElseThrow();
      case REDIS -> throw new IllegalStateException("SQL stores on Redis settings: " + settings);
    };
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public ScopeRuntime.Builder newInstance() {
    JdbiStores stores = opened(connect().build());
    return ScopeRuntime.builder().stores(stores);
  }

  @Override
  public List<String> contents() {
    return admin.withHandle(handle -> List.of(
        prefix + "locks: " + String.join(", ", handle
            .createQuery("SELECT lock_key, fencing, owner FROM " + prefix + "locks ORDER BY lock_key")
            .map((row, context) -> row.getString("lock_key") + " (fencing token " + row.getLong("fencing")
                + (row.getString("owner") == null ? ", free)" : ", held)"))
            .list()),
        prefix + "rate_limits: " + String.join(", ", handle
            .createQuery("SELECT rl_key FROM " + prefix + "rate_limits ORDER BY rl_key")
            .mapTo(String.class)
            .list()),
        prefix + "circuits: " + String.join(", ", handle
            .createQuery("SELECT name, state FROM " + prefix + "circuits ORDER BY name")
            .map((row, context) -> row.getString("name") + " (" + row.getString("state") + ")")
            .list())));
  }

  @Override
  public void close() {
    Closer closer = new Closer();
    synchronized (opened) {
      opened.reversed().forEach(closer::close); // stores before the pools they use
      opened.clear();
    }
    if (ownedByThisRun) {
      closer.run(file != null ? this::deleteDatabase : this::dropTables);
    }
    closer.rethrow();
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("gogoscope-examples-", ".db");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the examples' SQLite file in the temp folder", e);
    }
  }

  /** The database file and the files WAL mode keeps beside it. */
  private void deleteDatabase() {
    try {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the examples' SQLite file " + file, e);
    }
  }

  private void dropTables() {
    admin.useHandle(handle -> {
      for (String table : List.of("locks", "rate_limits", "circuits")) {
        handle.execute("DROP TABLE IF EXISTS " + prefix + table);
      }
    });
  }
}
