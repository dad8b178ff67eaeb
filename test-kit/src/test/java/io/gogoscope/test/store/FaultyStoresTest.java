package io.gogoscope.test.store;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.Lease;
import io.gogoscope.store.StoreException;
import io.gogoscope.store.WatchdogLockProvider;
import io.gogoscope.test.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultyStoresTest {
  private final VirtualClock clock = VirtualClock.autoAdvancing();
  private final FaultyStores stores = FaultyStores.inMemory(clock);
  private final ScopeRuntime runtime = ScopeRuntime.builder().timeSource(clock).stores(stores).build();

  @Test
  void aStoreThatIsDownFailsGuardedCallsUntilItIsUpAgain() {
    Guard locked = runtime.guard("nightly-report").lock(Duration.ofMinutes(1), Duration.ZERO).build();
    assertThat(locked.call(() -> "ran")).hasValue("ran");

    stores.faults().down();
    Result<Failure, String> result = locked.call(() -> "ran");
    assertThat(result).failedWith(StoreException.class);
    assertThat(result).error().hasExceptionOf(StoreException.class);
    assertThatThrownBy(() -> stores.rateLimitStore().checkAndIncrement("k", 1, Duration.ofSeconds(1)))
        .isInstanceOf(StoreException.class).hasMessageContaining("store down (injected fault)");

    stores.faults().up();
    assertThat(locked.call(() -> "ran")).hasValue("ran");
    assertThat(stores.faults().injectedFailures()).isEqualTo(2);
  }

  /**
   * A lock's minimum hold through a fault wrapper over {@link WatchdogLockProvider}: the wrapper
   * must pass {@code releaseAfter} on, or it becomes an {@code extend} the watchdog keeps renewing
   * (the key stayed held for good).
   */
  @Test
  void aMinimumHoldUnderTheWatchdogEndsAfterItsDelay() {
    InMemoryLockProvider store = new InMemoryLockProvider();
    ScopeRuntime watched = ScopeRuntime.builder()
        .lockProvider(new FaultyLockProvider(new WatchdogLockProvider(store), new Faults())).build();
    Guard nightly = watched.guard("nightly")
        .lock(Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(200)).build();
    long start = System.nanoTime();
    assertThat(nightly.call(() -> "ran")).hasValue("ran");
    assertThat(store.tryAcquire("nightly", Duration.ofSeconds(1))).as("held for its minimum hold").isEmpty();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> store.tryAcquire("nightly", Duration.ofSeconds(1)).map(Lease::release).isPresent());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void failEveryNthCallFailsExactlyThoseCalls() {
    stores.faults().failEvery(3);
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      try {
        stores.rateLimitStore().checkAndIncrement("k", 100, Duration.ofSeconds(1));
        failed.add(false);
      } catch (StoreException e) {
        failed.add(true);
      }
    }
    assertThat(failed).containsExactly(false, false, true, false, false, true, false);
  }

  @Test
  void aSlowStoreDelaysEveryCallAndTheLeasesItHandsOut() {
    stores.faults().slow(Duration.ofMillis(250));
    Lease lease = stores.lockProvider().tryAcquire("k", Duration.ofSeconds(10)).orElseThrow();
    assertThat(lease.release()).isTrue();
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aSlowStoreGivesUpWhenTheCallerIsInterrupted() {
    FaultyStores realTime = FaultyStores.inMemory();
    realTime.faults().slow(Duration.ofMinutes(1));
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> realTime.circuitStateStore().read("c"))
        .isInstanceOf(StoreException.class).hasMessageContaining("interrupted while the store was slow");
    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
  }
}
