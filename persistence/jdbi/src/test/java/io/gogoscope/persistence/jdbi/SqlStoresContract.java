package io.gogoscope.persistence.jdbi;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.contract.CircuitStateStoreContract;
import io.gogoscope.store.contract.LockProviderContract;
import io.gogoscope.store.contract.RateLimitStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract suite on one SQL backend: each subclass names it. Every client of a test is
 * a {@link JdbiStores} of its own (a second instance of the application); on SQLite that is a
 * second connection to the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlStoresContract {

  private SqlBackend backend;

  /** The backend, created once for the class. */
  abstract SqlBackend createBackend();

  @BeforeAll
  void createTables() {
    backend = createBackend().migrate();
  }

  @AfterAll
  void dropTables() {
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
