package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.WatchdogLockProvider;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Issue 10, item 1 on Redis: a cancelled scope interrupts the thread that then releases its lease
 * (or the watchdog extends it). Release and extend must complete whatever the interrupt status,
 * and leave the interrupt visible to the caller. Each case is repeated {@value #ROUNDS} times, on
 * platform and virtual threads, with the interrupt set before the call and arriving during it.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisInterruptedReleaseTest {
  private static final int ROUNDS = 100;
  private static final Duration TTL = Duration.ofSeconds(30);

  private static RedissonClient redisson;
  private static RedissonClient otherProcess;
  private final String prefix = TestRedis.randomPrefix("interrupted-release");
  private final LockProvider locks;
  private final LockProvider watchedLocks;
  private final LockProvider others;

  RedisInterruptedReleaseTest() {
    this.locks = RedisStores.builder(redisson).keyPrefix(prefix).build().lockProvider();
    this.watchedLocks = new WatchdogLockProvider(locks);
    this.others = RedisStores.builder(otherProcess).keyPrefix(prefix).build().lockProvider();
  }

  @BeforeAll
  static void connect() {
    redisson = TestRedis.connect();
    otherProcess = TestRedis.connect();
  }

  @AfterAll
  static void disconnect() {
    for (RedissonClient client : new RedissonClient[] {redisson, otherProcess}) {
      if (client != null) {
        client.shutdown();
      }
    }
  }

  @AfterEach
  void deleteKeys() {
    TestRedis.deleteKeys(redisson, prefix);
  }

  @Test
  void releaseOnAThreadInterruptedBeforehandFreesTheKeyAtOnceAndKeepsTheInterrupt() throws Exception {
    for (LockProvider provider : List.of(locks, watchedLocks)) {
      for (Thread.Builder threads : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          String key = "release-" + kind(threads) + "-" + provider.getClass().getSimpleName() + "-" + round;
          Lease lease = provider.tryAcquire(key, TTL).orElseThrow();
          Outcome outcome = runInterrupted(threads, null, lease::release);
          failures.addAll(outcome.problems(round, released -> released));
          failures.addAll(keyIsFree(round, key));
        }
        assertThat(failures).as("%s on %s threads", provider.getClass().getSimpleName(), kind(threads)).isEmpty();
      }
    }
  }

  @Test
  void releaseInterruptedWhileItWaitsForRedisFreesTheKeyAndKeepsTheInterrupt() throws Exception {
    for (LockProvider provider : List.of(locks, watchedLocks)) {
      for (Thread.Builder threads : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          String key = "release-during-" + kind(threads) + "-" + provider.getClass().getSimpleName() + "-" + round;
          Lease lease = provider.tryAcquire(key, TTL).orElseThrow();
          Outcome outcome = runInterrupted(threads, randomDelayNanos(), lease::release);
          failures.addAll(outcome.problems(round, released -> released));
          failures.addAll(keyIsFree(round, key));
        }
        assertThat(failures).as("%s on %s threads", provider.getClass().getSimpleName(), kind(threads)).isEmpty();
      }
    }
  }

  @Test
  void extendOnAnInterruptedThreadExtendsTheLeaseAndKeepsTheInterrupt() throws Exception {
    Duration shortTtl = Duration.ofSeconds(5);
    for (LockProvider provider : List.of(locks, watchedLocks)) {
      for (Thread.Builder threads : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          String key = "extend-" + kind(threads) + "-" + provider.getClass().getSimpleName() + "-" + round;
          Lease lease = provider.tryAcquire(key, shortTtl).orElseThrow();
          Long delay = round % 2 == 0 ? null : randomDelayNanos();
          Outcome outcome = runInterrupted(threads, delay, () -> lease.extend(TTL));
          failures.addAll(outcome.problems(round, extended -> extended));
          long ttlInRedis = redisson.getBucket(new RedisKeys(prefix).lock(key)).remainTimeToLive();
          if (ttlInRedis <= shortTtl.toMillis()) {
            failures.add("round " + round + ": the TTL in Redis is " + ttlInRedis + " ms, not extended to " + TTL);
          }
          assertThat(lease.release()).isTrue();
        }
        assertThat(failures).as("%s on %s threads", provider.getClass().getSimpleName(), kind(threads)).isEmpty();
      }
    }
  }

  /** Another process takes the key at once (and gives it back), or the problem. */
  private List<String> keyIsFree(int round, String key) {
    Optional<Lease> taken = others.tryAcquire(key, TTL);
    taken.ifPresent(Lease::release);
    return taken.isPresent() ? List.of() : List.of("round " + round + ": the key was still held after the release");
  }

  /** Up to about as long as a loopback round trip, so the interrupt lands before, during or after. */
  private static long randomDelayNanos() {
    return ThreadLocalRandom.current().nextLong(Duration.ofMillis(1).toNanos());
  }

  private static String kind(Thread.Builder threads) {
    return threads instanceof Thread.Builder.OfVirtual ? "virtual" : "platform";
  }

  /** What the call returned or threw, and whether the thread was still interrupted afterwards. */
  private record Outcome(Boolean result, Throwable thrown, boolean stillInterrupted) {
    List<String> problems(int round, Predicate<Boolean> expected) {
      List<String> problems = new ArrayList<>();
      if (thrown != null) {
        problems.add("round " + round + ": threw " + thrown);
      } else if (!expected.test(result)) {
        problems.add("round " + round + ": returned " + result);
      }
      if (!stillInterrupted) {
        problems.add("round " + round + ": the interrupt was lost");
      }
      return problems;
    }
  }

  /** The call to make on an interrupted thread. */
  private interface Call {
    boolean call();
  }

  /**
   * Runs {@code call} on a new thread that is interrupted before it starts ({@code delayNanos}
   * null) or by this thread after {@code delayNanos}, racing the call. The thread reads its
   * interrupt status only after the interrupt was certainly sent.
   */
  private static Outcome runInterrupted(Thread.Builder threads, Long delayNanos, Call call) throws InterruptedException {
    CountDownLatch interruptSent = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    Thread thread =
        threads.unstarted(
            () -> {
              if (delayNanos == null) {
                Thread.currentThread().interrupt();
                interruptSent.countDown();
              }
              started.countDown();
              Boolean result = null;
              Throwable thrown = null;
              try {
                result = call.call();
              } catch (RuntimeException e) {
                thrown = e;
              }
              boolean interrupted;
              try {
                interruptSent.await();
                interrupted = Thread.currentThread().isInterrupted();
              } catch (InterruptedException e) {
                interrupted = true; // await found the flag set (and cleared it)
              }
              outcome.set(new Outcome(result, thrown, interrupted));
            });
    thread.start();
    if (delayNanos != null) {
      started.await();
      long until = System.nanoTime() + delayNanos;
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
      thread.interrupt();
      interruptSent.countDown();
    }
    thread.join();
    return outcome.get();
  }
}
