package io.gogoscope.bench.lock;

import io.gogoscope.bench.infra.RedisServer;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
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
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;

/**
 * Acquire and release of one free lock on Redis, one caller: gogoscope's Redis lock provider,
 * Redisson's {@link RLock} and its {@link RFencedLock} (the one that, like gogoscope's, hands out
 * fencing tokens). All share one Redisson client ({@link RedisServer}); each has its own key. Every
 * lock is asked for without waiting and with the same lease time.
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

  private LockProvider gogoscope;

  @Setup
  public void setUp(RedisServer redis) {
    gogoscope = redis.gogoscopeStores().lockProvider();
  }

  @Benchmark
  public long gogoscope_lockPair(RedisServer redis) {
    return LockPairs.gogoscope(gogoscope, redis.key("gogoscope"), TTL);
  }

  @Benchmark
  public long redissonRLock_lockPair(RedisServer redis) throws InterruptedException {
    return RedisLocks.rlock(redis.redisson(), redis.key("rlock"), TTL);
  }

  @Benchmark
  public long redissonFencedLock_lockPair(RedisServer redis) throws InterruptedException {
    return RedisLocks.fencedLock(redis.redisson(), redis.key("fenced"), TTL);
  }
}
