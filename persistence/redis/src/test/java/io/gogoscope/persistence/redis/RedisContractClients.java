package io.gogoscope.persistence.redis;

import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * Two Redisson clients (two connections, as two processes would have) under one random key prefix;
 * {@link #next()} gives a new {@link RedisStores} on them in turn.
 */
final class RedisContractClients implements AutoCloseable {
  private final String prefix;
  private final List<RedissonClient> clients = List.of(TestRedis.connect(), TestRedis.connect());
  private int created;

  RedisContractClients(String owner) {
    this.prefix = TestRedis.randomPrefix(owner);
  }

  synchronized RedisStores next() {
    return RedisStores.builder(clients.get(created++ % 2)).keyPrefix(prefix).build();
  }

  void deleteKeys() {
    TestRedis.deleteKeys(clients.get(0), prefix);
  }

  @Override
  public void close() {
    deleteKeys();
    clients.forEach(RedissonClient::shutdown);
  }
}
