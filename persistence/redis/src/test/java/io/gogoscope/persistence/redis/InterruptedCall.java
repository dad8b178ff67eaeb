package io.gogoscope.persistence.redis;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a store call on a thread of its own that is interrupted, before the call starts or racing
 * it, and records what the call returned or threw and whether the thread still saw its interrupt
 * afterwards: the harness of {@link RedisInterruptedAcquireTest} and {@link RedisInterruptedReleaseTest}.
 *
 * @param value what the call returned ({@code null} when it threw)
 * @param thrown what the call threw ({@code null} when it returned)
 * @param stillInterrupted whether the thread's interrupt was still set after the call
 */
record InterruptedCall<T>(T value, Throwable thrown, boolean stillInterrupted) {

  /** Up to about as long as a loopback round trip, so the interrupt lands before, during or after. */
  static long randomDelayNanos() {
    return ThreadLocalRandom.current().nextLong(Duration.ofMillis(1).toNanos());
  }

  /**
   * Runs {@code call} on a new thread of {@code threads} that is interrupted before it starts
   * ({@code delayNanos} null) or by this thread {@code delayNanos} after it started, racing the
   * call. The thread reads its interrupt status only after the interrupt was certainly sent.
   */
  static <T> InterruptedCall<T> run(Thread.Builder threads, Long delayNanos, Callable<T> call)
      throws InterruptedException {
    CountDownLatch interruptSent = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<InterruptedCall<T>> outcome = new AtomicReference<>();
    Thread thread = threads.unstarted(() -> {
      if (delayNanos == null) {
        Thread.currentThread().interrupt();
        interruptSent.countDown();
      }
      started.countDown();
      T value = null;
      Throwable thrown = null;
      try {
        value = call.call();
      } catch (Exception e) {
        thrown = e;
      }
      boolean interrupted;
      try {
        interruptSent.await();
        interrupted = Thread.currentThread().isInterrupted();
      } catch (InterruptedException e) {
        interrupted = true; // await found the flag set (and cleared it)
      }
      outcome.set(new InterruptedCall<>(value, thrown, interrupted));
    });
    thread.start();
    if (delayNanos != null) {
      started.await();
      long until = System.nanoTime() + delayNanos;
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
      thread.interrupt();
      interruptSent.countDown();
    }
    thread.join();
    return outcome.get();
  }
}
