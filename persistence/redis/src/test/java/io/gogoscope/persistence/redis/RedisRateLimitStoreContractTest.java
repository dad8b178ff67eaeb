package io.gogoscope.persistence.redis;

import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.contract.RateLimitStoreContract;
import io.gogoscope.testing.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisRateLimitStoreContractTest extends RateLimitStoreContract {
  private static RedisContractClients redis;

  @BeforeAll
  static void connect() {
    redis = new RedisContractClients("rateLimitStore-contract");
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
  protected RateLimitStore newClient() {
    return redis.next().rateLimitStore();
  }
}
