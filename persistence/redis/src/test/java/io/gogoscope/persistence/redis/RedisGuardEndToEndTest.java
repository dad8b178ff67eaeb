package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CallContext;
import io.gogoscope.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * What generated code does with the stores, by hand: a {@link Guard} on a {@link ScopeRuntime}
 * configured with the Redis stores takes its lock and rate limit from Redis, keyed per call, and a
 * shared circuit breaker opened in one instance is open in another.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisGuardEndToEndTest {
  private static RedissonClient redisson;
  private static String prefix;
  private static ScopeRuntime runtime;

  @BeforeAll
  static void configure() {
    redisson = TestRedis.connect();
    prefix = TestRedis.randomPrefix("guard-e2e");
    RedisStores redis = RedisStores.builder(redisson).keyPrefix(prefix).build();
    runtime =
        ScopeRuntime.builder()
            .lockProvider(redis.lockProvider())
            .rateLimitStore(redis.rateLimitStore())
            .circuitStateStore(redis.circuitStateStore())
            .build();
  }

  @AfterAll
  static void disconnect() {
    if (redisson != null) {
      TestRedis.deleteKeys(redisson, prefix);
      redisson.shutdown();
    }
  }

  private static CallContext lockKey(String key) {
    return new CallContext(key, null, TaskAttributes.NONE);
  }

  @Test
  void aSecondCallOnTheSameKeyIsRefusedWithLockUnavailableWhileTheFirstRuns() throws Exception {
    Guard placeOrder = runtime.guard("placeOrder").lock(Duration.ofSeconds(30), Duration.ZERO).build();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Result<Failure, String>> first =
        CompletableFuture.supplyAsync(
            () ->
                placeOrder.call(
                    lockKey("order:42"),
                    () -> {
                      inside.countDown();
                      finish.await();
                      return "placed";
                    },
                    ErrorMapper.failure()));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(redisson.getKeys().countExists(new RedisKeys(prefix).lock("order:42"))).as("the lock is in Redis").isEqualTo(1);
    assertThat(placeOrder.call(lockKey("order:42"), () -> "again", ErrorMapper.failure()))
        .isEqualTo(Result.err(new Failure.LockUnavailable("order:42")));
    assertThat(placeOrder.call(lockKey("order:7"), () -> "other order", ErrorMapper.failure()))
        .isEqualTo(Result.ok("other order"));

    finish.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(Result.ok("placed"));
    assertThat(placeOrder.call(lockKey("order:42"), () -> "after", ErrorMapper.failure())).isEqualTo(Result.ok("after"));
    assertThat(redisson.getKeys().countExists(new RedisKeys(prefix).lock("order:42"))).as("released").isZero();
  }

  @Test
  void aSharedCircuitOpenedByOneInstanceIsOpenInAnother() throws Exception {
    RedissonClient otherConnection = TestRedis.connect();
    try {
      ScopeRuntime otherInstance =
          ScopeRuntime.builder()
              .circuitStateStore(RedisStores.builder(otherConnection).keyPrefix(prefix).build().circuitStateStore())
              .build();
      CircuitBreaker.Config config = CircuitBreaker.Config.failures(2, Duration.ofMinutes(5)).withShared(true);
      Guard here = runtime.guard("pay").circuitBreaker(runtime.circuitBreaker("payments", config)).build();
      Guard there = otherInstance.guard("pay").circuitBreaker(otherInstance.circuitBreaker("payments", config)).build();
      assertThat(there.call(() -> "paid", ErrorMapper.failure())).isEqualTo(Result.ok("paid"));

      for (int i = 0; i < 2; i++) {
        here.call(() -> { throw new IllegalStateException("payment provider down"); }, ErrorMapper.failure());
      }
      assertThat(here.call(() -> "paid", ErrorMapper.failure())).isEqualTo(Result.err(new Failure.CircuitOpen("payments")));
      // Pushed over pub/sub: the other instance refuses too, without having failed once itself.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> there.call(() -> "paid", ErrorMapper.failure()).equals(Result.err(new Failure.CircuitOpen("payments"))));
      assertThat(redisson.getMap(new RedisKeys(prefix).circuit("payments"), StringCodec.INSTANCE).get("state")).isEqualTo("OPEN");
    } finally {
      otherConnection.shutdown();
    }
  }

  @Test
  void callsBeyondTheLimitAreRefusedWithRateLimitedAndItsRetryAfter() {
    Guard search = runtime.guard("search").rateLimit(2, Duration.ofMinutes(1)).build();
    CallContext user = new CallContext(null, "user:1", TaskAttributes.NONE);
    assertThat(search.call(user, () -> "a", ErrorMapper.failure())).isEqualTo(Result.ok("a"));
    assertThat(search.call(user, () -> "b", ErrorMapper.failure())).isEqualTo(Result.ok("b"));
    Result<Failure, String> refused = search.call(user, () -> "c", ErrorMapper.failure());
    assertThat(refused).isInstanceOfSatisfying(
        Result.Err.class,
        err ->
            assertThat(err.error())
                .isInstanceOfSatisfying(
                    Failure.RateLimited.class,
                    limited -> assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1))));
    assertThat(redisson.getScoredSortedSet(new RedisKeys(prefix).rateLimit("user:1")).size()).isEqualTo(2);
  }
}
