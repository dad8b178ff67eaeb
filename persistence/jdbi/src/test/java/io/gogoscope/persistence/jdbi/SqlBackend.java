package io.gogoscope.persistence.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.testing.RequiresServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * One database for a test class: the machine's PostgreSQL or MariaDB (through a HikariCP pool) or
 * a SQLite file in a temporary folder, with tables under a prefix of its own so test classes and
 * parallel builds never share rows. {@link #close()} drops the tables, closes every store made
 * here and the pool, and deletes the SQLite folder.
 */
final class SqlBackend implements AutoCloseable {

  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

  private final SqlDialect dialect;
  private final String url;
  private final String user;
  private final HikariDataSource pool;
  private final Path sqliteFolder;
  private final Jdbi jdbi;
  private final String prefix;
  private final List<JdbiStores> made = new ArrayList<>();

  private SqlBackend(SqlDialect dialect, String url, String user, HikariDataSource pool, Path sqliteFolder) {
    this.dialect = dialect;
    this.url = url;
    this.user = user;
    this.pool = pool;
    this.sqliteFolder = sqliteFolder;
    this.jdbi = pool != null ? Jdbi.create(pool) : Jdbi.create(url);
    this.prefix = "gs" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
  }

  static SqlBackend postgres() {
    return server(SqlDialect.POSTGRESQL, POSTGRES_URL, "postgres");
  }

  static SqlBackend mariaDb() {
    return server(SqlDialect.MARIADB, MARIADB_URL, "root");
  }

  /** MariaDB spoken as MySQL: no RETURNING, each upsert read back in its transaction. */
  static SqlBackend mySqlOnMariaDb() {
    return server(SqlDialect.MYSQL, MARIADB_URL, "root");
  }

  static SqlBackend sqlite() {
    try {
      Path folder = Files.createTempDirectory("gogoscope-sqlite");
      return new SqlBackend(SqlDialect.SQLITE, "jdbc:sqlite:" + folder.resolve("stores.db"), null, null, folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The backend of {@code dialect}, its server probed first: unreachable, the test is skipped, or
   * fails under {@code CI=true}.
   */
  static SqlBackend require(SqlDialect dialect) {
    switch (dialect) {
      case POSTGRESQL -> RequiresServerExtension.require("PostgreSQL", "127.0.0.1", 5432);
      case MARIADB, MYSQL -> RequiresServerExtension.require("MariaDB", "127.0.0.1", 3306);
      case SQLITE -> {}
    }
    return of(dialect);
  }

  static SqlBackend of(SqlDialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> postgres();
      case MARIADB -> mariaDb();
      case MYSQL -> mySqlOnMariaDb();
      case SQLITE -> sqlite();
    };
  }

  private static SqlBackend server(SqlDialect dialect, String url, String user) {
    return new SqlBackend(dialect, url, user, pool(url, user, 8), null);
  }

  /** A HikariCP pool as the README recommends it, with a short connection timeout for tests. */
  static HikariDataSource pool(String url, String user, int size) {
    return pool(url, user, size, config -> {});
  }

  /** {@link #pool(String, String, int)}, with {@code customize} applied before the pool starts. */
  static HikariDataSource pool(String url, String user, int size, java.util.function.Consumer<HikariConfig> customize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(3_000);
    config.setValidationTimeout(1_000);
    config.setPoolName("gogoscope-test-" + url.replaceAll(".*//", ""));
    customize.accept(config);
    return new HikariDataSource(config);
  }

  SqlDialect dialect() {
    return dialect;
  }

  String url() {
    return url;
  }

  String user() {
    return user;
  }

  String prefix() {
    return prefix;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /** New stores on this database and prefix (a second "instance"), closed with the backend. */
  JdbiStores stores() {
    return stores(builder -> builder);
  }

  /**
   * New stores configured by {@code configure}. On a server they borrow from the pool itself, the
   * recommended way; {@link BackendLossTest} and {@link LockWorker} take the {@link Jdbi} way, so
   * both of the runner's paths run against every server.
   */
  JdbiStores stores(UnaryOperator<JdbiStores.Builder> configure) {
    JdbiStores.Builder builder = pool != null ? JdbiStores.using(pool) : JdbiStores.using(jdbi);
    JdbiStores stores = configure.apply(builder.dialect(dialect).tablePrefix(prefix)).build();
    synchronized (made) {
      made.add(stores);
    }
    return stores;
  }

  SqlBackend migrate() {
    try (JdbiStores stores = JdbiStores.using(jdbi).dialect(dialect).tablePrefix(prefix).build()) {
      stores.migrate();
    }
    return this;
  }

  long count(String table) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + prefix + table).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    synchronized (made) {
      made.forEach(JdbiStores::close);
      made.clear();
    }
    try {
      if (sqliteFolder == null) {
        jdbi.useHandle(h -> {
          for (String table : List.of("locks", "rate_limits", "circuits")) {
            h.execute("DROP TABLE IF EXISTS " + prefix + table);
          }
        });
      }
    } finally {
      if (pool != null) {
        pool.close();
      }
      if (sqliteFolder != null) {
        deleteRecursively(sqliteFolder);
      }
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test's SQLite folder " + folder, e);
    }
  }
}
