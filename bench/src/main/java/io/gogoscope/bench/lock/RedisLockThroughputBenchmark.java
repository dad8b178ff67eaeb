package io.gogoscope.bench.lock;

import io.gogoscope.bench.infra.Backends;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.persistence.redis.RedisStores;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RedissonClient;

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

  private RedissonClient redisson;
  private String prefix;
  private LockProvider gogoscope;
  private final AtomicInteger threadIds = new AtomicInteger();

  /** The key of one benchmark thread. */
  @State(Scope.Thread)
  public static class ThreadKey {
    String key;

    @Setup
    public void setUp(RedisLockThroughputBenchmark benchmark) {
      key = benchmark.prefix + ":" + benchmark.threadIds.incrementAndGet();
    }
  }

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
  public long gogoscope_lockPair8(ThreadKey thread) {
    return LockPairs.gogoscope(gogoscope, thread.key, RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonRLock_lockPair8(ThreadKey thread) throws InterruptedException {
    return RedisLocks.rlock(redisson, thread.key + ":rlock", RedisLockBenchmark.TTL);
  }

  @Benchmark
  public long redissonFencedLock_lockPair8(ThreadKey thread) throws InterruptedException {
    return RedisLocks.fencedLock(redisson, thread.key + ":fenced", RedisLockBenchmark.TTL);
  }
}
