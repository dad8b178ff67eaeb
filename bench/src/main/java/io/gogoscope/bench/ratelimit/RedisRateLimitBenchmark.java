package io.gogoscope.bench.ratelimit;

import io.gogoscope.bench.infra.Backends;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
import io.gogoscope.persistence.redis.RedisStores;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
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
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * One admitted rate-limit check on Redis: gogoscope's Redis rate-limit store against Redisson's
 * {@link RRateLimiter}, both with {@value #LIMIT} calls per {@link #WINDOW} on one key (so every
 * check is admitted and both keep a window of the same size), sharing one Redisson client.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
@Requires(Service.REDIS)
public class RedisRateLimitBenchmark {

  static final int LIMIT = 1_000_000;
  static final Duration WINDOW = Duration.ofSeconds(1);

  private RedissonClient redisson;
  private String prefix;
  private RRateLimiter redissonLimiter;
  private RateLimitStore gogoscope;

  @Setup
  public void setUp() {
    redisson = Backends.redisson();
    prefix = Backends.uniquePrefix();
    gogoscope = RedisStores.builder(redisson).keyPrefix(prefix + ":").build().rateLimitStore();
    redissonLimiter = redisson.getRateLimiter(prefix + ":redisson");
    if (!redissonLimiter.trySetRate(RateType.OVERALL, LIMIT, WINDOW)) {
      throw new IllegalStateException("the fresh rate limiter " + prefix + " was configured already");
    }
  }

  @TearDown
  public void tearDown() {
    Backends.deleteRedisKeys(redisson, prefix);
    redisson.shutdown();
  }

  @Benchmark
  public int gogoscope_rateLimit() {
    RateLimitDecision decision = gogoscope.checkAndIncrement("limit", LIMIT, WINDOW);
    if (!decision.allowed()) {
      throw new IllegalStateException("gogoscope refused a call under its limit: " + decision);
    }
    return decision.remaining();
  }

  @Benchmark
  public boolean redisson_rateLimit() {
    if (!redissonLimiter.tryAcquire()) {
      throw new IllegalStateException("RRateLimiter refused a call under its limit");
    }
    return true;
  }
}
