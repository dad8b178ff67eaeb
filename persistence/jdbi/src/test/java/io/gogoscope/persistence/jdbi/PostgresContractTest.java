package io.gogoscope.persistence.jdbi;

import io.gogoscope.testing.RequiresServer;

/** The store contract suite on PostgreSQL (127.0.0.1:5432, database test). */
@RequiresServer(name = "PostgreSQL", port = 5432)
class PostgresContractTest extends SqlStoresContract {
  @Override
  SqlBackend createBackend() {
    return SqlBackend.postgres();
  }
}
