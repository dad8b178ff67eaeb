package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RateLimitStore} must show: a sliding window of exactly {@code max}
 * admissions, rejected calls not counted, the reset time of the oldest admission. A backend's test
 * extends this class and implements {@link #newClient()}; see {@link LockProviderContract} for the
 * conventions (keys of their own per test, real time, polling instead of sleeping).
 */
public abstract class RateLimitStoreContract extends StoreContract<RateLimitStore> {

  @Test
  void admitsMaxCallsPerWindowAcrossClientsThenRefuses() {
    String key = key("k");
    Duration window = Duration.ofSeconds(30);
    Instant before = Instant.now();
    List<RateLimitDecision> decisions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      decisions.add((i % 2 == 0 ? first : second).checkAndIncrement(key, 3, window));
    }
    Instant after = Instant.now();
    assertThat(decisions).extracting(RateLimitDecision::allowed).containsExactly(true, true, true, false, false);
    assertThat(decisions).extracting(RateLimitDecision::remaining).containsExactly(2, 1, 0, 0, 0);
    assertThat(decisions).extracting(RateLimitDecision::limit).containsOnly(3);
    for (RateLimitDecision d : decisions) {
      assertThat(d.resetAt())
          .as("the oldest admission leaves the window one window after it was made")
          .isBetween(before.plus(window).minus(clockTolerance()), after.plus(window).plus(clockTolerance()));
    }
    assertThat(decisions.get(0).retryAfter(after)).isZero();
    assertThat(decisions.get(4).retryAfter(after)).isPositive().isLessThanOrEqualTo(window.plus(clockTolerance()));
  }

  @Test
  void awaitPermitWaitsForTheWindowToReopen() throws InterruptedException {
    String key = key("k");
    Duration window = Duration.ofMillis(400);
    assertThat(first.checkAndIncrement(key, 1, window).allowed()).isTrue();
    long before = System.nanoTime();
    RateLimitDecision waited = second.awaitPermit(key, 1, window, window.plus(patience()), io.gogoscope.TimeSource.system());
    Duration took = Duration.ofNanos(System.nanoTime() - before);
    assertThat(waited.allowed()).as("admitted once the first admission left the window").isTrue();
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(window.plus(patience()));
    assertThat(first.checkAndIncrement(key, 1, window).allowed()).as("the waiter's admission counts").isFalse();
  }

  @Test
  void awaitPermitRefusesAtOnceWhenThePermitCannotComeInTime() throws InterruptedException {
    String key = key("k");
    Duration window = Duration.ofSeconds(30);
    assertThat(first.checkAndIncrement(key, 1, window).allowed()).isTrue();
    long before = System.nanoTime();
    RateLimitDecision refused = second.awaitPermit(key, 1, window, Duration.ofSeconds(1), io.gogoscope.TimeSource.system());
    assertThat(refused.allowed()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).as("no wait in vain").isLessThan(Duration.ofSeconds(1));
    assertThat(second.awaitPermit(key("other"), 1, window, Duration.ZERO, io.gogoscope.TimeSource.system()).allowed())
        .as("a zero wait is one check").isTrue();
  }

  @Test
  void awaitPermitStopsWhenInterruptedAndCountsNothing() throws Exception {
    String key = key("k");
    Duration window = Duration.ofSeconds(2);
    assertThat(first.checkAndIncrement(key, 1, window).allowed()).isTrue();
    java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
    Thread waiter = Thread.ofVirtual().start(() -> {
      try {
        second.awaitPermit(key, 1, window, Duration.ofSeconds(10), io.gogoscope.TimeSource.system());
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    Thread.sleep(100);
    waiter.interrupt();
    assertThat(outcome.get(patience().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
        .isInstanceOf(InterruptedException.class);
  }

  @Test
  void keysAreIndependent() {
    Duration window = Duration.ofSeconds(30);
    assertThat(first.checkAndIncrement(key("a"), 1, window).allowed()).isTrue();
    assertThat(first.checkAndIncrement(key("a"), 1, window).allowed()).isFalse();
    assertThat(second.checkAndIncrement(key("b"), 1, window).allowed()).isTrue();
  }

  @Test
  void admitsAgainExactlyWhenTheOldestAdmissionLeavesTheWindow() {
    String key = key("k");
    Duration window = Duration.ofMillis(500);
    Instant before = Instant.now();
    assertThat(first.checkAndIncrement(key, 2, window).allowed()).isTrue();
    assertThat(second.checkAndIncrement(key, 2, window).allowed()).isTrue();
    RateLimitDecision refused = first.checkAndIncrement(key, 2, window);
    Duration setUp = Duration.between(before, Instant.now());
    if (setUp.compareTo(window.minus(clockTolerance())) < 0) {
      // (A stall of the test thread on a loaded machine may outlast the window; then the first
      // admission has left it and this third call may be admitted, as it should be.)
      assertThat(refused.allowed()).as("a third call within the window").isFalse();
    }
    assertThat(refused.remaining()).isZero();

    // Poll with calls that are refused: they must not count, or the window would never reopen.
    AtomicReference<Instant> admittedAt = new AtomicReference<>();
    AtomicReference<Instant> admissionReturnedAt = new AtomicReference<>();
    await()
        .atMost(window.plus(patience()))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              Instant callStart = Instant.now();
              if (second.checkAndIncrement(key, 2, window).allowed()) {
                admittedAt.set(callStart);
                admissionReturnedAt.set(Instant.now());
                return true;
              }
              return false;
            });
    Instant edge = before.plus(window);
    assertThat(admissionReturnedAt.get())
        .as("no admission before the oldest one left the window")
        .isAfterOrEqualTo(edge.minus(clockTolerance()));
    assertThat(admittedAt.get())
        .as("admitted promptly once the window passed (refused calls did not count)")
        .isBefore(refused.resetAt().plus(patience()));
  }

  @Test
  void theWindowSlidesInsteadOfResettingAtAFixedBoundary() throws InterruptedException {
    String key = key("k");
    Duration window = Duration.ofMillis(1_000);
    Instant firstAt = Instant.now();
    assertThat(first.checkAndIncrement(key, 2, window).allowed()).isTrue();
    Thread.sleep(window.dividedBy(2)); // spread the two admissions over the window
    Instant secondAt = Instant.now();
    assertThat(second.checkAndIncrement(key, 2, window).allowed()).isTrue();

    await()
        .atMost(window.plus(patience()))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> first.checkAndIncrement(key, 2, window).allowed());
    assertThat(Instant.now()).isAfterOrEqualTo(firstAt.plus(window).minus(clockTolerance()));
    // The first admission left the window; the second is still in it, so the window is full again
    // until one window after the second admission (a fixed window would admit two more here).
    Instant callStart = Instant.now();
    RateLimitDecision next = second.checkAndIncrement(key, 2, window);
    if (callStart.isBefore(secondAt.plus(window).minus(clockTolerance()))) {
      assertThat(next.allowed()).as("the second admission is still in the window").isFalse();
      assertThat(next.resetAt()).isAfterOrEqualTo(secondAt.plus(window).minus(clockTolerance()));
    }
  }

  @Test
  void concurrentCallersGetExactlyMaxAdmissions() throws Exception {
    String key = key("k");
    int max = 20;
    int threads = 8;
    int callsEach = 10;
    Duration window = Duration.ofSeconds(60);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> admitted = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        RateLimitStore client = t % 2 == 0 ? first : second;
        admitted.add(
            pool.submit(
                () -> {
                  start.await();
                  int n = 0;
                  for (int i = 0; i < callsEach; i++) {
                    if (client.checkAndIncrement(key, max, window).allowed()) {
                      n++;
                    }
                  }
                  return n;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : admitted) {
        total += f.get(patience().toMillis(), TimeUnit.MILLISECONDS);
      }
      assertThat(total).isEqualTo(max);
    }
  }

  @Test
  void refusesMisuseWithAClearMessage() {
    assertThatThrownBy(() -> first.checkAndIncrement(key("k"), 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max");
    assertThatThrownBy(() -> first.checkAndIncrement(key("k"), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> first.checkAndIncrement(null, 1, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesKeysNoStoreCanKeepApart() {
    for (RefusedKeys.Refused refused : RefusedKeys.around(key("k"))) {
      RefusedKeys.assertRefused(refused, () -> first.checkAndIncrement(refused.key(), 1, Duration.ofMinutes(1)));
    }
    assertThat(second.checkAndIncrement(key("k") + "s?", 1, Duration.ofMinutes(1)).allowed())
        .as("the neighbour of the refused keys was never counted").isTrue();
  }

  @Test
  void refusesWindowsLongerThanTheBound() {
    for (Duration tooLong : List.of(Duration.ofSeconds(Long.MAX_VALUE), StoreArguments.MAX_DURATION.plusMillis(1))) {
      assertThatThrownBy(() -> first.checkAndIncrement(key("k"), 1, tooLong))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be at most 36500 days");
    }
    RateLimitDecision longest = first.checkAndIncrement(key("k"), 1, StoreArguments.MAX_DURATION);
    assertThat(longest.allowed()).as("the bound itself is a window like any other").isTrue();
    assertThat(first.checkAndIncrement(key("k"), 1, StoreArguments.MAX_DURATION).retryAfter(Instant.now()))
        .as("refused for the rest of the window")
        .isGreaterThan(StoreArguments.MAX_DURATION.minusDays(1));
  }
}
