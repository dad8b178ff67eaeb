package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CallContext;
import io.gogoscope.CircuitState;
import io.gogoscope.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.policy.CircuitBreaker;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What generated code does with the stores, by hand: a {@link Guard} on a {@link ScopeRuntime}
 * configured with the SQL stores takes its lock and rate limit from the database, keyed per call,
 * and a shared circuit breaker opened by one instance is seen open by another.
 */
class SqlGuardEndToEndTest {

  private static final BackendCache BACKENDS = new BackendCache();

  @AfterAll
  static void closeBackends() {
    BACKENDS.close();
  }

  private static ScopeRuntime runtime(JdbiStores stores) {
    return ScopeRuntime.builder()
        .lockProvider(stores.lockProvider())
        .rateLimitStore(stores.rateLimitStore())
        .circuitStateStore(stores.circuitStateStore())
        .build();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void aSecondCallOnTheSameKeyIsRefusedWithLockUnavailableWhileTheFirstRuns(SqlDialect dialect) throws Exception {
    SqlBackend backend = BACKENDS.get(dialect);
    Guard placeOrder = runtime(backend.stores()).guard("placeOrder").lock(Duration.ofSeconds(30), Duration.ZERO).build();
    String order = "order:" + UUID.randomUUID();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Result<Failure, String>> first = CompletableFuture.supplyAsync(() -> placeOrder.call(
        lockKey(order),
        () -> {
          inside.countDown();
          finish.await();
          return "placed";
        },
        ErrorMapper.failure()));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(heldRows(backend, order)).as("the lock is held in the database").isEqualTo(1);
    assertThat(placeOrder.call(lockKey(order), () -> "again", ErrorMapper.failure()))
        .isEqualTo(Result.err(new Failure.LockUnavailable(order)));
    assertThat(placeOrder.call(lockKey(order + ":other"), () -> "other order", ErrorMapper.failure()))
        .isEqualTo(Result.ok("other order"));

    finish.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(Result.ok("placed"));
    assertThat(heldRows(backend, order)).as("released when the call ended").isZero();
    assertThat(placeOrder.call(lockKey(order), () -> "after", ErrorMapper.failure())).isEqualTo(Result.ok("after"));
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void callsBeyondTheLimitAreRefusedWithRateLimitedAndItsRetryAfter(SqlDialect dialect) {
    SqlBackend backend = BACKENDS.get(dialect);
    Guard search = runtime(backend.stores()).guard("search").rateLimit(2, Duration.ofMinutes(1)).build();
    CallContext user = new CallContext(null, "user:" + UUID.randomUUID(), TaskAttributes.NONE);
    assertThat(search.call(user, () -> "a", ErrorMapper.failure())).isEqualTo(Result.ok("a"));
    assertThat(search.call(user, () -> "b", ErrorMapper.failure())).isEqualTo(Result.ok("b"));
    Result<Failure, String> refused = search.call(user, () -> "c", ErrorMapper.failure());
    assertThat(refused).isInstanceOfSatisfying(Result.Err.class, err -> assertThat(err.error())
        .isInstanceOfSatisfying(Failure.RateLimited.class, limited ->
            assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1))));
    assertThat(backend.count("rate_limits")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = SqlDialect.class, names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void aSharedBreakerOpenedByOneInstanceIsSeenOpenByAnother(SqlDialect dialect) {
    SqlBackend backend = BACKENDS.get(dialect);
    ScopeRuntime first = runtime(backend.stores(b -> b.pollInterval(Duration.ofMillis(50))));
    ScopeRuntime second = runtime(backend.stores(b -> b.pollInterval(Duration.ofMillis(50))));
    String name = "payments:" + UUID.randomUUID();
    CircuitBreaker.Config config = CircuitBreaker.Config.failures(2, Duration.ofMinutes(1)).withShared(true);
    CircuitBreaker here = first.circuitBreaker(name, config);
    CircuitBreaker there = second.circuitBreaker(name, config);
    assertThat(there.state()).isEqualTo(CircuitState.CLOSED);

    for (int i = 0; i < 2; i++) {
      assertThat(here.tryAcquirePermission()).isTrue();
      here.onFailure();
    }
    assertThat(here.state()).isEqualTo(CircuitState.OPEN);
    await().atMost(Duration.ofSeconds(10)).until(() -> there.state() == CircuitState.OPEN);
    assertThat(there.tryAcquirePermission()).as("the other instance refuses calls too").isFalse();
    assertThat(backend.stores().circuitStateStore().read(name)).hasValueSatisfying(
        snapshot -> assertThat(snapshot.state()).isEqualTo(CircuitState.OPEN));
  }

  private static CallContext lockKey(String key) {
    return new CallContext(key, null, TaskAttributes.NONE);
  }

  private static long heldRows(SqlBackend backend, String key) {
    return backend.jdbi().withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM " + backend.prefix() + "locks WHERE lock_key = :key AND owner IS NOT NULL")
        .bind("key", key)
        .mapTo(Long.class)
        .one());
  }
}
