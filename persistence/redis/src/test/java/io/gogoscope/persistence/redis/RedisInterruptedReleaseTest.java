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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  private static RedisContractClients clients;
  private final LockProvider locks = clients.stores().lockProvider();
  private final LockProvider watchedLocks = new WatchdogLockProvider(locks);
  private final LockProvider others = clients.otherStores().lockProvider();

  @BeforeAll
  static void connect() {
    clients = new RedisContractClients("interrupted-release");
  }

  @AfterAll
  static void disconnect() {
    if (clients != null) {
      clients.close();
    }
  }

  @AfterEach
  void deleteKeys() {
    clients.deleteKeys();
  }

  @Test
  void releaseOnAThreadInterruptedBeforehandFreesTheKeyAtOnceAndKeepsTheInterrupt() throws Exception {
    for (LockProvider provider : List.of(locks, watchedLocks)) {
      for (Thread.Builder threads : List.of(Thread.ofPlatform(), Thread.ofVirtual())) {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
          String key = "release-" + kind(threads) + "-" + provider.getClass().getSimpleName() + "-" + round;
          Lease lease = provider.tryAcquire(key, TTL).orElseThrow();
          InterruptedCall<Boolean> outcome = InterruptedCall.run(threads, null, lease::release);
          failures.addAll(problems(outcome, round));
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
          InterruptedCall<Boolean> outcome =
              InterruptedCall.run(threads, InterruptedCall.randomDelayNanos(), lease::release);
          failures.addAll(problems(outcome, round));
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
          Long delay = round % 2 == 0 ? null : InterruptedCall.randomDelayNanos();
          InterruptedCall<Boolean> outcome = InterruptedCall.run(threads, delay, () -> lease.extend(TTL));
          failures.addAll(problems(outcome, round));
          long ttlInRedis = clients.client().getBucket(new RedisKeys(clients.prefix()).lock(key)).remainTimeToLive();
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

  private static String kind(Thread.Builder threads) {
    return threads instanceof Thread.Builder.OfVirtual ? "virtual" : "platform";
  }

  /** The call's problems: it threw, returned {@code false}, or lost the interrupt. */
  private static List<String> problems(InterruptedCall<Boolean> outcome, int round) {
    List<String> problems = new ArrayList<>();
    if (outcome.thrown() != null) {
      problems.add("round " + round + ": threw " + outcome.thrown());
    } else if (!Boolean.TRUE.equals(outcome.value())) {
      problems.add("round " + round + ": returned " + outcome.value());
    }
    if (!outcome.stillInterrupted()) {
      problems.add("round " + round + ": the interrupt was lost");
    }
    return problems;
  }
}
