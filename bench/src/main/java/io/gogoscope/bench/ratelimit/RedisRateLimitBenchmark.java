package io.gogoscope.bench.ratelimit;

import io.gogoscope.bench.infra.RedisServer;
import io.gogoscope.bench.infra.Requires;
import io.gogoscope.bench.infra.Service;
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
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;

/**
 * One admitted rate-limit check on Redis: gogoscope's Redis rate-limit store against Redisson's
 * {@link RRateLimiter}, both with {@value #LIMIT} calls per {@link #WINDOW} on one key (so every
 * check is admitted and both keep a window of the same size), sharing one Redisson client
 * ({@link RedisServer}).
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

  private RateLimitStore gogoscope;
  private RRateLimiter redissonLimiter;

  @Setup
  public void setUp(RedisServer redis) {
    gogoscope = redis.gogoscopeStores().rateLimitStore();
    redissonLimiter = redis.redisson().getRateLimiter(redis.key("redisson"));
    if (!redissonLimiter.trySetRate(RateType.OVERALL, LIMIT, WINDOW)) {
      throw new IllegalStateException("the fresh rate limiter " + redis.key("redisson") + " was configured already");
    }
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
