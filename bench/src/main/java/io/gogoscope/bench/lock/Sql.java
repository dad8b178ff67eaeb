package io.gogoscope.bench.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Drops what a benchmark created. */
final class Sql {

  private Sql() {}

  static void dropTables(DataSource dataSource, String... tables) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
