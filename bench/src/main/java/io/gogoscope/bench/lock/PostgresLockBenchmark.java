package io.gogoscope.bench.lock;

import com.zaxxer.hikari.HikariDataSource;
import io.gogoscope.bench.infra.Backends;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.persistence.jdbi.JdbiStores;

/** {@link SqlLockBenchmark} on PostgreSQL; every variant shares one pool of two connections. */
@Requires(Service.POSTGRES)
public class PostgresLockBenchmark extends SqlLockBenchmark {

  @Override
  HikariDataSource openDataSource(String prefix) {
    return Backends.postgres(2);
  }

  @Override
  JdbiStores.Builder stores(HikariDataSource dataSource) {
    return JdbiStores.using(dataSource);
  }

  @Override
  JdbcLockPair.Dialect dialect() {
    return JdbcLockPair.Dialect.POSTGRES;
  }
}
