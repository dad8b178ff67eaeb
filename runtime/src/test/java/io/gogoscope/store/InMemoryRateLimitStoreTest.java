package io.gogoscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest {
  private static final Duration WINDOW = Duration.ofSeconds(10);

  private final ManualTimeSource time = new ManualTimeSource();
  private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(time);

  @Test
  void admitsUpToTheLimitAndSaysWhatIsLeft() {
    Instant start = time.now();
    assertThat(store.checkAndIncrement("k", 3, WINDOW))
        .isEqualTo(new RateLimitDecision(true, 2, start.plus(WINDOW), 3));
    time.advance(Duration.ofSeconds(1));
    assertThat(store.checkAndIncrement("k", 3, WINDOW))
        .isEqualTo(new RateLimitDecision(true, 1, start.plus(WINDOW), 3));
    assertThat(store.checkAndIncrement("k", 3, WINDOW))
        .isEqualTo(new RateLimitDecision(true, 0, start.plus(WINDOW), 3));

    RateLimitDecision refused = store.checkAndIncrement("k", 3, WINDOW);
    assertThat(refused).isEqualTo(new RateLimitDecision(false, 0, start.plus(WINDOW), 3));
    assertThat(refused.retryAfter(time.now())).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void theWindowSlides() {
    store.checkAndIncrement("k", 2, WINDOW); // t = 0
    time.advance(Duration.ofSeconds(4));
    store.checkAndIncrement("k", 2, WINDOW); // t = 4
    time.advance(Duration.ofSeconds(5));
    assertThat(store.checkAndIncrement("k", 2, WINDOW).allowed()).as("t = 9: both still in").isFalse();

    time.advance(Duration.ofSeconds(1));
    RateLimitDecision atTen = store.checkAndIncrement("k", 2, WINDOW);
    assertThat(atTen.allowed()).as("t = 10: the call at 0 has left").isTrue();
    assertThat(atTen.remaining()).isZero();
    assertThat(atTen.resetAt()).as("the call at 4 leaves next").isEqualTo(ManualTimeSource.DEFAULT_START.plusSeconds(14));
  }

  @Test
  void keysAreCountedApart() {
    assertThat(store.checkAndIncrement("alice", 1, WINDOW).allowed()).isTrue();
    assertThat(store.checkAndIncrement("bob", 1, WINDOW).allowed()).isTrue();
    assertThat(store.checkAndIncrement("alice", 1, WINDOW).allowed()).isFalse();
  }

  @Test
  void aLimitThatShrinksIsHonouredAtOnce() {
    for (int i = 0; i < 5; i++) {
      store.checkAndIncrement("k", 10, WINDOW);
    }
    RateLimitDecision decision = store.checkAndIncrement("k", 3, WINDOW);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.remaining()).isZero();
    assertThat(decision.limit()).isEqualTo(3);
  }

  @Test
  void racingCallersAtOneInstantAdmitExactlyTheLimit() throws Exception {
    AtomicInteger admitted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1_000; i++) {
        threads.submit(() -> {
          start.await();
          if (store.checkAndIncrement("hot", 100, WINDOW).allowed()) {
            admitted.incrementAndGet();
          }
          return null;
        });
      }
      start.countDown();
    }
    assertThat(admitted.get()).isEqualTo(100);
  }

  @Test
  void idleKeysAreForgotten() {
    for (int i = 0; i < 10_000; i++) {
      store.checkAndIncrement("user:" + i, 5, WINDOW);
    }
    assertThat(store.trackedKeys()).isEqualTo(10_000);

    time.advance(WINDOW.plusSeconds(1));
    store.checkAndIncrement("user:new", 5, WINDOW);

    assertThat(store.trackedKeys()).isEqualTo(1);
  }

  /**
   * The sweep runs on a calling thread, at most once a second: the store starts no thread and
   * nothing runs while no call comes (item 7 of issue 10: idle costs nothing). Idle keys stay until
   * the next call after the interval, which forgets them.
   */
  @Test
  void nothingRunsWhileIdleAndTheNextCallSweeps() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    for (int i = 0; i < 1_000; i++) {
      store.checkAndIncrement("user:" + i, 5, WINDOW);
    }
    time.advance(WINDOW.multipliedBy(10));
    assertThat(store.trackedKeys()).as("kept while no call comes: no background sweep").isEqualTo(1_000);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("threads the store started")
        .noneMatch(t -> !before.contains(t) && t.getName().contains("gogoscope"));
    store.checkAndIncrement("user:next", 5, WINDOW);
    assertThat(store.trackedKeys()).as("swept by the next call").isEqualTo(1);
  }

  @Test
  void keysStillInTheirWindowAreKept() {
    store.checkAndIncrement("short", 5, Duration.ofMillis(100));
    store.checkAndIncrement("long", 5, Duration.ofHours(1));
    time.advance(Duration.ofSeconds(2));
    store.checkAndIncrement("other", 5, WINDOW);
    assertThat(store.trackedKeys()).isEqualTo(2);
    assertThat(store.checkAndIncrement("long", 1, Duration.ofHours(1)).allowed())
        .as("the call an hour-window key made is still counted").isFalse();
  }

  @Test
  void checksItsArgumentsWithTheMessagesOfEveryStore() {
    assertThatThrownBy(() -> store.checkAndIncrement("k", 0, WINDOW)).hasMessageContaining("max must be at least 1");
    assertThatThrownBy(() -> store.checkAndIncrement("k", 1, Duration.ZERO)).hasMessageContaining("window must be positive");
    assertThatThrownBy(() -> store.checkAndIncrement("k", 1, null)).hasMessageContaining("window must not be null");
    assertThatThrownBy(() -> store.checkAndIncrement("k", 1, Duration.ofDays(365L * 1000)))
        .hasMessageContaining("window must be at most 36500 days");
    assertThatThrownBy(() -> store.checkAndIncrement(null, 1, WINDOW)).hasMessageContaining("rate-limit key must not be null");
    assertThatThrownBy(() -> store.checkAndIncrement("", 1, WINDOW))
        .as("the empty key, which this store took before")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate-limit key must not be empty");
    assertThat(store.trackedKeys()).as("keys kept after refused checks").isZero();
  }

  @Test
  void theNoArgumentStoreRunsOnTheSystemClock() {
    RateLimitDecision decision = new InMemoryRateLimitStore().checkAndIncrement("k", 1, WINDOW);
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.resetAt()).isCloseTo(Instant.now().plus(WINDOW), org.assertj.core.api.Assertions.within(WINDOW));
  }
}
