package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 on a live Redis: a virtual thread acquiring a lock (or checking a rate limit) is
 * interrupted 0 to 999 µs into the call, so the interrupt lands before the command is sent, while
 * it is in flight, or after the reply. Whatever the call then returns or throws, nothing may stay
 * taken that the caller does not know of: an acquire that did not return a lease leaves the key
 * free for another client at once, and a check that did not return a decision used no quota.
 * {@value #ROUNDS} rounds each.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisInterruptedAcquireTest {
  private static final int ROUNDS = 200;
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private static RedisContractClients clients;
  private final RedisStores stores = clients.stores();
  private final RedisStores others = clients.otherStores();

  @BeforeAll
  static void connect() {
    clients = new RedisContractClients("interrupted-acquire-live");
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
  void anInterruptedAcquireThatReturnedNoLeaseLeavesTheKeyFree() throws Exception {
    for (boolean waits : new boolean[] {false, true}) {
      LockProvider locks = stores.lockProvider();
      List<String> leaks = new ArrayList<>();
      int cutOff = 0;
      for (int round = 0; round < ROUNDS; round++) {
        String key = (waits ? "acquire-" : "try-acquire-") + round;
        InterruptedCall<Optional<Lease>> outcome = interrupted(
            () -> waits ? locks.acquire(key, TTL, Duration.ofSeconds(5)) : locks.tryAcquire(key, TTL));
        if (outcome.value() != null && outcome.value().isPresent()) {
          outcome.value().get().release(); // the caller holds it and gives it back
          continue;
        }
        cutOff++;
        Optional<Lease> taken = others.lockProvider().tryAcquire(key, TTL);
        taken.ifPresent(Lease::release);
        if (taken.isEmpty()) {
          leaks.add("round " + round + ": " + outcome + " but the key was still held");
        }
      }
      System.out.printf("%s: %d of %d acquires cut off by the interrupt, %d left the key held%n",
          waits ? "acquire" : "tryAcquire", cutOff, ROUNDS, leaks.size());
      assertThat(leaks).as("%s: of %d acquires the interrupt cut off", waits ? "acquire" : "tryAcquire", cutOff)
          .isEmpty();
    }
  }

  @Test
  void anInterruptedRateCheckThatReturnedNoDecisionUsedNoQuota() throws Exception {
    RateLimitStore limits = stores.rateLimitStore();
    List<String> leaks = new ArrayList<>();
    int cutOff = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String key = "check-" + round;
      InterruptedCall<RateLimitDecision> outcome = interrupted(() -> limits.checkAndIncrement(key, 1, WINDOW));
      if (outcome.value() != null) {
        continue; // answered: allowed (and counted) as the caller knows
      }
      cutOff++;
      RateLimitDecision next = others.rateLimitStore().checkAndIncrement(key, 1, WINDOW);
      if (!next.allowed()) {
        leaks.add("round " + round + ": " + outcome + " but the quota was used");
      }
    }
    System.out.printf("checkAndIncrement: %d of %d checks cut off by the interrupt, %d used quota%n",
        cutOff, ROUNDS, leaks.size());
    assertThat(leaks).isEmpty();
  }

  /** Runs {@code call} on a virtual thread, interrupted by this one 0 to 999 µs after it starts. */
  private static <T> InterruptedCall<T> interrupted(Callable<T> call) throws InterruptedException {
    return InterruptedCall.run(Thread.ofVirtual(), InterruptedCall.randomDelayNanos(), call);
  }
}
