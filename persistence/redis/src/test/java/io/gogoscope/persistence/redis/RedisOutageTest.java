package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CircuitState;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/**
 * Issue 5, item 6 on Redis: the backend lost mid-run. A private redis-server (so the shared one
 * stays up for everyone else) is stopped and started again: while it is down every call fails with
 * a StoreException within the operation timeout, and once it is back calls succeed again, including
 * scripts the restarted server has never seen and the change subscription made before the outage.
 */
@SuppressWarnings("try") // the subscription is held open by try-with-resources, never referenced
class RedisOutageTest {
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private static RedissonClient connect(int port) {
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress("redis://127.0.0.1:" + port)
        .setConnectTimeout(500)
        .setTimeout(500)
        .setRetryAttempts(1)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(200)))
        .setReconnectionDelay(new ConstantDelay(Duration.ofMillis(200)))
        .setPingConnectionInterval(500)
        .setConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionMinimumIdleSize(1);
    config.setThreads(2).setNettyThreads(4);
    return Redisson.create(config);
  }

  @Test
  void callsFailTypedAndPromptlyWhileRedisIsDownAndSucceedOnceItIsBack() throws Exception {
    try (PrivateRedisServer server = PrivateRedisServer.start()) {
      RedissonClient redisson = connect(server.port());
      try {
        RedisStores stores = RedisStores.builder(redisson).operationTimeout(OPERATION_TIMEOUT).build();
        LockProvider locks = stores.lockProvider();
        RateLimitStore limits = stores.rateLimitStore();
        CircuitStateStore circuits = stores.circuitStateStore();
        List<CircuitSnapshot> pushed = new CopyOnWriteArrayList<>();

        Lease before = locks.tryAcquire("held-before", Duration.ofMinutes(5)).orElseThrow();
        assertThat(limits.checkAndIncrement("limit", 100, Duration.ofMinutes(1)).allowed()).isTrue();
        assertThat(circuits.publish("payments", snapshot(CircuitState.OPEN, 1))).isTrue();
        try (AutoCloseable subscription = circuits.subscribe("payments", pushed::add)) {

          server.stop();
          Map<String, Executable> calls = new LinkedHashMap<>();
          calls.put("tryAcquire", () -> locks.tryAcquire("k", Duration.ofSeconds(5)));
          calls.put("acquire with wait", () -> locks.acquire("k", Duration.ofSeconds(5), Duration.ofSeconds(30)));
          calls.put("isValid", before::isValid);
          calls.put("extend", () -> before.extend(Duration.ofMinutes(5)));
          calls.put("release", before::release);
          calls.put("checkAndIncrement", () -> limits.checkAndIncrement("limit", 100, Duration.ofMinutes(1)));
          calls.put("publish", () -> circuits.publish("payments", snapshot(CircuitState.CLOSED, 2)));
          calls.put("read", () -> circuits.read("payments"));
          calls.put("subscribe", () -> circuits.subscribe("other", s -> {}));
          Duration slowest = slowestTypedFailure(calls);

          server.startAgain();
          Duration recovery = timeUntilLocksWork(locks);

          // The restarted server is empty: it knows no script (EVALSHA falls back to EVAL) and no lock.
          assertThat(before.isValid()).isFalse();
          assertThat(limits.checkAndIncrement("limit", 1, Duration.ofMinutes(1)).allowed()).isTrue();
          assertThat(circuits.read("payments")).isEmpty();
          CircuitSnapshot closed = snapshot(CircuitState.CLOSED, 3);
          assertThat(circuits.publish("payments", closed)).isTrue();
          assertThat(circuits.read("payments")).contains(closed);
          // Redisson resubscribed the channel after reconnecting.
          await().atMost(Duration.ofSeconds(15)).until(() -> pushed.contains(closed));
          System.out.printf(
              "Redis down: %d kinds of call each failed with StoreException, slowest in %s (timeout %s); "
                  + "calls succeeded again %s after the restart%n",
              calls.size(), slowest, OPERATION_TIMEOUT, recovery);
        }
      } finally {
        redisson.shutdown();
      }
    }
  }

  @Test
  void callsToAServerThatStopsAnsweringFailWithinTheirTimeoutAndSucceedOnceItAnswersAgain() throws Exception {
    try (PrivateRedisServer server = PrivateRedisServer.start()) {
      RedissonClient redisson = connect(server.port());
      try {
        RedisStores stores = RedisStores.builder(redisson).operationTimeout(OPERATION_TIMEOUT).build();
        LockProvider locks = stores.lockProvider();
        Lease before = locks.tryAcquire("held-before", Duration.ofMinutes(5)).orElseThrow();

        server.pause();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("tryAcquire", () -> locks.tryAcquire("k", Duration.ofSeconds(5)));
        calls.put("acquire with wait", () -> locks.acquire("k", Duration.ofSeconds(5), Duration.ofSeconds(30)));
        calls.put("isValid", before::isValid);
        calls.put("checkAndIncrement", () -> stores.rateLimitStore().checkAndIncrement("limit", 100, Duration.ofMinutes(1)));
        calls.put("read", () -> stores.circuitStateStore().read("payments"));
        Duration slowest = slowestTypedFailure(calls);

        // The stores' own bound holds even when Redisson would wait longer (here 2 x 500 ms).
        Duration shortBound = Duration.ofMillis(300);
        LockProvider impatient = RedisStores.builder(redisson).operationTimeout(shortBound).build().lockProvider();
        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.tryAcquire("k", Duration.ofSeconds(5)))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("got no reply from Redis within " + shortBound);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(shortBound.plus(MARGIN));

        server.resume();
        Duration recovery = timeUntilLocksWork(locks);
        assertThat(before.isValid()).as("the server kept its data").isTrue();
        assertThat(before.release()).isTrue();
        System.out.printf(
            "Redis frozen (SIGSTOP): %d kinds of call each failed with StoreException, slowest in %s (timeout %s); "
                + "calls succeeded again %s after SIGCONT%n",
            calls.size(), slowest, OPERATION_TIMEOUT, recovery);
      } finally {
        redisson.shutdown();
      }
    }
  }

  /** Runs each call, checks it fails with a StoreException within its timeout, returns the slowest. */
  private static Duration slowestTypedFailure(Map<String, Executable> calls) {
    Duration slowest = Duration.ZERO;
    for (Map.Entry<String, Executable> call : calls.entrySet()) {
      long started = System.nanoTime();
      assertThatThrownBy(call.getValue()::execute).as(call.getKey()).isInstanceOf(StoreException.class);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).as("%s failed within its timeout", call.getKey()).isLessThan(OPERATION_TIMEOUT.plus(MARGIN));
      slowest = took.compareTo(slowest) > 0 ? took : slowest;
    }
    return slowest;
  }

  /** How long until a lock can be taken again (the server is back). */
  private static Duration timeUntilLocksWork(LockProvider locks) {
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreException(StoreException.class)
        .until(() -> locks.tryAcquire("after", Duration.ofSeconds(30)).isPresent());
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static CircuitSnapshot snapshot(CircuitState state, long version) {
    return new CircuitSnapshot(state, Instant.now().truncatedTo(ChronoUnit.MILLIS), version);
  }
}
