package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.testing.RequiresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Issue 5, item 6 on Redis, for locks: two JVMs contending, a holder killed with SIGKILL, nothing
 * left behind. Measured times are printed to the test's output file under target/surefire-reports.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisLockReliabilityTest {
  private static RedissonClient redisson;
  private final String prefix = TestRedis.randomPrefix("lock-reliability");
  private final LockProvider locks;

  RedisLockReliabilityTest() {
    this.locks = RedisStores.builder(redisson).keyPrefix(prefix).build().lockProvider();
  }

  @BeforeAll
  static void connect() {
    redisson = TestRedis.connect();
  }

  @AfterAll
  static void disconnect() {
    if (redisson != null) {
      redisson.shutdown();
    }
  }

  @AfterEach
  void deleteKeys() {
    TestRedis.deleteKeys(redisson, prefix);
  }

  @Test
  void eightThreadsInEachOfTwoJvmsNeverHoldTheKeyTogether() throws Exception {
    Duration duration = Duration.ofSeconds(21);
    Path log = Files.createTempFile(Path.of("target"), "lock-contention-", ".log");
    String key = "contended";
    long ownPid = ProcessHandle.current().pid();
    try (ChildJvm child =
        ChildJvm.start(
            LockContender.class, "contend", TestRedis.HOST, Integer.toString(TestRedis.PORT), prefix, key, "8",
            Long.toString(duration.toMillis()), log.toString())) {
      child.awaitLine("READY", Duration.ofSeconds(60));
      child.send("GO");
      long started = System.nanoTime();
      long ownAcquisitions = LockContender.contend(locks, key, 8, duration, log, true);
      long childAcquisitions = Long.parseLong(child.awaitLine("DONE", Duration.ofSeconds(60)).split(" ")[1]);
      child.awaitSuccess(Duration.ofSeconds(30));
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      List<String> lines = Files.readAllLines(log);
      long previousToken = 0;
      Map<Long, Integer> holdsByPid = new HashMap<>();
      for (int i = 0; i < lines.size(); i += 2) {
        String[] enter = lines.get(i).split(" ");
        String[] exit = lines.get(i + 1).split(" ");
        assertThat(enter[0]).as("line %d starts a hold", i + 1).isEqualTo("ENTER");
        assertThat(exit).as("line %d ends the hold begun on line %d: no other holder in between", i + 2, i + 1)
            .containsExactly("EXIT", enter[1], enter[2]);
        long token = Long.parseLong(enter[1]);
        assertThat(token).as("fencing token on line %d", i + 1).isGreaterThan(previousToken);
        previousToken = token;
        holdsByPid.merge(Long.parseLong(enter[2]), 1, Integer::sum);
      }
      assertThat(lines).hasSize((int) (2 * (ownAcquisitions + childAcquisitions)));
      assertThat(holdsByPid).containsOnlyKeys(ownPid, child.pid());
      assertThat(holdsByPid.get(ownPid)).isEqualTo((int) ownAcquisitions).isPositive();
      assertThat(holdsByPid.get(child.pid())).isEqualTo((int) childAcquisitions).isPositive();
      System.out.printf(
          "two JVMs x 8 threads contended %s: %d holds (this JVM %d, child %d), tokens strictly increasing, no overlap%n",
          took, ownAcquisitions + childAcquisitions, ownAcquisitions, childAcquisitions);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void aKilledHolderLosesTheKeyWithinItsTtlPlusOneSecond() throws Exception {
    Duration ttl = Duration.ofSeconds(2);
    String key = "killed";
    try (ChildJvm holder =
        ChildJvm.start(
            LockContender.class, "hold", TestRedis.HOST, Integer.toString(TestRedis.PORT), prefix, key,
            Long.toString(ttl.toMillis()))) {
      long heldToken = Long.parseLong(holder.awaitLine("HELD", Duration.ofSeconds(60)).split(" ")[1]);
      // The holder's watchdog keeps the key well past one TTL while the process lives.
      await()
          .during(ttl.multipliedBy(2))
          .atMost(ttl.multipliedBy(2).plusSeconds(10))
          .until(() -> locks.tryAcquire(key, ttl).isEmpty());

      holder.kill();
      long killed = System.nanoTime();
      Optional<Lease> lease = locks.acquire(key, ttl, ttl.plusSeconds(10));
      Duration took = Duration.ofNanos(System.nanoTime() - killed);

      assertThat(lease).isPresent();
      assertThat(took).as("acquired after SIGKILL").isLessThanOrEqualTo(ttl.plusSeconds(1));
      assertThat(lease.get().fencingToken()).isGreaterThan(heldToken);
      lease.get().release();
      System.out.printf("holder with TTL %s killed by SIGKILL; key acquired by another process %s later%n", ttl, took);
    }
  }

  @Test
  void tenThousandAcquireReleasePairsLeaveOnlyTheFencingCounter() throws Exception {
    String key = "churn";
    long started = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      Lease lease = locks.tryAcquire(key, Duration.ofSeconds(10)).orElseThrow();
      assertThat(lease.release()).isTrue();
    }
    Duration sequential = Duration.ofNanos(System.nanoTime() - started);
    // Contended waits too (pub/sub wake-ups), and leases left to expire: neither may leave a key.
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      try {
                        locks.acquire(key, Duration.ofSeconds(10), Duration.ofSeconds(30)).orElseThrow().release();
                      } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                      }
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    locks.tryAcquire("expiring", Duration.ofMillis(100)).orElseThrow();
    RedisKeys keys = new RedisKeys(prefix);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(TestRedis.keys(redisson, prefix)).containsExactlyInAnyOrder(keys.fence(key), keys.fence("expiring")));
    assertThat(redisson.getAtomicLong(keys.fence(key)).get()).isEqualTo(10_000 + 8 * 50);
    System.out.printf(
        "10,000 sequential acquire+release pairs took %s (%.0f us per pair); only the fencing counters remain%n",
        sequential, sequential.toNanos() / 10_000 / 1_000.0);
  }
}
