package io.gogoscope.bench.lock;

import io.gogoscope.bench.infra.RedisServer;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.store.LockProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lock pairs per second on Redis from {@value #THREADS} virtual threads at once (JMH's
 * {@code jmh.executor=VIRTUAL}), each on its own key: how well each client overlaps round trips.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
@Threads(RedisLockThroughputBenchmark.THREADS)
@State(Scope.Benchmark)
@Requires(Service.REDIS)
public class RedisLockThroughputBenchmark {

  static final int THREADS = 8;

  private LockProvider gogoscope;
  private final AtomicInteger threadIds = new AtomicInteger();

  /** The key of one benchmark thread. */
  @State(Scope.Thread)
  public static class ThreadKey {
    String key;

    @Setup
    public void setUp(RedisLockThroughputBenchmark benchmark, RedisServer redis) {
      key = redis.key("thread" + benchmark.threadIds.incrementAndGet());
    }
  }

  @Setup
  public void setUp(RedisServer redis) {
    gogoscope = redis.gogoscopeStores().lockProvider();
  }

  @Benchmark
  public long gogoscope_lockPair8(ThreadKey thread) {
    return LockPairs.gogoscope(gogoscope, thread.key, RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonRLock_lockPair8(ThreadKey thread, RedisServer redis) throws InterruptedException {
    return RedisLocks.rlock(redis.redisson(), thread.key + ":rlock", RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonFencedLock_lockPair8(ThreadKey thread, RedisServer redis)
      throws InterruptedException {
    return RedisLocks.fencedLock(redis.redisson(), thread.key + ":fenced", RedisLockBenchmark.TTL);
  }
}
