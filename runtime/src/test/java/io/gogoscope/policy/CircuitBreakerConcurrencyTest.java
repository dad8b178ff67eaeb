package io.gogoscope.policy;

import static io.gogoscope.CircuitState.HALF_OPEN;
import static io.gogoscope.CircuitState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.policy.CircuitBreaker.Config;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Many virtual threads on one breaker: no lost or doubled transitions, no extra trial calls. */
class CircuitBreakerConcurrencyTest {
  private static final int THREADS = 64;

  private final ManualTimeSource time = new ManualTimeSource();

  @RepeatedTest(5)
  void racingFailuresOpenItOnceAndEveryListenerHearsItOnce() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    CircuitBreaker breaker = CircuitBreaker.create("racy", Config.consecutiveFailures(50, Duration.ofHours(1)), time, null,
        (n, from, to) -> heard.add(from + "->" + to));

    runTogether(() -> {
      for (int i = 0; i < 20; i++) {
        if (breaker.tryAcquirePermission()) {
          breaker.onFailure();
        }
      }
    });

    assertThat(breaker.state()).isEqualTo(OPEN);
    assertThat(heard).containsExactly("CLOSED->OPEN");
  }

  @RepeatedTest(5)
  void halfOpenNeverHasMoreTrialsOutThanItsPermits() throws Exception {
    CircuitBreaker breaker = CircuitBreaker.create("trials", Config.consecutiveFailures(1, Duration.ofSeconds(1)).withHalfOpen(3, 1_000_000),
        time, null, null);
    breaker.tryAcquirePermission();
    breaker.onFailure();
    time.advance(Duration.ofSeconds(1));
    AtomicInteger out = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();

    runTogether(() -> {
      for (int i = 0; i < 200; i++) {
        if (breaker.tryAcquirePermission()) {
          most.accumulateAndGet(out.incrementAndGet(), Math::max);
          out.decrementAndGet();
          breaker.onSuccess();
        }
      }
    });

    assertThat(breaker.state()).isEqualTo(HALF_OPEN);
    assertThat(most.get()).isBetween(1, 3);
  }

  @Test
  void transitionsUnderContentionReachListenersAsAnUnbrokenChain() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    CircuitBreaker breaker = CircuitBreaker.create("chain", Config.failureRatio(0.5, 4, 8, Duration.ofMillis(1)).withHalfOpen(2, 2),
        time, null, (n, from, to) -> heard.add(from + "->" + to));

    runTogether(() -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < 500; i++) {
        if (random.nextInt(10) == 0) {
          time.advance(Duration.ofMillis(1));
        }
        if (breaker.tryAcquirePermission()) {
          if (random.nextBoolean()) {
            breaker.onFailure();
          } else {
            breaker.onSuccess();
          }
        }
      }
    });

    assertThat(heard).isNotEmpty();
    String state = "CLOSED";
    for (String transition : heard) {
      assertThat(transition).as("delivered in order: each starts where the last ended").startsWith(state + "->");
      state = transition.substring(transition.indexOf("->") + 2);
    }
    assertThat(state).isEqualTo(breaker.phaseState().name());
  }

  private static void runTogether(Runnable work) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < THREADS; t++) {
        threads.submit(() -> {
          try {
            start.await();
            work.run();
          } catch (Throwable e) {
            failures.add(e);
          }
          return null;
        });
      }
      start.countDown();
    }
    assertThat(failures).isEmpty();
  }
}
