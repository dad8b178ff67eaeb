package io.gogoscope.examples.persistence;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.persistence.redis.RedisStores;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.config.Config;

/** The Redis stores of the examples: each instance a Redisson client (its own connections). */
final class RedisExampleStores implements ExampleStores {
  private final String url;
  private final String prefix;
  /** Whether the keys are this run's own, to be removed at the end. */
  private final boolean ownedByThisRun;
  private final List<RedissonClient> clients = new ArrayList<>();

  private RedisExampleStores(String url, String prefix, boolean ownedByThisRun) {
    this.url = url;
    this.prefix = prefix;
    this.ownedByThisRun = ownedByThisRun;
  }

  static RedisExampleStores open(StoreSettings settings) {
    String runPrefix = "gogoscope-example:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    RedisExampleStores stores = new RedisExampleStores(
        settings.url().orElseThrow(), settings.prefix().orElse(runPrefix), settings.prefix().isEmpty());
    stores.connect(); // fails here, with Redisson's message, when Redis cannot be reached
    return stores;
  }

  private RedissonClient connect() {
    Config config = new Config();
    config.useSingleServer()
        .setAddress(url)
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(8)
        .setSubscriptionConnectionMinimumIdleSize(1);
    RedissonClient client = Redisson.create(config);
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  @Override
  public String description() {
    return "Redis " + url;
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public ScopeRuntime.Builder newInstance() {
    RedisStores stores = RedisStores.builder(connect()).keyPrefix(prefix).build();
    return ScopeRuntime.builder().stores(stores);
  }

  @Override
  public List<String> contents() {
    RedissonClient client = firstClient();
    return keys(client).stream().map(key -> key + " (" + client.getKeys().getType(key) + ")").toList();
  }

  /** The keys under the prefix, found by SCAN (never KEYS, which blocks the server). */
  private List<String> keys(RedissonClient client) {
    return client.getKeys().getKeysStream(KeysScanOptions.defaults().pattern(prefix + "*")).sorted().toList();
  }

  private RedissonClient firstClient() {
    synchronized (clients) {
      return clients.getFirst();
    }
  }

  @Override
  public void close() {
    Closer closer = new Closer();
    if (ownedByThisRun) {
      closer.run(() -> {
        RedissonClient client = firstClient();
        List<String> keys = keys(client);
        if (!keys.isEmpty()) {
          client.getKeys().unlink(keys.toArray(String[]::new));
        }
      });
    }
    synchronized (clients) {
      clients.forEach(client -> closer.run(client::shutdown));
      clients.clear();
    }
    closer.rethrow();
  }
}
