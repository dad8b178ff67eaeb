package io.gogoscope.persistence.jdbi;

import java.util.EnumMap;
import java.util.Map;

/**
 * The migrated backends of one test class, one per dialect, made on first use (servers probed as
 * {@link SqlBackend#require} does) and closed together in the class's {@code @AfterAll}.
 */
final class BackendCache implements AutoCloseable {

  private final Map<SqlDialect, SqlBackend> backends = new EnumMap<>(SqlDialect.class);

  synchronized SqlBackend get(SqlDialect dialect) {
    SqlBackend backend = backends.get(dialect);
    if (backend == null) {
      backend = SqlBackend.require(dialect).migrate();
      backends.put(dialect, backend);
    }
    return backend;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (SqlBackend backend : backends.values()) {
      try {
        backend.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    backends.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
