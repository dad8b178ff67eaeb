package io.gogoscope.persistence.redis;

import java.util.List;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;

/**
 * Two Redisson clients (two connections, as two processes would have) under one random key prefix;
 * {@link #next()} gives a new {@link RedisStores} on them in turn.
 */
final class RedisContractClients implements AutoCloseable {
  private final String prefix;
  private final List<RedissonClient> clients;
  private int created;

  /** Two clients of the machine's shared Redis. */
  RedisContractClients(String owner) {
    this(owner, TestRedis::connect);
  }

  /** Two clients from {@code connect} (a cluster's, say). */
  RedisContractClients(String owner, Supplier<RedissonClient> connect) {
    this.prefix = TestRedis.randomPrefix(owner);
    this.clients = List.of(connect.get(), connect.get());
  }

  /** The key prefix of every store made. */
  String prefix() {
    return prefix;
  }

  /** The first client. */
  RedissonClient client() {
    return clients.get(0);
  }

  /** The second client: another process's connection. */
  RedissonClient otherClient() {
    return clients.get(1);
  }

  /** Stores on the first client, under the prefix. */
  RedisStores stores() {
    return RedisStores.builder(client()).keyPrefix(prefix).build();
  }

  /** Stores on the second client, under the prefix: another process's. */
  RedisStores otherStores() {
    return RedisStores.builder(otherClient()).keyPrefix(prefix).build();
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
