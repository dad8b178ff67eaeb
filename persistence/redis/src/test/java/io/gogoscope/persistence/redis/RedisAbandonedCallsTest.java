package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;

/**
 * Issue 10, items 1 and 5 on Redis: a call whose reply comes later than the caller waits (here the
 * operation timeout is shorter than the reply, because the server is frozen meanwhile) fails with
 * a StoreException and must leave nothing taken behind: no lock held, no admission counted. The
 * race it must win: Redisson resends a command whose reply timed out, so a copy of the acquire or
 * check runs after the caller gave up and after the first take-back. All calls of a case are
 * abandoned during one freeze of a private redis-server, then every key must stay free while every
 * late copy runs.
 */
class RedisAbandonedCallsTest {
  private static final int CALLS = 28;
  /** Shorter than the reply: the server is frozen when the calls are made. */
  private static final Duration OPERATION_TIMEOUT = Duration.ofMillis(150);
  /** Redisson's own timeout, after which it sends the command again (once). */
  private static final int REDISSON_TIMEOUT_MILLIS = 300;
  /** Redisson gives up on a command by then: two attempts and the delay between them, with room. */
  private static final Duration LATE_COPIES_SETTLED = Duration.ofMillis(3 * REDISSON_TIMEOUT_MILLIS + 600);

  private static PrivateRedisServer server;
  private static RedissonClient redisson;

  @BeforeAll
  static void start() throws Exception {
    server = PrivateRedisServer.start();
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress("redis://127.0.0.1:" + server.port())
        .setTimeout(REDISSON_TIMEOUT_MILLIS)
        .setRetryAttempts(1)
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(50)))
        .setConnectionMinimumIdleSize(CALLS)
        .setConnectionPoolSize(2 * CALLS);
    config.setThreads(2).setNettyThreads(4);
    redisson = Redisson.create(config);
  }

  @AfterAll
  static void stop() throws Exception {
    if (redisson != null) {
      redisson.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void acquiresAbandonedAfterTheOperationTimeoutLeaveNoKeyHeld() throws Exception {
    String prefix = TestRedis.randomPrefix("abandoned-acquire");
    LockProvider locks = RedisStores.builder(redisson).keyPrefix(prefix).operationTimeout(OPERATION_TIMEOUT).build().lockProvider();
    RedisKeys keys = new RedisKeys(prefix);

    int failed = abandonWhileFrozen(i -> () -> locks.tryAcquire("k" + i, Duration.ofSeconds(30)));

    assertThat(failed).as("calls that failed with StoreException").isEqualTo(CALLS);
    assertNoneTaken("a lock held", () -> heldLocks(keys));
    // Every abandoned acquire that ran counted its fencing token (nothing more): the next holder's
    // token is still larger than any handed out, and the key is free for it at once.
    assertThat(locks.tryAcquire("k0", Duration.ofSeconds(30))).isPresent();
  }

  @Test
  void acquiresInterruptedWhileWaitingForTheReplyLeaveNoKeyHeld() throws Exception {
    String prefix = TestRedis.randomPrefix("interrupted-acquire");
    LockProvider locks = RedisStores.builder(redisson).keyPrefix(prefix).build().lockProvider();
    RedisKeys keys = new RedisKeys(prefix);
    List<Thread> threads = new ArrayList<>();
    CountDownLatch sent = new CountDownLatch(CALLS);
    List<Throwable> outcomes = new ArrayList<>();

    server.pause();
    try {
      for (int i = 0; i < CALLS; i++) {
        String key = "k" + i;
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      sent.countDown();
                      try {
                        locks.acquire(key, Duration.ofSeconds(30), Duration.ofSeconds(30));
                        synchronized (outcomes) {
                          outcomes.add(null);
                        }
                      } catch (InterruptedException | RuntimeException e) {
                        synchronized (outcomes) {
                          outcomes.add(e);
                        }
                      }
                    }));
      }
      sent.await();
      // Each thread is now in acquire (or about to be), waiting on a server that does not answer.
      threads.forEach(Thread::interrupt);
      for (Thread thread : threads) {
        thread.join();
      }
    } finally {
      server.resume();
    }

    assertThat(outcomes).hasSize(CALLS).allSatisfy(e -> assertThat(e).isInstanceOf(InterruptedException.class));
    assertNoneTaken("a lock held", () -> heldLocks(keys));
  }

  @Test
  void rateChecksAbandonedAfterTheOperationTimeoutUseNoQuota() throws Exception {
    String prefix = TestRedis.randomPrefix("abandoned-check");
    RateLimitStore limits = RedisStores.builder(redisson).keyPrefix(prefix).operationTimeout(OPERATION_TIMEOUT).build().rateLimitStore();
    RedisKeys keys = new RedisKeys(prefix);

    int failed = abandonWhileFrozen(i -> () -> limits.checkAndIncrement("shared", 1_000, Duration.ofMinutes(1)));

    assertThat(failed).as("checks that failed with StoreException").isEqualTo(CALLS);
    assertNoneTaken("an admission counted", () -> redisson.getScoredSortedSet(keys.rateLimit("shared")).size());
    assertThat(limits.checkAndIncrement("shared", 1, Duration.ofMinutes(1)).allowed())
        .as("the whole quota is left")
        .isTrue();
  }

  /**
   * Freezes the server, makes the {@value #CALLS} calls at once (each fails after the operation
   * timeout), lets the server run again; returns how many failed with a StoreException.
   */
  private static int abandonWhileFrozen(IntFunction<Callable<?>> call) throws Exception {
    int failed = 0;
    server.pause();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(threads.submit(call.apply(i)));
      }
      for (Future<?> result : calls) {
        try {
          result.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof StoreException) {
            failed++;
          } else {
            throw e;
          }
        }
      }
    } finally {
      server.resume(); // the frozen commands run now, and Redisson's resent copies soon after
    }
    return failed;
  }

  private static int heldLocks(RedisKeys keys) {
    return (int) IntStream.range(0, CALLS).filter(i -> redisson.getBucket(keys.lock("k" + i)).isExists()).count();
  }

  /**
   * Checks that {@code taken} (how many calls left something taken) falls to 0 and stays there
   * until every late copy of the calls has run.
   */
  private static void assertNoneTaken(String what, IntSupplier taken) {
    try {
      await()
          .atMost(LATE_COPIES_SETTLED.multipliedBy(3))
          .during(LATE_COPIES_SETTLED)
          .pollInterval(Duration.ofMillis(25))
          .until(() -> taken.getAsInt() == 0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(taken.getAsInt() + " of " + CALLS + " abandoned calls left " + what, e);
    }
  }
}
