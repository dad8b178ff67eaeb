package io.gogoscope.persistence.redis;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.contract.CircuitStateStoreContract;
import io.gogoscope.testing.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisCircuitStateStoreContractTest extends CircuitStateStoreContract {
  private static RedisContractClients redis;

  @BeforeAll
  static void connect() {
    redis = new RedisContractClients("circuitStateStore-contract");
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

  @Override
  protected CircuitStateStore newClient() {
    return redis.next().circuitStateStore();
  }
}
