package io.gogoscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The in-memory stores' TTLs and windows follow the time source they are given, and a runtime
 * built without stores gives its own time source to the ones it creates (a test clock drives them).
 */
class InMemoryStoresTimeSourceTest {
  private final ManualTimeSource time = new ManualTimeSource();

  @Test
  void aLeaseExpiresWhenItsTimeSourceSaysSo() {
    InMemoryLockProvider locks = new InMemoryLockProvider(time);
    Lease lease = locks.tryAcquire("k", Duration.ofHours(1)).orElseThrow();
    time.advance(Duration.ofMinutes(59));
    assertThat(lease.isValid()).isTrue();
    assertThat(lease.extend(Duration.ofHours(1))).isTrue();
    time.advance(Duration.ofHours(1));
    assertThat(lease.isValid()).isFalse();
    assertThat(locks.tryAcquire("k", Duration.ofHours(1))).isPresent();
  }

  @Test
  void aWaitingAcquireEndsAtItsMaxWaitOnTheTimeSource() throws Exception {
    InMemoryLockProvider locks = new InMemoryLockProvider(time);
    locks.tryAcquire("k", Duration.ofDays(365L * 50)).orElseThrow();
    Thread mover = Thread.ofVirtual().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        time.advance(Duration.ofMinutes(1));
        Thread.onSpinWait();
      }
    });
    try {
      assertThat(locks.acquire("k", Duration.ofMinutes(1), Duration.ofHours(1))).isEmpty();
    } finally {
      mover.interrupt();
    }
    assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRuntimeGivesItsTimeSourceToTheInMemoryStoresItCreates() {
    ScopeRuntime runtime = ScopeRuntime.builder().timeSource(time).build();
    Lease lease = runtime.lockProvider().tryAcquire("k", Duration.ofMinutes(1)).orElseThrow();
    assertThat(runtime.rateLimitStore().checkAndIncrement("r", 1, Duration.ofMinutes(1)).allowed()).isTrue();
    assertThat(runtime.rateLimitStore().checkAndIncrement("r", 1, Duration.ofMinutes(1)).allowed()).isFalse();

    time.advance(Duration.ofMinutes(1));

    assertThat(lease.isValid()).isFalse();
    assertThat(runtime.rateLimitStore().checkAndIncrement("r", 1, Duration.ofMinutes(1)).allowed()).isTrue();
  }
}
