package io.gogoscope.persistence.redis;

import java.util.List;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.config.Config;

/**
 * The machine's shared Redis (127.0.0.1:6379) as the tests use it: every test class works under a
 * random key prefix of its own and deletes only keys under it, never the whole server, because other
 * builds share that server.
 */
final class TestRedis {
  static final String HOST = "127.0.0.1";
  static final int PORT = 6379;

  private TestRedis() {}

  /** A Redisson client for {@code host:port} that gives up quickly instead of retrying for long. */
  static RedissonClient connect(String host, int port) {
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress("redis://" + host + ":" + port)
        .setConnectTimeout(1_000)
        .setTimeout(1_000)
        .setRetryAttempts(1)
        .setConnectionMinimumIdleSize(2)
        .setConnectionPoolSize(16)
        .setSubscriptionConnectionMinimumIdleSize(1);
    config.setThreads(2).setNettyThreads(4);
    return Redisson.create(config);
  }

  /** A client of the shared server. */
  static RedissonClient connect() {
    return connect(HOST, PORT);
  }

  /** A prefix no other test run uses. */
  static String randomPrefix(String owner) {
    return "gogoscope-test:" + owner + ":" + UUID.randomUUID() + ":";
  }

  /** The keys under {@code prefix} (found by SCAN, not KEYS). */
  static List<String> keys(RedissonClient redisson, String prefix) {
    return redisson.getKeys().getKeysStream(KeysScanOptions.defaults().pattern(prefix + "*")).sorted().toList();
  }

  /** Deletes the keys under {@code prefix}, and nothing else. */
  static void deleteKeys(RedissonClient redisson, String prefix) {
    List<String> keys = keys(redisson, prefix);
    if (!keys.isEmpty()) {
      redisson.getKeys().unlink(keys.toArray(String[]::new));
    }
  }
}
