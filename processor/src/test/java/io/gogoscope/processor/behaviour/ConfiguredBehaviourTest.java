package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigSource;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.processor.behaviour.ScopedInventory.ReserveError;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration overrides end to end: the processor wrote this module's task index while compiling
 * {@link Inventory}; the runtime checks overrides against it and the generated code obeys them.
 */
class ConfiguredBehaviourTest {
  private final FakeInventory fake = new FakeInventory();

  private static ScopeRuntime runtime(Map<String, String> properties) {
    return ScopeRuntime.builder().config(ConfigSource.of(properties)).build();
  }

  @Test
  void anOverrideChangesTheGeneratedRetry() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".retry.max-attempts", "5"));

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(5);
    assertThat(result.errorIfAny()).get().isInstanceOf(ReserveError.Io.class);
  }

  @Test
  void aSwitchTurnsTheGeneratedRetryOff() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;
    ScopeRuntime runtime = runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".retry.enabled", "false"));

    ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(1);
  }

  /** {@link Checkout#pay}: its gateway is the call itself; two failures in a row open "card-gateway". */
  private static ScopedCheckout checkout(ScopeRuntime runtime) {
    return ScopedCheckout.of(new Checkout() {
      @Override
      public String pay(java.util.concurrent.Callable<String> gateway) throws CardDeclinedException, IOException {
        try {
          return gateway.call();
        } catch (CardDeclinedException | IOException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public String render(java.util.concurrent.Callable<String> body) {
        return "unused";
      }
    }, runtime);
  }

  @Test
  void anOverrideChangesTheGeneratedBreaker() {
    ScopedCheckout checkout = checkout(runtime(Map.of("gogoscope.circuit-breakers.card-gateway.failure-threshold", "1")));

    checkout.pay(() -> {
      throw new IOException("gateway down");
    });

    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.err(new ScopedCheckout.PayError.CircuitOpen("card-gateway")));
  }

  @Test
  void aSwitchTakesTheBreakerOffTheTask() {
    ScopedCheckout checkout = checkout(runtime(Map.of("gogoscope.tasks.\"checkout.pay\".circuit-breaker.enabled", "false")));
    for (int i = 0; i < 5; i++) {
      checkout.pay(() -> {
        throw new IOException("gateway down");
      });
    }
    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.ok("paid"));
  }

  @Test
  void anOperatorForcesTheGeneratedBreakerOpenAndResetsIt() {
    ScopeRuntime runtime = runtime(Map.of());
    ScopedCheckout checkout = checkout(runtime);
    assertThat(runtime.circuitBreakers().list()).extracting(b -> b.name()).contains("card-gateway");

    runtime.circuitBreakers().forceOpen("card-gateway");
    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.err(new ScopedCheckout.PayError.CircuitOpen("card-gateway")));

    runtime.circuitBreakers().reset("card-gateway");
    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.ok("paid"));
  }

  /** The index lists checkout.pay's breaker and checkout.render's bulkhead, so both take overrides. */
  @Test
  void anOverrideClassifiesTheGeneratedBreakersExceptions() {
    ScopedCheckout checkout = checkout(runtime(Map.of(
        "gogoscope.tasks.\"checkout.pay\".circuit-breaker.skip-on", "java.io.IOException")));
    for (int i = 0; i < 5; i++) {
      checkout.pay(() -> {
        throw new IOException("gateway down");
      });
    }
    assertThat(checkout.pay(() -> "paid")).isEqualTo(Result.ok("paid"));
  }

  @Test
  void theGeneratedBulkheadTakesOverrides() {
    assertThat(runtime(Map.of(
        "gogoscope.tasks.\"checkout.render\".bulkhead.max-concurrent", "4",
        "gogoscope.tasks.\"checkout.render\".bulkhead.max-wait", "100ms"))).isNotNull();
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"checkout.pay\".bulkhead.max-concurrent", "4")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("task \"checkout.pay\" has no @Bulkhead");
  }

  @Test
  void theProcessorsIndexRejectsATaskItDidNotGenerate() {
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"inventory.reserv\".retry.max-attempts", "5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("did you mean inventory.reserve?");
    assertThatThrownBy(() -> runtime(Map.of("gogoscope.tasks.\"inventory.reserve\".timeout.value", "1s")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("task \"inventory.reserve\" has no @Timeout");
  }
}
