package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CircuitState;
import io.gogoscope.TimeSource;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CircuitStateStore} must show: state shared by name, stale versions
 * refused, changes seen by a second client and pushed to subscribers. A backend's test extends this
 * class and implements {@link #newClient()}; see {@link LockProviderContract} for the conventions.
 * Stores keep {@link CircuitSnapshot#since()} to the millisecond; the tests publish whole
 * milliseconds.
 */
@SuppressWarnings("try") // subscriptions are held open by try-with-resources, never referenced
public abstract class CircuitStateStoreContract extends StoreContract<CircuitStateStore> {

  /** How long to watch for something that must not happen (a change pushed after unsubscribing). */
  protected Duration quietPeriod() {
    return Duration.ofMillis(300);
  }

  private static CircuitSnapshot snapshot(CircuitState state, long version) {
    return new CircuitSnapshot(state, Instant.now().truncatedTo(ChronoUnit.MILLIS), version);
  }

  @Test
  void anUnknownCircuitHasNoState() {
    assertThat(first.read(key("c"))).isEmpty();
  }

  @Test
  void aPublishedStateIsReadByEveryClient() {
    String name = key("c");
    CircuitSnapshot open = snapshot(CircuitState.OPEN, 1);
    assertThat(first.publish(name, open)).isTrue();
    assertThat(first.read(name)).contains(open);
    assertThat(second.read(name)).as("a second client").contains(open);
    assertThat(second.read(key("other"))).isEmpty();
  }

  @Test
  void aNewerVersionReplacesTheStateAndAStaleOneIsRefused() {
    String name = key("c");
    CircuitSnapshot open = snapshot(CircuitState.OPEN, 5);
    CircuitSnapshot halfOpen = snapshot(CircuitState.HALF_OPEN, 6);
    assertThat(first.publish(name, open)).isTrue();
    assertThat(second.publish(name, halfOpen)).isTrue();
    assertThat(first.publish(name, snapshot(CircuitState.CLOSED, 6))).as("same version").isFalse();
    assertThat(first.publish(name, snapshot(CircuitState.CLOSED, 2))).as("older version").isFalse();
    assertThat(first.read(name)).contains(halfOpen);
  }

  @Test
  void subscribersOfEveryClientSeeEachAcceptedChange() throws Exception {
    String name = key("c");
    List<CircuitSnapshot> seenBySecond = new CopyOnWriteArrayList<>();
    List<CircuitSnapshot> seenByFirst = new CopyOnWriteArrayList<>();
    try (AutoCloseable a = second.subscribe(name, seenBySecond::add);
        AutoCloseable b = first.subscribe(name, seenByFirst::add)) {
      CircuitSnapshot open = snapshot(CircuitState.OPEN, 1);
      assertThat(first.publish(name, open)).isTrue();
      await().atMost(patience()).until(() -> seenBySecond.contains(open) && seenByFirst.contains(open));

      assertThat(first.publish(name, snapshot(CircuitState.HALF_OPEN, 1))).as("stale").isFalse();

      CircuitSnapshot closed = snapshot(CircuitState.CLOSED, 2);
      assertThat(second.publish(name, closed)).isTrue();
      await().atMost(patience()).until(() -> seenBySecond.contains(closed) && seenByFirst.contains(closed));
    }
    // Only accepted changes were pushed: the refused one, published between them, was not.
    assertThat(seenBySecond).extracting(CircuitSnapshot::version).containsOnly(1L, 2L);
  }

  @Test
  void subscribersOfOtherCircuitsAreNotCalled() throws Exception {
    List<CircuitSnapshot> seen = new CopyOnWriteArrayList<>();
    List<CircuitSnapshot> seenOnTarget = new CopyOnWriteArrayList<>();
    try (AutoCloseable other = second.subscribe(key("other"), seen::add);
        AutoCloseable target = second.subscribe(key("c"), seenOnTarget::add)) {
      CircuitSnapshot open = snapshot(CircuitState.OPEN, 1);
      first.publish(key("c"), open);
      await().atMost(patience()).until(() -> seenOnTarget.contains(open));
    }
    assertThat(seen).isEmpty();
  }

  @Test
  void aClosedSubscriptionIsNoLongerCalled() throws Exception {
    String name = key("c");
    List<CircuitSnapshot> seen = new CopyOnWriteArrayList<>();
    List<CircuitSnapshot> seenByWitness = new CopyOnWriteArrayList<>();
    AutoCloseable subscription = second.subscribe(name, seen::add);
    try (AutoCloseable witness = second.subscribe(name, seenByWitness::add)) {
      CircuitSnapshot open = snapshot(CircuitState.OPEN, 1);
      first.publish(name, open);
      await().atMost(patience()).until(() -> seen.contains(open));
      subscription.close();
      subscription.close(); // idempotent

      CircuitSnapshot closed = snapshot(CircuitState.CLOSED, 2);
      first.publish(name, closed);
      // The witness, subscribed the same way, proves the change was pushed.
      await().atMost(patience()).until(() -> seenByWitness.contains(closed));
      await().during(quietPeriod()).atMost(quietPeriod().plus(patience())).until(() -> !seen.contains(closed));
    }
  }

  @Test
  void aFailingListenerDoesNotStopOthersNorThePublisher() throws Exception {
    String name = key("c");
    List<CircuitSnapshot> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable failing = second.subscribe(name, s -> { throw new IllegalStateException("listener bug (expected in this test)"); });
        AutoCloseable working = second.subscribe(name, seen::add)) {
      CircuitSnapshot open = snapshot(CircuitState.OPEN, 1);
      assertThat(first.publish(name, open)).isTrue();
      await().atMost(patience()).until(() -> seen.contains(open));
    }
  }

  @Test
  void forcedStatesAreKeptAndPushedLikeTheOthers() throws Exception {
    String name = key("c");
    List<CircuitSnapshot> seen = new CopyOnWriteArrayList<>();
    try (AutoCloseable subscription = second.subscribe(name, seen::add)) {
      CircuitSnapshot forcedOpen = snapshot(CircuitState.FORCED_OPEN, 3);
      assertThat(first.publish(name, forcedOpen)).isTrue();
      assertThat(second.read(name)).contains(forcedOpen);
      // Awaited before the next publish: a polling store may push only the latest state it finds.
      await().atMost(patience()).until(() -> seen.contains(forcedOpen));
      CircuitSnapshot forcedClosed = snapshot(CircuitState.FORCED_CLOSED, 4);
      assertThat(first.publish(name, forcedClosed)).isTrue();
      await().atMost(patience()).until(() -> seen.contains(forcedClosed));
      assertThat(second.read(name)).contains(forcedClosed);
    }
  }

  /**
   * An operator's action on one instance's shared breaker reaches every instance: two breakers of
   * one name, each on its own client, as two processes have.
   */
  @Test
  void maintenanceOfASharedBreakerReachesEveryInstance() {
    String name = key("c");
    CircuitBreaker.Config config = CircuitBreaker.Config.consecutiveFailures(3, Duration.ofMinutes(1)).withShared(true);
    CircuitBreaker here = CircuitBreaker.create(name, config, TimeSource.system(), first, null);
    CircuitBreaker there = CircuitBreaker.create(name, config, TimeSource.system(), second, null);

    here.forceOpen();
    await().atMost(patience()).until(() -> there.state() == CircuitState.FORCED_OPEN);
    assertThat(there.tryAcquirePermission()).isFalse();

    there.forceClosed();
    await().atMost(patience()).until(() -> here.state() == CircuitState.FORCED_CLOSED);
    for (int i = 0; i < 5; i++) {
      assertThat(here.tryAcquirePermission()).isTrue();
      here.onFailure(); // counted nowhere: held closed
    }
    assertThat(here.state()).isEqualTo(CircuitState.FORCED_CLOSED);

    here.reset();
    await().atMost(patience()).until(() -> there.state() == CircuitState.CLOSED);
    assertThat(second.read(name)).get().extracting(CircuitSnapshot::state).isEqualTo(CircuitState.CLOSED);
  }

  /** A newer instance's publishes cannot bury an operator's action: it goes above the stored version. */
  @Test
  void maintenancePublishesAboveTheStoredVersion() {
    String name = key("c");
    assertThat(second.publish(name, snapshot(CircuitState.OPEN, 41))).isTrue();
    CircuitBreaker.Config config = CircuitBreaker.Config.consecutiveFailures(3, Duration.ofMinutes(1)).withShared(true);
    CircuitBreaker breaker = CircuitBreaker.create(name, config, TimeSource.system(), first, null);
    assertThat(second.publish(name, snapshot(CircuitState.OPEN, 57))).isTrue(); // unseen by the breaker yet, perhaps
    breaker.reset();
    assertThat(second.read(name)).get().satisfies(stored -> {
      assertThat(stored.state()).isEqualTo(CircuitState.CLOSED);
      assertThat(stored.version()).isGreaterThan(57);
    });
  }

  @Test
  void refusesMisuseWithAClearMessage() {
    assertThatThrownBy(() -> first.publish(key("c"), null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> first.read(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> first.subscribe(key("c"), null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesNamesNoStoreCanKeepApart() {
    for (RefusedKeys.Refused refused : RefusedKeys.around(key("c"))) {
      RefusedKeys.assertRefused(refused, () -> first.read(refused.key()));
      RefusedKeys.assertRefused(refused, () -> first.publish(refused.key(), snapshot(CircuitState.OPEN, 1)));
      RefusedKeys.assertRefused(refused, () -> first.subscribe(refused.key(), s -> {}));
    }
    assertThat(second.read(key("c") + "s?")).as("nothing was published under a neighbour").isEmpty();
  }
}
