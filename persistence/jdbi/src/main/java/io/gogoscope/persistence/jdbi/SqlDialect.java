package io.gogoscope.persistence.jdbi;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL databases the Jdbi stores speak. {@link JdbiStores} detects the dialect from the
 * connection's metadata; {@link JdbiStores.Builder#dialect(SqlDialect)} overrides it (for a proxy
 * or driver that reports a foreign product name, or to force {@link #MYSQL} on a MariaDB older than
 * 10.5).
 */
public enum SqlDialect {
  /** PostgreSQL 9.5 or newer: {@code INSERT … ON CONFLICT … WHERE … RETURNING}, one statement per operation. */
  POSTGRESQL("PostgreSQL"),
  /** MariaDB 10.5 or newer: {@code INSERT … ON DUPLICATE KEY UPDATE … RETURNING}, one statement per operation. */
  MARIADB("MariaDB"),
  /**
   * MySQL 8.0.17 or newer (or an older MariaDB): {@code INSERT … ON DUPLICATE KEY UPDATE}, which
   * cannot return the row it wrote, so each upsert reads its row back in the same short transaction
   * (two statements, one commit).
   */
  MYSQL("MySQL"),
  /** SQLite 3.35 or newer (WAL mode), one statement per operation, all work queued behind a fair lock. */
  SQLITE("SQLite");

  private final String displayName;

  SqlDialect(String displayName) {
    this.displayName = displayName;
  }

  /** The database's name as people write it ("PostgreSQL", "MariaDB", …). */
  public String displayName() {
    return displayName;
  }

  /**
   * The dialect of the database behind {@code metadata}.
   *
   * @throws IllegalStateException for a database this module does not support
   */
  static SqlDialect detect(DatabaseMetaData metadata) throws SQLException {
    String product = metadata.getDatabaseProductName();
    String version = metadata.getDatabaseProductVersion();
    String name = product.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.contains("sqlite")) {
      return SQLITE;
    }
    // MySQL's driver reports a MariaDB server as "MySQL" with a version like "5.5.5-10.11.6-MariaDB".
    if (name.contains("mariadb") || (name.contains("mysql") && version.toLowerCase(Locale.ROOT).contains("mariadb"))) {
      return mariaDbSupportsReturning(metadata) ? MARIADB : MYSQL;
    }
    if (name.contains("mysql")) {
      return MYSQL;
    }
    throw new IllegalStateException(
        "the Jdbi stores support PostgreSQL, MySQL/MariaDB and SQLite, but the connection reports '"
            + product + " " + version
            + "'; if it is one of those behind a proxy, name it with JdbiStores.Builder.dialect(...)");
  }

  private static boolean mariaDbSupportsReturning(DatabaseMetaData metadata) throws SQLException {
    int major = metadata.getDatabaseMajorVersion();
    int minor = metadata.getDatabaseMinorVersion();
    // MySQL's driver reports 5.5 for a MariaDB 10+ server (the "5.5.5-" prefix); the real version follows it.
    if (major == 5) {
      String version = metadata.getDatabaseProductVersion();
      String[] parts = version.replaceFirst("^5\\.5\\.5-", "").split("[.-]");
      try {
        major = Integer.parseInt(parts[0]);
        minor = Integer.parseInt(parts[1]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        return false; // unknown version: take the dialect that works on every version
      }
    }
    return major > 10 || (major == 10 && minor >= 5);
  }
}
