package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import java.time.Duration;
import java.util.Optional;

/**
 * What the lock contract's test classes share: the TTLs a backend may adjust and the assertion that
 * a lease was granted. See {@link LockProviderContract}, the class a backend's test extends.
 */
public abstract class LockContract extends StoreContract<LockProvider> {

  /** A TTL that expires soon enough for a test to wait for it. */
  protected Duration shortTtl() {
    return Duration.ofMillis(300);
  }

  /** A TTL no test outlives. */
  protected Duration longTtl() {
    return Duration.ofSeconds(30);
  }

  /** The lease in {@code lease}, failing the test when none was granted. */
  static Lease held(Optional<Lease> lease) {
    assertThat(lease).as("lease").isPresent();
    return lease.orElseThrow();
  }
}
