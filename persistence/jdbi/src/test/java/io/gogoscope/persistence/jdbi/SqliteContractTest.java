package io.gogoscope.persistence.jdbi;

/** The store contract suite on a SQLite file; the two clients of each test are two connections to it. */
class SqliteContractTest extends SqlStoresContract {
  @Override
  SqlBackend createBackend() {
    return SqlBackend.sqlite();
  }
}
