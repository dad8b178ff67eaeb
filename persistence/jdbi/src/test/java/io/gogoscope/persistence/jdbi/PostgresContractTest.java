package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.contract.CircuitStateStoreContract;
import io.gogoscope.store.contract.LockProviderContract;
import io.gogoscope.store.contract.RateLimitStoreContract;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The store contract suite on PostgreSQL (127.0.0.1:5432, database test). */
@RequiresServer(name = "PostgreSQL", port = 5432)
class PostgresContractTest {

  private static SqlBackend backend;

  @BeforeAll
  static void createTables() {
    backend = SqlBackend.postgres().migrate();
  }

  @AfterAll
  static void dropTables() {
    backend.close();
  }

  @Nested
  class Locks extends LockProviderContract {
    @Override
    protected LockProvider newClient() {
      return backend.stores().lockProvider();
    }
  }

  @Nested
  class RateLimits extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newClient() {
      return backend.stores().rateLimitStore();
    }
  }

  @Nested
  class Circuits extends CircuitStateStoreContract {
    @Override
    protected CircuitStateStore newClient() {
      return backend.stores(b -> b.pollInterval(Duration.ofMillis(50))).circuitStateStore();
    }
  }
}
