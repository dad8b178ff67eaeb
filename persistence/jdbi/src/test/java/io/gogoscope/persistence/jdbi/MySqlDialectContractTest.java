package io.gogoscope.persistence.jdbi;

import io.gogoscope.testing.RequiresServer;

/**
 * The store contract suite on MariaDB spoken as MySQL: no RETURNING, each upsert read back in its
 * transaction, the path MySQL 8 takes.
 */
@RequiresServer(name = "MariaDB", port = 3306)
class MySqlDialectContractTest extends SqlStoresContract {
  @Override
  SqlBackend createBackend() {
    return SqlBackend.mySqlOnMariaDb();
  }
}
