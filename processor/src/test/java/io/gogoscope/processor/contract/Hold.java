package io.gogoscope.processor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work that keeps its caller inside the critical section until the test lets it go: the caller
 * holds its lock from {@link #awaitEntered} until {@link #release}.
 */
final class Hold {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final String result;

  Hold(String result) {
    this.result = result;
  }

  /** The work: signals that it runs, then waits for {@link #release}. */
  String work() {
    entered.countDown();
    try {
      if (!released.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the test never released the hold");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while holding the lock", e);
    }
    return result;
  }

  /** Waits until the work runs, that is, until its caller holds the lock. */
  void awaitEntered(Duration patience) throws InterruptedException {
    assertThat(entered.await(patience.toMillis(), TimeUnit.MILLISECONDS))
        .as("the first call got its lock and started its work")
        .isTrue();
  }

  /** Lets the work return. */
  void release() {
    released.countDown();
  }
}
