package io.gogoscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogLockProviderTest {
  // Renewed every third of the TTL: a second leaves room for a stalled renewal on a loaded machine.
  private static final Duration TTL = Duration.ofSeconds(1);

  private final InMemoryLockProvider store = new InMemoryLockProvider();
  private final WatchdogLockProvider watched = new WatchdogLockProvider(store);

  @Test
  void keepsALeaseHeldWellPastItsTtlUntilReleased() {
    Lease lease = watched.tryAcquire("k", TTL).orElseThrow();
    await()
        .during(TTL.multipliedBy(4))
        .atMost(TTL.multipliedBy(4).plusSeconds(10))
        .until(() -> lease.isValid() && store.tryAcquire("k", TTL).isEmpty());
    assertThat(lease.release()).isTrue();
    assertThat(store.tryAcquire("k", TTL)).isPresent();
  }

  @Test
  void aReleasedLeaseIsNoLongerRenewedAndExpiresNormally() throws InterruptedException {
    Lease lease = watched.acquire("k", TTL, Duration.ZERO).orElseThrow();
    lease.close();
    Lease next = store.tryAcquire("k", TTL).orElseThrow();
    // The released lease's renewals stopped, so the next holder's short TTL is not stretched.
    await().atMost(TTL.plusSeconds(10)).until(() -> !next.isValid());
  }

  @Test
  void releaseAfterStopsRenewingAndFreesTheKeyAfterTheDelay() {
    Lease lease = watched.tryAcquire("k", TTL).orElseThrow();
    long start = System.nanoTime();
    assertThat(lease.releaseAfter(Duration.ofMillis(200))).isTrue();
    assertThat(store.tryAcquire("k", TTL)).as("held for the delay").isEmpty();
    await().atMost(TTL.plusSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> store.tryAcquire("k", TTL).map(Lease::release).isPresent());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void keepsTheFencingTokenAndKeyOfTheLease() {
    Lease plain = store.tryAcquire("a", TTL).orElseThrow();
    plain.release();
    try (Lease lease = watched.tryAcquire("a", TTL).orElseThrow()) {
      assertThat(lease.key()).isEqualTo("a");
      assertThat(lease.fencingToken()).isGreaterThan(plain.fencingToken());
    }
  }
}
