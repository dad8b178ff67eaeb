package io.gogoscope.bench.infra;

import io.gogoscope.persistence.redis.RedisStores;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RedissonClient;

/**
 * The benchmark Redis for one trial: one Redisson client that every library shares, and a key
 * prefix of this run whose keys are deleted at the end.
 */
@State(Scope.Benchmark)
public class RedisServer {

  private RedissonClient redisson;
  private String prefix;

  @Setup
  public void connect() {
    redisson = Backends.redisson();
    prefix = Backends.uniquePrefix();
  }

  /**
   * Deletes every key of the run, the libraries' helper keys included (they carry the name they
   * serve, as Redisson's {@code redisson_unlock_latch:{name}:…} does), and disconnects.
   */
  @TearDown
  public void disconnect() {
    try {
      redisson.getKeys().deleteByPattern("*" + prefix + "*");
    } finally {
      redisson.shutdown();
    }
  }

  /** The shared client. */
  public RedissonClient redisson() {
    return redisson;
  }

  /** A key of this run. */
  public String key(String name) {
    return prefix + ":" + name;
  }

  /** gogoscope's Redis stores on the shared client, their keys under this run's prefix. */
  public RedisStores gogoscopeStores() {
    return RedisStores.builder(redisson).keyPrefix(prefix + ":").build();
  }
}
