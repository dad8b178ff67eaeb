package io.gogoscope.persistence.jdbi;

import io.gogoscope.testing.RequiresServer;

/** The store contract suite on MariaDB (127.0.0.1:3306, database test), one statement per operation with RETURNING. */
@RequiresServer(name = "MariaDB", port = 3306)
class MariaDbContractTest extends SqlStoresContract {
  @Override
  SqlBackend createBackend() {
    return SqlBackend.mariaDb();
  }
}
