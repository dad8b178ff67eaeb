package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.Lease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ScopeLockTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  private final InMemoryLockProvider locks = new InMemoryLockProvider();
  private final ScopeRuntime runtime = ScopeRuntime.builder().lockProvider(locks).build();

  @Test
  void aLockTakenInAScopeIsReleasedWhenTheScopeCloses() {
    Lease lease;
    try (Scope scope = runtime.scope("orders").open()) {
      lease = ScopeLocks.tryAcquire(scope, "order:42", TTL).orElseThrow();
      assertThat(lease.isValid()).isTrue();
      assertThat(locks.tryAcquire("order:42", TTL)).as("the runtime's provider holds it").isEmpty();
    }
    assertThat(lease.isValid()).isFalse();
    assertThat(locks.tryAcquire("order:42", TTL)).isPresent();
  }

  @Test
  void acquireLockSkipsAtOnceWhenTheKeyIsHeld() {
    Lease other = locks.tryAcquire("order:42", TTL).orElseThrow();
    try (Scope scope = runtime.scope("orders").open()) {
      assertThat(ScopeLocks.tryAcquire(scope, "order:42", TTL)).isEmpty();
    }
    assertThat(other.isValid()).as("closing the scope leaves others' leases alone").isTrue();
  }

  @Test
  @SuppressWarnings("try") // closes the scope inside its own try on purpose: close is idempotent
  void aLeaseReleasedByHandIsNotReleasedAgainOnClose() {
    try (Scope scope = runtime.scope("orders").open()) {
      Lease lease = ScopeLocks.tryAcquire(scope, "order:42", TTL).orElseThrow();
      assertThat(lease.release()).isTrue();
      Lease next = locks.tryAcquire("order:42", TTL).orElseThrow();
      scope.close();
      assertThat(next.isValid()).as("the next holder keeps the key").isTrue();
    }
  }

  @Test
  void theBoundedFormWaitsForTheHolderToRelease() throws Exception {
    Lease holder = locks.tryAcquire("order:42", TTL).orElseThrow();
    try (Scope scope = runtime.scope("orders").open()) {
      Task<Failure, Optional<Lease>> waiter =
          scope.fork(() -> ScopeLocks.acquire(scope, "order:42", TTL, Duration.ofSeconds(20)));
      Thread.sleep(50);
      holder.release();
      Lease lease = waiter.join().orElseThrow().orElseThrow();
      assertThat(lease.fencingToken()).isGreaterThan(holder.fencingToken());
    }
    assertThat(locks.tryAcquire("order:42", TTL)).isPresent();
  }

  @Test
  void theBoundedFormGivesUpAfterItsWait() throws InterruptedException {
    locks.tryAcquire("order:42", TTL).orElseThrow();
    try (Scope scope = runtime.scope("orders").open()) {
      long started = System.nanoTime();
      assertThat(ScopeLocks.acquire(scope, "order:42", TTL, Duration.ofMillis(200))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }
  }

  @Test
  void theBoundedFormNeverWaitsPastTheScopesDeadline() throws InterruptedException {
    locks.tryAcquire("order:42", TTL).orElseThrow();
    try (Scope scope = runtime.scope("orders").timeout(Duration.ofMillis(200)).open()) {
      long started = System.nanoTime();
      assertThat(ScopeLocks.acquire(scope, "order:42", TTL, Duration.ofSeconds(30))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aClosedScopeRefusesAndLeavesTheKeyFree() {
    Scope scope = runtime.scope("orders").open();
    scope.close();
    assertThatThrownBy(() -> ScopeLocks.tryAcquire(scope, "order:42", TTL)).isInstanceOf(IllegalStateException.class);
    assertThat(locks.tryAcquire("order:42", TTL)).as("the lease taken before refusing was released").isPresent();
  }

  @Test
  void misuseIsRefusedWithTheStoresMessage() {
    try (Scope scope = runtime.scope("orders").open()) {
      assertThatThrownBy(() -> ScopeLocks.tryAcquire(scope, "order:42", Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl");
      assertThatThrownBy(() -> ScopeLocks.acquire(scope, "order:42", TTL, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxWait");
    }
  }
}
