package io.gogoscope.persistence.jdbi;

import java.sql.Connection;
import java.sql.SQLException;

/** Store work on one borrowed connection. */
@FunctionalInterface
interface SqlWork<T> {

  T run(Connection connection) throws SQLException;
}
