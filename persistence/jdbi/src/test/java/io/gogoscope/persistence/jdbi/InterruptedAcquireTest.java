package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An acquire cut off by an interrupt leaves no ghost. Interrupting a virtual thread inside a JDBC
 * call closes its socket, but the server still runs the upsert it had sent and may commit it: before
 * the undo, such a key stayed held by nobody for its whole TTL. Here a virtual thread takes a lock
 * and is interrupted at a different point of each round (from before its call to after it), on a
 * key never locked before (the insert path) or on a free row (the update path); whenever the acquire
 * failed, the key must be free the moment it returned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedAcquireTest {

  private static final int ROUNDS = 100;
  private static final Duration TTL = Duration.ofMinutes(1);

  private final BackendCache backends = new BackendCache();

  @AfterAll
  void close() {
    backends.close();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void anInterruptedAcquireLeavesTheKeyFree(SqlDialect dialect) throws Exception {
    SqlBackend backend = backends.get(dialect);
    LockProvider acquirer = backend.stores().lockProvider();
    LockProvider checker = backend.stores().lockProvider();
    int cutOff = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String key = round % 2 == 0 ? "cut:new:" + round : "cut:reused";
      AtomicReference<Object> outcome = new AtomicReference<>();
      CountDownLatch started = new CountDownLatch(1);
      Thread thread = Thread.ofVirtual().start(() -> {
        started.countDown();
        try {
          outcome.set(acquirer.tryAcquire(key, TTL));
        } catch (RuntimeException e) {
          outcome.set(e);
        }
      });
      started.await();
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos((round * 7L) % 400)); // 0 to 399 µs into it
      thread.interrupt();
      assertThat(thread.join(Duration.ofSeconds(30))).as("the acquire returned").isTrue();
      if (outcome.get() instanceof Optional<?> lease) {
        lease.map(Lease.class::cast).ifPresent(Lease::release);
        continue;
      }
      cutOff++;
      Optional<Lease> next = checker.tryAcquire(key, TTL);
      assertThat(next)
          .as("round %d: the key is free right after an acquire cut off by %s", round, outcome.get())
          .isPresent();
      next.get().release();
    }
    System.out.printf("%s: %d of %d acquires cut off by the interrupt, every key free right after%n", dialect, cutOff, ROUNDS);
    if (dialect != SqlDialect.SQLITE) {
      // SQLite's driver runs in native code, out of an interrupt's reach: nothing to cut off there.
      assertThat(cutOff).as("acquires the interrupt cut off, of %d", ROUNDS).isPositive();
    }
  }
}
