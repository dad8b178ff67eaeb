package io.gogoscope.processor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.processor.contract.OrderDesk.User;
import io.gogoscope.store.InMemoryCircuitStateStore;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.InMemoryRateLimitStore;
import org.junit.jupiter.api.Test;

/**
 * The contract on the in-memory stores, one set shared by both runtimes of a test (as one backend
 * is shared by two instances); the Redis and SQL modules run it on their servers.
 */
class InMemoryGeneratedStorePoliciesTest extends GeneratedStorePoliciesContract {
  private final InMemoryLockProvider locks = new InMemoryLockProvider();
  private final InMemoryRateLimitStore rateLimits = new InMemoryRateLimitStore();
  private final InMemoryCircuitStateStore circuits = new InMemoryCircuitStateStore();

  @Override
  protected ScopeRuntime.Builder newInstance() {
    return ScopeRuntime.builder().lockProvider(locks).rateLimitStore(rateLimits).circuitStateStore(circuits);
  }

  /**
   * Why the contract runs two runtimes: runtimes left on their defaults have in-memory stores of
   * their own, so a generated service that ignored its runtime's stores would fail the contract.
   */
  @Test
  void runtimesOnTheirOwnDefaultsShareNoCounts() {
    User ada = new User("ada");
    for (int instance = 0; instance < 2; instance++) {
      ScopedOrderDesk desk = ScopedOrderDesk.of(new Desk(), ScopeRuntime.builder().build());
      assertThat(desk.search(ada, "lamps")).isEqualTo(Result.ok("lamps for ada"));
      assertThat(desk.search(ada, "lamps")).isEqualTo(Result.ok("lamps for ada"));
    }
  }
}
