package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.config.ConfigSource;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.store.InMemoryCircuitStateStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The runtime's breaker registry: listing, listening, and an operator's maintenance. */
class CircuitBreakersTest {
  private final ScopeRuntime runtime = ScopeRuntime.builder().config(ConfigSource.none()).build();

  private static final CircuitBreaker.Config CONFIG = CircuitBreaker.Config.consecutiveFailures(2, Duration.ofMinutes(1));

  private static Result<Failure, Object> fail(Guard guard) {
    return guard.call(() -> {
      throw new IOException("down");
    });
  }

  @Test
  void listsEveryBreakerWithStateCountsAndSince() {
    Instant before = Instant.now();
    CircuitBreaker payments = runtime.circuitBreaker("payments", CircuitBreaker.Config.consecutiveFailures(3, Duration.ofMinutes(1)));
    runtime.circuitBreaker("inventory", CONFIG);
    fail(runtime.guard("pay").circuitBreaker(payments).build());

    List<CircuitBreaker.Status> list = runtime.circuitBreakers().list();

    assertThat(list).extracting(CircuitBreaker.Status::name).containsExactly("inventory", "payments");
    CircuitBreaker.Status status = list.get(1);
    assertThat(status.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(status.failures()).isEqualTo(1);
    assertThat(status.calls()).isEqualTo(1);
    assertThat(status.since()).isBetween(before.minusMillis(1), Instant.now());
    assertThat(runtime.circuitBreakers().find("payments")).containsSame(payments);
    assertThat(runtime.circuitBreakers().find("nope")).isEmpty();
  }

  @Test
  void forceOpenRefusesCallsUntilReset() {
    Guard guard = runtime.guard("pay").circuitBreaker(runtime.circuitBreaker("payments", CONFIG)).build();
    runtime.circuitBreakers().forceOpen("payments");

    assertThat(guard.call(() -> "ok")).isEqualTo(Result.err(new Failure.CircuitOpen("payments")));
    assertThat(runtime.circuitBreakers().list().getFirst().state()).isEqualTo(CircuitState.FORCED_OPEN);

    runtime.circuitBreakers().reset("payments");
    assertThat(guard.call(() -> "ok")).isEqualTo(Result.ok("ok"));
  }

  @Test
  void forceClosedLetsEveryCallThroughAndCountsNothing() {
    CircuitBreaker breaker = runtime.circuitBreaker("payments", CONFIG);
    Guard guard = runtime.guard("pay").circuitBreaker(breaker).build();
    runtime.circuitBreakers().forceClosed("payments");
    for (int i = 0; i < 10; i++) {
      assertThat(fail(guard).errorIfAny()).get().isInstanceOf(Failure.Thrown.class);
    }
    assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_CLOSED);

    runtime.circuitBreakers().reset("payments");
    fail(guard);
    fail(guard);
    assertThat(breaker.state()).as("counting again after the reset").isEqualTo(CircuitState.OPEN);
    runtime.circuitBreakers().reset("payments");
    assertThat(breaker.status().failures()).as("a reset empties the window").isZero();
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void listenersHearEveryBreakerAlsoThoseCreatedLater() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable listening = runtime.circuitBreakers().onStateChange(
        (name, from, to) -> heard.add(name + " " + from + "->" + to))) {
      CircuitBreaker payments = runtime.circuitBreaker("payments", CONFIG);
      Guard guard = runtime.guard("pay").circuitBreaker(payments).build();
      fail(guard);
      fail(guard);
      runtime.circuitBreakers().forceOpen("payments");
      runtime.circuitBreakers().forceClosed("payments");
      runtime.circuitBreakers().reset("payments");
      runtime.circuitBreakers().reset("payments"); // closed already: no transition
    }
    runtime.circuitBreakers().forceOpen("payments"); // after closing the handle: not heard
    assertThat(heard).containsExactly(
        "payments CLOSED->OPEN",
        "payments OPEN->FORCED_OPEN",
        "payments FORCED_OPEN->FORCED_CLOSED",
        "payments FORCED_CLOSED->CLOSED");
  }

  @Test
  void anUnknownBreakerIsNamedWithASuggestion() {
    runtime.circuitBreaker("payments", CONFIG);
    assertThatThrownBy(() -> runtime.circuitBreakers().forceOpen("paymnts"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no circuit breaker is named \"paymnts\"; did you mean payments?");
  }

  @Test
  void maintenanceOfASharedBreakerGoesThroughTheStoreToOtherRuntimes() {
    InMemoryCircuitStateStore store = new InMemoryCircuitStateStore();
    ScopeRuntime other = ScopeRuntime.builder().config(ConfigSource.none()).circuitStateStore(store).build();
    ScopeRuntime here = ScopeRuntime.builder().config(ConfigSource.none()).circuitStateStore(store).build();
    CircuitBreaker.Config shared = CONFIG.withShared(true);
    CircuitBreaker there = other.circuitBreaker("payments", shared);
    here.circuitBreaker("payments", shared);

    here.circuitBreakers().forceOpen("payments");
    assertThat(there.state()).isEqualTo(CircuitState.FORCED_OPEN);
    other.circuitBreakers().reset("payments");
    assertThat(here.circuitBreakers().list().getFirst().state()).isEqualTo(CircuitState.CLOSED);
  }
}
