package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RaceAnyParallelTest {

  @Test
  void raceReturnsTheFirstSuccessAndInterruptsTheLosers() throws Exception {
    List<Object> loserReasons = new CopyOnWriteArrayList<>();
    CountDownLatch losersWaiting = new CountDownLatch(2);
    CountDownLatch losersStopped = new CountDownLatch(2);
    Callable<String> loser = () -> {
      losersWaiting.countDown();
      try {
        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
        return "loser finished";
      } catch (InterruptedException e) {
        loserReasons.add(Scope.current().cancellationReason().orElseThrow());
        losersStopped.countDown();
        throw e;
      }
    };
    try (Scope scope = Scope.open("search")) {
      Result<Failure, String> result = Tasks.race(scope, List.of(loser, () -> {
        losersWaiting.await();
        return "winner";
      }, loser));
      assertThat(result).isEqualTo(Result.ok("winner"));
    }
    assertThat(losersStopped.await(0, TimeUnit.SECONDS)).as("losers finished before race returned").isTrue();
    assertThat(loserReasons).containsExactly(
        new CancelReason.LostRace("candidate-1"), new CancelReason.LostRace("candidate-1"));
  }

  @Test
  void raceSkipsFailuresAndWaitsForASuccess() {
    try (Scope scope = Scope.open("s")) {
      Result<Failure, String> result = Tasks.race(scope, List.of(
          () -> {
            throw new IOException("fast failure");
          },
          () -> {
            Thread.sleep(50);
            return "slower success";
          }));
      assertThat(result).isEqualTo(Result.ok("slower success"));
    }
  }

  @Test
  void raceWhereAllFailReportsEveryFailureInInputOrder() {
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");
    try (Scope scope = Scope.open("s")) {
      Result<Failure, Object> result = Tasks.race(scope, List.of(
          () -> {
            Thread.sleep(30);
            throw first;
          },
          () -> {
            throw second;
          }));
      assertThat(result).isEqualTo(Result.err(new Failure.AllFailed(List.of(
          new Failure.Thrown(first), new Failure.Thrown(second)))));
    }
  }

  @Test
  void anyReturnsTheFirstToSettleEvenAFailureAndCancelsTheRest() throws Exception {
    IOException fast = new IOException("fast");
    // The fast body waits until the slow one is asleep: a loser cancelled before it started
    // never runs at all, so it would never see the interruption this test asserts.
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowStopped = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      Result<Failure, String> result = Tasks.any(scope, List.of(
          () -> {
            slowStarted.countDown();
            try {
              Thread.sleep(30_000);
              return "slow";
            } catch (InterruptedException e) {
              slowStopped.countDown();
              throw e;
            }
          },
          () -> {
            slowStarted.await();
            throw fast;
          }));
      assertThat(result).isEqualTo(Result.err(new Failure.Thrown(fast)));
    }
    assertThat(slowStopped.getCount()).isZero();
  }

  @Test
  void raceAndAnyNeedABody() {
    try (Scope scope = Scope.open("s")) {
      assertThatThrownBy(() -> Tasks.race(scope, List.of())).hasMessage("race needs at least one body");
      assertThatThrownBy(() -> Tasks.any(scope, List.of())).hasMessage("any needs at least one body");
    }
  }

  @Test
  void aRaceInACancelledScopeIsCancelled() {
    try (Scope scope = Scope.open("s")) {
      scope.cancel("stop");
      Result<Failure, String> result = Tasks.race(scope, List.of(() -> "never runs"));
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.ParentCancelled("s", new CancelReason.Requested("stop")))));
    }
  }

  @Test
  void raceAndParallelRunInAChildOfTheirScope() {
    try (Scope scope = ScopeRuntime.builder().nameThreads(true).build().scope("s").open()) {
      Result<Failure, String> raced = Tasks.race(scope, List.of(() -> Scope.current().name()
          + " under " + Scope.current().parent().orElseThrow().name()));
      assertThat(raced).isEqualTo(Result.ok("s.race under s"));
      List<Result<Failure, String>> parallel = Tasks.parallel(scope,
          List.of(() -> Thread.currentThread().getName()), 1);
      assertThat(parallel).containsExactly(Result.ok("s.parallel-item-0"));
    }
  }

  @Property(tries = 30)
  void parallelKeepsInputOrderAndNeverExceedsItsLimit(
      @ForAll @IntRange(min = 1, max = 6) int limit, @ForAll @IntRange(min = 0, max = 40) int count) {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<Callable<Integer>> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = i;
      bodies.add(() -> {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          Thread.sleep((id * 7) % 5); // later items often finish first
          if (id % 9 == 8) {
            throw new IOException("item " + id);
          }
          return id;
        } finally {
          running.decrementAndGet();
        }
      });
    }
    List<Result<Failure, Integer>> results;
    try (Scope scope = Scope.open("batch")) {
      results = Tasks.parallel(scope, bodies, limit);
    }
    assertThat(results).hasSize(count);
    for (int i = 0; i < count; i++) {
      String expectedMessage = "item " + i;
      if (i % 9 == 8) {
        assertThat(results.get(i)).isInstanceOfSatisfying(Result.Err.class, err ->
            assertThat(((Failure.Thrown) err.error()).cause()).hasMessage(expectedMessage));
      } else {
        assertThat(results.get(i)).isEqualTo(Result.ok(i));
      }
    }
    assertThat(maxRunning.get()).isLessThanOrEqualTo(limit);
  }

  @Test
  void parallelNeedsAPositiveLimit() {
    try (Scope scope = Scope.open("s")) {
      assertThatThrownBy(() -> Tasks.parallel(scope, List.of(), 0)).hasMessageContaining("at least 1");
      assertThat(Tasks.parallel(scope, List.<Callable<Integer>>of(), 3)).isEmpty();
    }
  }
}
