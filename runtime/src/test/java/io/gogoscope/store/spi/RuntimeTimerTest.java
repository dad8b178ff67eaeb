package io.gogoscope.store.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RuntimeTimer#shutdownAll}: {@code true} means the timers' threads have ended. */
@Timeout(60)
class RuntimeTimerTest {

  @Test
  void aShutdownThatSucceedsLeavesNoTimerThreadAlive() throws Exception {
    String name = "gogoscope-test-timer-" + System.nanoTime();
    RuntimeTimer timer = RuntimeTimer.create(name);
    // The executor reports termination from its worker's exit path, before the thread has ended:
    // a caller that checked the threads right after awaitTermination found this one now and then.
    for (int i = 0; i < 300; i++) {
      CountDownLatch ran = new CountDownLatch(1);
      timer.schedule(ran::countDown, 0);
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(RuntimeTimer.shutdownAll(Duration.ofSeconds(10).toNanos())).isTrue();

      assertThat(timer.isRunning()).isFalse();
      assertThat(liveThreadNamed(name)).as("round %d", i).isFalse();
    }
  }

  private static boolean liveThreadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }
}
