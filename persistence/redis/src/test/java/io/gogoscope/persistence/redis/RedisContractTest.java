package io.gogoscope.persistence.redis;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.contract.CircuitStateStoreContract;
import io.gogoscope.store.contract.LockProviderContract;
import io.gogoscope.store.contract.RateLimitStoreContract;
import io.gogoscope.testing.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The store contract suite on the machine's Redis, each client a store on its own connection. */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisContractTest {
  private static RedisContractClients redis;

  @BeforeAll
  static void connect() {
    redis = new RedisContractClients("contract");
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  @Nested
  class Locks extends LockProviderContract {
    @Override
    protected LockProvider newClient() {
      return redis.next().lockProvider();
    }
  }

  @Nested
  class RateLimits extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newClient() {
      return redis.next().rateLimitStore();
    }
  }

  @Nested
  class Circuits extends CircuitStateStoreContract {
    @Override
    protected CircuitStateStore newClient() {
      return redis.next().circuitStateStore();
    }
  }
}
