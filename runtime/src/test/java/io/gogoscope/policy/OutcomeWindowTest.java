package io.gogoscope.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.RepeatedTest;

class OutcomeWindowTest {

  @Property
  void sequentiallyItCountsExactlyTheLastSizeOutcomes(
      @ForAll @IntRange(min = 1, max = 20) int size, @ForAll @Size(max = 100) boolean[] failures) {
    OutcomeWindow window = new OutcomeWindow(size);
    for (int i = 0; i < failures.length; i++) {
      long counts = window.record(failures[i]);
      int from = Math.max(0, i + 1 - size);
      int expectedFailures = 0;
      for (int j = from; j <= i; j++) {
        expectedFailures += failures[j] ? 1 : 0;
      }
      assertThat(OutcomeWindow.calls(counts)).isEqualTo(i + 1 - from);
      assertThat(OutcomeWindow.failures(counts)).isEqualTo(expectedFailures);
    }
  }

  @RepeatedTest(5)
  void underContentionTheCountsMatchTheRingOnceQuiet() throws Exception {
    OutcomeWindow window = new OutcomeWindow(16);
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 32; t++) {
        threads.submit(() -> {
          start.await();
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < 2_000; i++) {
            window.record(random.nextInt(3) == 0);
          }
          return null;
        });
      }
      start.countDown();
    }
    long counts = window.counts();
    assertThat(OutcomeWindow.calls(counts)).isEqualTo(16);
    assertThat(OutcomeWindow.failures(counts)).isEqualTo(window.failuresInRing());
  }

  @Property
  void packedCountsDecodeEvenWhenFailuresDipBelowZero(
      @ForAll @IntRange(min = 0, max = 1 << 20) int calls, @ForAll @IntRange(min = -1000, max = 1 << 20) int failures) {
    long packed = ((long) calls << 32) + failures;
    assertThat(OutcomeWindow.calls(packed)).isEqualTo(calls);
    assertThat(OutcomeWindow.failures(packed)).isEqualTo(failures);
  }
}
