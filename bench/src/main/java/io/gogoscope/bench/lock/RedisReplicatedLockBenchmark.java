package io.gogoscope.bench.lock;

import io.gogoscope.bench.infra.ReplicatedRedis;
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

/**
 * What waiting for a replica costs a lock pair: acquire and release of one free lock on a private
 * master with one replica ({@link ReplicatedRedis}), with gogoscope's default (the acquire does not
 * wait) and with {@code waitForReplicas(1, 1 s)} (the acquire's script and {@code WAIT 1 1000} in
 * one pipeline). Redisson's locks on the same master wait for every connected replica on their own
 * (Redisson does so whenever it is not in single-server mode), so they are the peers of the waiting
 * variant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
@Requires(Service.REDIS) // stands for "Redis is installed": the benchmark starts its own servers
public class RedisReplicatedLockBenchmark {

  static final Duration REPLICA_WAIT = Duration.ofSeconds(1);

  private LockProvider gogoscope;
  private LockProvider gogoscopeWaiting;

  @Setup
  public void setUp(ReplicatedRedis redis) {
    gogoscope = redis.gogoscopeStores().build().lockProvider();
    gogoscopeWaiting = redis.gogoscopeStores().waitForReplicas(1, REPLICA_WAIT).build().lockProvider();
  }

  @Benchmark
  public long gogoscope_lockPair(ReplicatedRedis redis) {
    return LockPairs.gogoscope(gogoscope, redis.key("gogoscope"), RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long gogoscope_lockPairWaitReplica(ReplicatedRedis redis) {
    return LockPairs.gogoscope(gogoscopeWaiting, redis.key("gogoscope-waiting"), RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonRLock_lockPairWaitReplica(ReplicatedRedis redis) throws InterruptedException {
    return RedisLocks.rlock(redis.redisson(), redis.key("rlock"), RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonFencedLock_lockPairWaitReplica(ReplicatedRedis redis) throws InterruptedException {
    return RedisLocks.fencedLock(redis.redisson(), redis.key("fenced"), RedisLockBenchmark.TTL);
  }
}
