package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.InMemoryCircuitStateStore;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.InMemoryRateLimitStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.Stores;
import org.junit.jupiter.api.Test;

class ScopeRuntimeStoresTest {

  /** One backend's three stores. */
  private record Backend(LockProvider lockProvider, RateLimitStore rateLimitStore, CircuitStateStore circuitStateStore)
      implements Stores {}

  private final Backend backend =
      new Backend(new InMemoryLockProvider(), new InMemoryRateLimitStore(), new InMemoryCircuitStateStore());

  @Test
  void storesHandsTheRuntimeAllThreeStoresOfOneBackend() {
    ScopeRuntime runtime = ScopeRuntime.builder().stores(backend).build();

    assertThat(runtime.lockProvider()).isSameAs(backend.lockProvider());
    assertThat(runtime.rateLimitStore()).isSameAs(backend.rateLimitStore());
    assertThat(runtime.circuitStateStore()).isSameAs(backend.circuitStateStore());
  }

  @Test
  void aLaterSetterReplacesOneStoreOnly() {
    LockProvider ownLocks = new InMemoryLockProvider();

    ScopeRuntime runtime = ScopeRuntime.builder().stores(backend).lockProvider(ownLocks).build();

    assertThat(runtime.lockProvider()).isSameAs(ownLocks);
    assertThat(runtime.rateLimitStore()).isSameAs(backend.rateLimitStore());
  }

  @Test
  void nullStoresAreRefused() {
    assertThatThrownBy(() -> ScopeRuntime.builder().stores(null)).isInstanceOf(NullPointerException.class).hasMessage("stores");
  }
}
