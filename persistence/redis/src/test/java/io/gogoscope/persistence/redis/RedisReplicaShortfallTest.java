package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.StoreException;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * An acquire refused because too few replicas confirmed it ({@link RedisStores.Builder#waitForReplicas}
 * on a server without replicas) took the lock in Redis before the refusal: the lock must be taken
 * back before the caller hears of the failure, so a caller that tries again at once finds it free.
 * (The take-back used to be sent in the background only, and a quick retry on another connection
 * could find the lock still held; {@link RedisClusterFailoverTest} failed that way on a loaded
 * machine.)
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisReplicaShortfallTest {
  private static final int ROUNDS = 200;
  private static RedissonClient redisson;
  private static String prefix;

  @BeforeAll
  static void connect() {
    redisson = TestRedis.connect();
    prefix = TestRedis.randomPrefix("replica-shortfall");
  }

  @AfterAll
  static void disconnect() {
    if (redisson != null) {
      TestRedis.deleteKeys(redisson, prefix);
      redisson.shutdown();
    }
  }

  @Test
  void aRefusedAcquireLeavesTheLockFreeWhenItsFailureArrives() {
    LockProvider waiting =
        RedisStores.builder(redisson).keyPrefix(prefix).waitForReplicas(1, Duration.ofMillis(1)).build().lockProvider();
    LockProvider plain = RedisStores.builder(redisson).keyPrefix(prefix).build().lockProvider();
    int heldAfterRefusal = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String key = "round-" + round;
      assertThatThrownBy(() -> waiting.tryAcquire(key, Duration.ofMinutes(1)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("only 0 of 1 replicas confirmed it");
      Optional<Lease> next = plain.tryAcquire(key, Duration.ofMinutes(1));
      if (next.isEmpty()) {
        heldAfterRefusal++;
      }
      next.ifPresent(Lease::close);
    }
    assertThat(heldAfterRefusal).as("rounds in which the refused acquire still held the lock").isZero();
  }
}
