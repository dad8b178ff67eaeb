package io.gogoscope.persistence.redis;

import io.gogoscope.store.LockProvider;
import io.gogoscope.store.contract.LockProviderContract;
import io.gogoscope.testing.RequiresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisLockProviderContractTest extends LockProviderContract {
  private static RedisContractClients redis;

  @BeforeAll
  static void connect() {
    redis = new RedisContractClients("lockProvider-contract");
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
  protected LockProvider newClient() {
    return redis.next().lockProvider();
  }
}
