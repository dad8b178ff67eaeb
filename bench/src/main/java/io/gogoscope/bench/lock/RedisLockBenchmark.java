package io.gogoscope.bench.lock;

import io.gogoscope.bench.infra.Backends;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.persistence.redis.RedisStores;
import io.gogoscope.store.LockProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Acquire and release of one free lock on Redis, one caller: gogoscope's Redis lock provider,
 * Redisson's {@link RLock} and its {@link RFencedLock} (the one that, like gogoscope's, hands out
 * fencing tokens). All share one Redisson client; each has its own key under a prefix of this run,
 * deleted after. Every lock is asked for without waiting and with the same lease time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
@Requires(Service.REDIS)
public class RedisLockBenchmark {

  static final Duration TTL = Duration.ofSeconds(30);

  private RedissonClient redisson;
  private String prefix;
  private LockProvider gogoscope;

  @Setup
  public void setUp() {
    redisson = Backends.redisson();
    prefix = Backends.uniquePrefix();
    gogoscope = RedisStores.builder(redisson).keyPrefix(prefix + ":").build().lockProvider();
  }

  @TearDown
  public void tearDown() {
    Backends.deleteRedisKeys(redisson, prefix);
    redisson.shutdown();
  }

  @Benchmark
  public long gogoscope_lockPair() {
    return LockPairs.gogoscope(gogoscope, prefix + ":gogoscope", TTL);
  }

  @Benchmark
  public long redissonRLock_lockPair() throws InterruptedException {
    return RedisLocks.rlock(redisson, prefix + ":rlock", TTL);
  }

  @Benchmark
  public long redissonFencedLock_lockPair() throws InterruptedException {
    return RedisLocks.fencedLock(redisson, prefix + ":fenced", TTL);
  }
}
