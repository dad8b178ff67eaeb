package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.CircuitState;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.processor.contract.GeneratedStorePoliciesContract;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.contract.CircuitStateStoreContract;
import io.gogoscope.store.contract.LockProviderContract;
import io.gogoscope.store.contract.RateLimitStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 6: the store contract suite, and the generated code's, on a real Redis Cluster (a
 * private one: three masters with a replica each, see {@link PrivateRedisCluster}) through
 * Redisson's cluster mode, each client a store on its own cluster connection. Plus keys that broke
 * the old layout on a cluster (a leading {@code '}'} gave an empty hash tag: CROSSSLOT).
 */
class RedisClusterContractTest {
  private static PrivateRedisCluster cluster;
  private static RedisContractClients redis;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = PrivateRedisCluster.start();
    redis = new RedisContractClients("cluster-contract", cluster::connect);
  }

  @AfterAll
  static void stopCluster() {
    try {
      if (redis != null) {
        redis.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @AfterEach
  void deleteKeys() {
    redis.deleteKeys();
  }

  @Test
  void keysWithBracesAndEscapesWorkAndStayApartOnTheCluster() throws Exception {
    RedisStores stores = redis.next();
    RedisStores other = redis.next();
    List<String> awkward = List.of("}", "}order:42", "{}", "{", "%7D", "%", "a}b{c", "\uD83D\uDE00}", "}}");
    Set<Integer> slots = new HashSet<>();
    for (String key : awkward) {
      slots.add(PrivateRedisCluster.slot(new RedisKeys(redis.prefix()).lock(key)));
      try (Lease lease = stores.lockProvider().tryAcquire(key, Duration.ofSeconds(30)).orElseThrow()) {
        assertThat(lease.isValid()).isTrue();
        assertThat(lease.extend(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(stores.rateLimitStore().checkAndIncrement(key, 1, Duration.ofMinutes(1)).allowed()).isTrue();
      List<CircuitSnapshot> pushed = new CopyOnWriteArrayList<>();
      CircuitSnapshot open = new CircuitSnapshot(CircuitState.OPEN, Instant.now().truncatedTo(ChronoUnit.MILLIS), 1);
      try (AutoCloseable subscription = other.circuitStateStore().subscribe(key, pushed::add)) {
        assertThat(stores.circuitStateStore().publish(key, open)).isTrue();
        assertThat(other.circuitStateStore().read(key)).contains(open);
        await().atMost(Duration.ofSeconds(10)).until(() -> pushed.contains(open));
      }
    }
    // Every key holds its own lock and its own window: none shares another's.
    for (String key : awkward) {
      assertThat(stores.lockProvider().tryAcquire(key, Duration.ofSeconds(30))).as("lock %s", key).isPresent();
      assertThat(stores.rateLimitStore().checkAndIncrement(key, 2, Duration.ofMinutes(1)).remaining())
          .as("admissions left in %s's window", key)
          .isZero();
    }
    assertThat(slots).as("the keys spread over slots").hasSizeGreaterThan(awkward.size() / 2);
  }

  @Nested
  class Locks extends LockProviderContract {
    @Override
    protected LockProvider newClient() {
      return redis.next().lockProvider();
    }
  }

  @Nested
  class RateLimits extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newClient() {
      return redis.next().rateLimitStore();
    }
  }

  @Nested
  class Circuits extends CircuitStateStoreContract {
    @Override
    protected CircuitStateStore newClient() {
      return redis.next().circuitStateStore();
    }
  }

  @Nested
  class GeneratedPolicies extends GeneratedStorePoliciesContract {
    @Override
    protected ScopeRuntime.Builder newInstance() {
      return ScopeRuntime.builder().stores(redis.next());
    }
  }
}
