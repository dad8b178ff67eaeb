package io.gogoscope.bench.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbc.JdbcLockProvider;

/** ShedLock's JDBC provider on its own table, as its documentation sets it up. */
final class ShedLocks {

  private final JdbcLockProvider provider;

  private ShedLocks(JdbcLockProvider provider) {
    this.provider = provider;
  }

  /** Creates ShedLock's table {@code table} (its documented schema) and a provider on it. */
  static ShedLocks create(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (name VARCHAR(64) NOT NULL,"
          + " lock_until TIMESTAMP NOT NULL, locked_at TIMESTAMP NOT NULL,"
          + " locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
    }
    return new ShedLocks(new JdbcLockProvider(dataSource, table));
  }

  /**
   * Acquires {@code name} for at most {@code ttl} and releases it; fails when it was held. The
   * configuration's time comes from ShedLock's own clock, as in its executors: it truncates to
   * milliseconds, and a finer {@code Instant.now()} would make the release time lie in the future
   * of the next acquire within the same millisecond.
   */
  boolean lockPair(String name, Duration ttl) {
    SimpleLock lock = provider
        .lock(new LockConfiguration(ClockProvider.now(), name, ttl, Duration.ZERO))
        .orElseThrow(() -> new IllegalStateException("ShedLock did not acquire the free lock " + name));
    lock.unlock();
    return true;
  }
}
