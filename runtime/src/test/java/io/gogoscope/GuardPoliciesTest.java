package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.config.ConfigSource;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What ScopeRuntime.guards() and Guard.policies() show an operator (the starter's endpoint reads them). */
class GuardPoliciesTest {

  @Test
  void aRuntimeListsItsGuardsWithTheirPoliciesByTheirPropertyNames() {
    ScopeRuntime runtime = ScopeRuntime.builder().config(ConfigSource.none()).build();
    runtime.guard("users.fetch")
        .retry(Retry.builder().maxAttempts(3).delay(Duration.ofMillis(100)).build())
        .timeout(Duration.ofSeconds(2))
        .circuitBreaker(runtime.circuitBreaker("users", CircuitBreaker.Config.consecutiveFailures(5, Duration.ofSeconds(30))))
        .build();
    runtime.guard("jobs.nightly").lock(Duration.ofMinutes(5), Duration.ZERO).build();

    assertThat(runtime.guards()).extracting(Guard::name).containsExactly("jobs.nightly", "users.fetch");
    Map<String, Map<String, Object>> policies = runtime.guards().get(1).policies();
    assertThat(policies).containsOnlyKeys("retry", "timeout", "circuit-breaker");
    assertThat(policies.get("retry")).containsEntry("max-attempts", 3).containsEntry("delay", "PT0.1S");
    assertThat(policies.get("timeout")).containsExactly(Map.entry("value", "PT2S"));
    assertThat(policies.get("circuit-breaker")).containsExactly(Map.entry("name", "users"));
    assertThat(runtime.guards().get(0).policies().get("distributed-lock"))
        .containsEntry("ttl", "PT5M").containsEntry("max-wait", "PT0S");
  }

  @Test
  void theLatestGuardOfANameIsListed() {
    ScopeRuntime runtime = ScopeRuntime.builder().config(ConfigSource.none()).build();
    runtime.guard("a").timeout(Duration.ofSeconds(1)).build();
    runtime.guard("a").timeout(Duration.ofSeconds(2)).build();
    assertThat(runtime.guards()).singleElement()
        .satisfies(guard -> assertThat(guard.policies().get("timeout")).containsEntry("value", "PT2S"));
  }
}
