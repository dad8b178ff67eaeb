package io.gogoscope.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the current row of a result set into a value; {@code null} counts as no row. */
@FunctionalInterface
interface RowReader<R> {

  R read(ResultSet row) throws SQLException;
}
