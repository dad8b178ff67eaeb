package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.RateLimitStore;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;

/**
 * Issue 5, item 6 on Redis, for rate limits: 8 clients (each its own Redisson connection) hammer
 * one key, and no window of the limit's length ever holds more than {@code max} admissions. The
 * admission times are the server's own: an auditor keeps reading the window's sorted set (every
 * admission stays there for a whole window, far longer than the auditor's period), and the test
 * checks that the auditor saw exactly as many admissions as the clients were granted.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisRateLimitReliabilityTest {

  @Test
  void eightConcurrentClientsNeverGetMoreThanMaxAdmissionsInAnyWindow() throws Exception {
    int clients = 8;
    int max = 10;
    Duration window = Duration.ofMillis(400);
    Duration duration = Duration.ofSeconds(4);
    String prefix = TestRedis.randomPrefix("rate-reliability");
    String key = "hammered";
    List<RedissonClient> connections = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      connections.add(TestRedis.connect());
    }
    RedissonClient auditorConnection = connections.get(0);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Double> seenByAuditor = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      // A platform thread: among eight busy virtual threads on two carriers, a virtual auditor could
      // wait longer than a window for a carrier and miss admissions that already left the set.
      FutureTask<Void> auditor =
          new FutureTask<>(
              () -> {
                var admissions = auditorConnection.<String>getScoredSortedSet(new RedisKeys(prefix).rateLimit(key), StringCodec.INSTANCE);
                while (running.get()) {
                  for (ScoredEntry<String> entry : admissions.entryRange(0, -1)) {
                    seenByAuditor.put(entry.getValue(), entry.getScore());
                  }
                  Thread.sleep(20);
                }
                return null;
              });
      Thread.ofPlatform().daemon().name("rate-limit-auditor").start(auditor);

      CountDownLatch start = new CountDownLatch(1);
      List<Future<int[]>> outcomes = new ArrayList<>();
      for (RedissonClient connection : connections) {
        RateLimitStore store = RedisStores.builder(connection).keyPrefix(prefix).build().rateLimitStore();
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  int allowed = 0;
                  int refused = 0;
                  long end = System.nanoTime() + duration.toNanos();
                  while (System.nanoTime() - end < 0) {
                    if (store.checkAndIncrement(key, max, window).allowed()) {
                      allowed++;
                    } else {
                      refused++;
                    }
                  }
                  return new int[] {allowed, refused};
                }));
      }
      start.countDown();
      int allowed = 0;
      int refused = 0;
      for (Future<int[]> outcome : outcomes) {
        int[] counts = outcome.get(duration.toMillis() + 30_000, TimeUnit.MILLISECONDS);
        allowed += counts[0];
        refused += counts[1];
      }
      Thread.sleep(100); // one more audit after the last admission
      running.set(false);
      auditor.get(30, TimeUnit.SECONDS);

      assertThat(seenByAuditor).as("every admission was audited").hasSize(allowed);
      List<Double> times = seenByAuditor.values().stream().sorted().toList();
      long windowMicros = window.toNanos() / 1_000;
      for (int i = 0; i + max < times.size(); i++) {
        assertThat(times.get(i + max) - times.get(i))
            .as("admissions %d and %d (max %d per window) are a window apart", i, i + max, max)
            .isGreaterThanOrEqualTo((double) windowMicros);
      }
      long windows = duration.toNanos() / window.toNanos();
      assertThat(allowed)
          .as("the limiter kept admitting: close to max per window over the run")
          .isBetween((int) (max * windows / 2), (int) (max * (windows + 1)));
      System.out.printf(
          "%d clients x %s: %d admitted, %d refused (%.0f checks/s); max %d per %s window held for every admission%n",
          clients, duration, allowed, refused, (allowed + refused) / (duration.toNanos() / 1e9), max, window);
    } finally {
      TestRedis.deleteKeys(auditorConnection, prefix);
      connections.forEach(RedissonClient::shutdown);
    }
  }
}
