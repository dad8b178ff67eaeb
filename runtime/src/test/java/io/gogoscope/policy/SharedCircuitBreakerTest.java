package io.gogoscope.policy;

import static io.gogoscope.CircuitState.CLOSED;
import static io.gogoscope.CircuitState.HALF_OPEN;
import static io.gogoscope.CircuitState.OPEN;
import static io.gogoscope.policy.CircuitBreakerTest.fail;
import static io.gogoscope.policy.CircuitBreakerTest.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.policy.CircuitBreaker.Config;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breakers of one name in several instances, sharing transitions through a store. */
class SharedCircuitBreakerTest {
  private static final Duration RESET = Duration.ofSeconds(30);
  private static final Config SHARED = Config.consecutiveFailures(2, RESET).withShared(true);

  private final ManualTimeSource time = new ManualTimeSource();
  private final FakeCircuitStateStore store = new FakeCircuitStateStore();
  private final List<String> heardByA = new ArrayList<>();
  private final List<String> heardByB = new ArrayList<>();

  private CircuitBreaker instance(List<String> heard) {
    return CircuitBreaker.create("payments", SHARED, time, store, (n, from, to) -> heard.add(from + "->" + to));
  }

  @Test
  void openInOneInstanceIsOpenInAll() {
    CircuitBreaker a = instance(heardByA);
    CircuitBreaker b = instance(heardByB);

    fail(a, 2);

    assertThat(b.phaseState()).isEqualTo(OPEN);
    assertThat(b.tryAcquirePermission()).isFalse();
    assertThat(b.retryAfter()).isEqualTo(RESET);
    assertThat(heardByA).as("its own publish echoes back and is dropped").containsExactly("CLOSED->OPEN");
    assertThat(heardByB).containsExactly("CLOSED->OPEN");
    assertThat(store.accepted).containsExactly(new CircuitSnapshot(OPEN, time.now(), 1));
  }

  @Test
  void everyInstanceHalfOpensByItselfAndATrialSuccessClosesAll() {
    CircuitBreaker a = instance(heardByA);
    CircuitBreaker b = instance(heardByB);
    fail(a, 2);
    time.advance(RESET);

    assertThat(a.state()).isEqualTo(HALF_OPEN);
    assertThat(b.state()).isEqualTo(HALF_OPEN);
    assertThat(store.accepted).as("half-opening is derived, not published").hasSize(1);

    succeed(b, 1);

    assertThat(a.phaseState()).isEqualTo(CLOSED);
    assertThat(heardByA).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    assertThat(heardByB).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
  }

  @Test
  void aTrialFailureInOneInstanceReopensAll() {
    CircuitBreaker a = instance(heardByA);
    CircuitBreaker b = instance(heardByB);
    fail(a, 2);
    time.advance(RESET);
    a.state();
    b.state();

    fail(a, 1);

    assertThat(b.phaseState()).isEqualTo(OPEN);
    assertThat(b.retryAfter()).isEqualTo(RESET);
    assertThat(heardByB).endsWith("HALF_OPEN->OPEN");
  }

  @Test
  void aNewInstanceStartsInThePublishedStateAndHalfOpensWhenTheFirstOpenerDoes() {
    store.storeSilently("payments", new CircuitSnapshot(OPEN, time.now(), 7));
    time.advance(Duration.ofSeconds(10));

    CircuitBreaker late = instance(heardByB);

    assertThat(late.phaseState()).isEqualTo(OPEN);
    assertThat(late.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(heardByB).as("the observer hears the adopted state").containsExactly("CLOSED->OPEN");
    time.advance(Duration.ofSeconds(20));
    assertThat(late.state()).isEqualTo(HALF_OPEN);
  }

  @Test
  void anOpenPublishedLongAgoOrInTheFutureIsBoundedByOneResetTimeout() {
    store.storeSilently("payments", new CircuitSnapshot(OPEN, time.now().minus(Duration.ofDays(9000)), 1));
    assertThat(instance(heardByA).state()).isEqualTo(HALF_OPEN);

    FakeCircuitStateStore skewed = new FakeCircuitStateStore();
    skewed.storeSilently("payments", new CircuitSnapshot(OPEN, time.now().plusSeconds(5), 1));
    CircuitBreaker b = CircuitBreaker.create("payments", SHARED, time, skewed, null);
    assertThat(b.retryAfter()).as("a clock ahead of ours counts as now").isEqualTo(RESET);
  }

  @Test
  void whenAnotherInstanceWonThePublishRaceItsStateIsTaken() {
    CircuitBreaker a = instance(heardByA);
    fail(a, 2); // publishes OPEN v1
    time.advance(RESET);
    assertThat(a.state()).isEqualTo(HALF_OPEN);
    // Another instance's trial failed and published OPEN v2; its push has not arrived here yet.
    store.storeSilently("payments", new CircuitSnapshot(OPEN, time.now(), 2));

    succeed(a, 1); // a's own trial succeeded: it closes and publishes CLOSED v2, which loses

    assertThat(a.phaseState()).isEqualTo(OPEN);
    assertThat(a.retryAfter()).isEqualTo(RESET);
    assertThat(heardByA).endsWith("HALF_OPEN->CLOSED", "CLOSED->OPEN");
  }

  @Test
  void aStoreThatIsDownLeavesTheLocalBreakerWorking() {
    CircuitBreaker a = instance(heardByA);
    store.down = true;

    fail(a, 2);

    assertThat(a.state()).isEqualTo(OPEN);
    assertThat(heardByA).containsExactly("CLOSED->OPEN");
    store.down = false;
    assertThat(store.read("payments")).isEmpty();
  }

  @Test
  void aStoreThatIsDownAtCreationLeavesABreakerThatWorksLocally() {
    store.down = true;
    CircuitBreaker a = instance(heardByA);

    fail(a, 2);

    assertThat(a.state()).isEqualTo(OPEN);
    assertThat(heardByA).containsExactly("CLOSED->OPEN");
  }

  @Test
  void anUnsharedBreakerIgnoresTheStoreItIsGiven() {
    CircuitBreaker local = CircuitBreaker.create("payments", Config.consecutiveFailures(1, RESET), time, store, null);
    CircuitBreaker shared = instance(heardByB);

    fail(local, 1);

    assertThat(store.accepted).isEmpty();
    assertThat(shared.phaseState()).isEqualTo(CLOSED);
  }
}
