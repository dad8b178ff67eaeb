package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.Guard;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.WatchdogLockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LockProvider} must do for callers that are interrupted or cancelled: a release
 * or an extend completes whatever the caller's interrupt status and leaves the interrupt visible
 * afterwards, and cancelling a scope around locked calls (waiting for the lock, or running under
 * it) leaves the key free the moment the scope has closed, never held by nobody until its TTL.
 *
 * <p>Callers run on virtual threads, as a scope's tasks do: interrupting a virtual thread blocked
 * on a socket closes the socket, which is what the stores must survive. Part of the chain a
 * backend runs by extending {@link LockProviderContract}.
 */
public abstract class LockCancellationContract extends LockContract {

  /** Rounds of each scope scenario (the issue saw ghosts in up to 4 of 8 rounds). */
  private static final int ROUNDS = 8;

  /** Callers contending for one key in each round of the contended scenario. */
  private static final int CONTENDERS = 30;

  @Test
  void releaseAndCloseCompleteWithTheInterruptFlagSetAndLeaveItSet() throws Exception {
    String key = key("k");
    onVirtualThread(() -> {
      for (int i = 0; i < 10; i++) {
        Lease lease = held(first.tryAcquire(key, longTtl()));
        Thread.currentThread().interrupt();
        if (i % 2 == 0) {
          assertThat(lease.release()).as("release with the interrupt flag set").isTrue();
        } else {
          lease.close();
        }
        assertThat(Thread.interrupted()).as("the interrupt is still visible after the release").isTrue();
        held(second.tryAcquire(key, longTtl())).release();
      }
    });
  }

  @Test
  void extendCompletesWithTheInterruptFlagSetAndLeavesItSet() throws Exception {
    String key = key("k");
    onVirtualThread(() -> {
      for (int i = 0; i < 10; i++) {
        Lease lease = held(first.tryAcquire(key, longTtl()));
        Thread.currentThread().interrupt();
        assertThat(lease.extend(longTtl())).as("extend with the interrupt flag set").isTrue();
        assertThat(Thread.interrupted()).as("the interrupt is still visible after the extend").isTrue();
        assertThat(second.tryAcquire(key, longTtl())).as("still held by the extended lease").isEmpty();
        assertThat(lease.release()).isTrue();
      }
    });
  }

  @Test
  void aWatchdogLeaseExtendsAndReleasesWithTheInterruptFlagSet() throws Exception {
    String key = key("k");
    LockProvider watched = new WatchdogLockProvider(first);
    onVirtualThread(() -> {
      for (int i = 0; i < 5; i++) {
        Lease lease = held(watched.tryAcquire(key, longTtl()));
        Thread.currentThread().interrupt();
        assertThat(lease.extend(longTtl())).as("the watchdog lease's extend, interrupt flag set").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt visible after the extend").isTrue();
        assertThat(lease.release()).as("the watchdog lease's release, interrupt flag set").isTrue();
        assertThat(Thread.interrupted()).as("interrupt visible after the release").isTrue();
        held(second.tryAcquire(key, longTtl())).release();
      }
    });
  }

  /**
   * The interrupt arrives while the release runs (the scope is cancelled again, or its deadline
   * fires): at a different point of the release in each round, from before it starts to after it
   * ends. Whatever the point, the release completes and frees the key.
   */
  @Test
  void aReleaseInterruptedWhileItRunsStillFreesTheKey() throws Exception {
    String key = key("k");
    for (int round = 0; round < 24; round++) {
      Lease lease = held(first.tryAcquire(key, longTtl()));
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicBoolean interruptVisible = new AtomicBoolean();
      CountDownLatch starting = new CountDownLatch(1);
      CountDownLatch interruptSent = new CountDownLatch(1);
      Thread releaser = Thread.ofVirtual().start(() -> {
        starting.countDown();
        try {
          lease.release();
        } catch (Throwable t) {
          failure.set(t);
        }
        while (interruptSent.getCount() > 0) {
          Thread.onSpinWait(); // the interrupt may come after the release ended
        }
        interruptVisible.set(Thread.currentThread().isInterrupted());
      });
      starting.await();
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(25L * round)); // 0 to 575 µs into it
      releaser.interrupt();
      interruptSent.countDown();
      assertThat(releaser.join(patience())).as("the release returned").isTrue();
      assertThat(failure.get()).as("what the interrupted release threw").isNull();
      assertThat(interruptVisible.get()).as("the interrupt is visible after the release").isTrue();
      assertThat(second.tryAcquire(key, longTtl())).as("free at once after round " + round)
          .hasValueSatisfying(Lease::release);
    }
  }

  /**
   * Thirty callers contend for one key (they hold it a millisecond each, waiting for it up to the
   * patience), half through each client; the scope is cancelled while they do. Callers are
   * interrupted while queued for the lock, inside the store's acquire, and under the lock.
   */
  @Test
  void cancellingContendedLockedCallsLeavesTheKeyFreeOnceTheScopeHasClosed() throws Exception {
    String key = key("k");
    LockOutcomes outcomes = new LockOutcomes();
    List<Guard> guards = List.of(guard(first, outcomes, patience()), guard(second, outcomes, patience()));
    for (int round = 0; round < ROUNDS; round++) {
      CountDownLatch entered = new CountDownLatch(3);
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      try (Scope scope = Scope.open("contended-" + round)) {
        for (int i = 0; i < CONTENDERS; i++) {
          guards.get(i % 2).fork(scope, () -> {
            if (inside.incrementAndGet() != 1) {
              overlaps.incrementAndGet();
            }
            entered.countDown();
            try {
              Thread.sleep(1);
            } finally {
              inside.decrementAndGet();
            }
            return null;
          }, ErrorMapper.failure());
        }
        assertThat(entered.await(patience().toMillis(), TimeUnit.MILLISECONDS)).as("callers took the lock").isTrue();
        scope.cancel("test cancels round " + round);
      }
      assertThat(overlaps.get()).as("callers inside together in round " + round).isZero();
      assertFreeAtOnce(key, "round " + round);
    }
    assertThat(outcomes.errors).as("lock operations that failed").isEmpty();
  }

  /**
   * A scope is cancelled while a locked call's body runs and does not stop for the interrupt: it
   * computes (CPU-bound), or swallows the interrupt and finishes its work, restoring the interrupt
   * when it returns. The call then releases its lease with the interrupt flag set.
   */
  @Test
  void cancellingRunningLockedCallsFreesTheKeyOnceTheirBodiesReturn() throws Exception {
    String key = key("k");
    LockOutcomes outcomes = new LockOutcomes();
    List<Guard> guards = List.of(guard(first, outcomes, Duration.ZERO), guard(second, outcomes, Duration.ZERO));
    for (int round = 0; round < 2 * ROUNDS; round++) {
      boolean cpuBound = round % 2 == 0;
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch cancelled = new CountDownLatch(1);
      try (Scope scope = Scope.open("running-" + round)) {
        guards.get(round % 2).fork(scope, () -> {
          entered.countDown();
          boolean interrupted = awaitSwallowingInterrupts(cancelled);
          if (cpuBound) {
            if (interrupted) {
              Thread.currentThread().interrupt(); // a CPU-bound body never looks at it
            }
            spin(Duration.ofMillis(20));
          } else {
            interrupted |= sleepSwallowingInterrupts(Duration.ofMillis(20));
          }
          if (interrupted) {
            Thread.currentThread().interrupt(); // returns as a good citizen would: interrupt visible
          }
          return null;
        }, ErrorMapper.failure());
        assertThat(entered.await(patience().toMillis(), TimeUnit.MILLISECONDS)).as("the call took the lock").isTrue();
        assertThat(second.tryAcquire(key, longTtl())).as("held while the body runs").isEmpty();
        scope.cancel("test cancels round " + round);
        cancelled.countDown();
      }
      assertFreeAtOnce(key, (cpuBound ? "CPU-bound" : "interrupt-swallowing") + " round " + round);
    }
    assertThat(outcomes.released.get()).as("leases released").isEqualTo(2 * ROUNDS);
    assertThat(outcomes.errors).as("lock operations that failed").isEmpty();
  }

  private void assertFreeAtOnce(String key, String when) {
    assertThat(second.tryAcquire(key, longTtl()))
        .as("the key is free at once after the scope closed (%s), not held until its TTL", when)
        .hasValueSatisfying(Lease::release);
  }

  /** A guard holding {@link #key}'s lock for the long TTL, on a runtime over {@code locks}. */
  private Guard guard(LockProvider locks, LockOutcomes outcomes, Duration maxWait) {
    ScopeRuntime runtime = ScopeRuntime.builder().lockProvider(locks).observer(outcomes).build();
    return runtime.guard(key("k")).lock(longTtl(), maxWait).build();
  }

  /** Counts what the guards report about their locks. */
  private static final class LockOutcomes implements ScopeObserver {
    final AtomicInteger released = new AtomicInteger();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void lockOutcome(String name, LockOutcome outcome) {
      switch (outcome) {
        case RELEASED -> released.incrementAndGet();
        case ERROR -> errors.add(name + ": " + outcome);
        default -> {}
      }
    }
  }

  private static void spin(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  /** Waits for {@code latch} as a body that ignores cancellation would; says if interrupted. */
  private static boolean awaitSwallowingInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** Sleeps {@code duration} whatever interrupts come; says if any came. */
  private static boolean sleepSwallowingInterrupts(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    boolean interrupted = false;
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      try {
        Thread.sleep(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  /** Work that may throw anything, run on a virtual thread. */
  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private void onVirtualThread(Work work) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = Thread.ofVirtual().start(() -> {
      try {
        work.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    assertThat(thread.join(patience().multipliedBy(3))).as("the work finished").isTrue();
    if (failure.get() instanceof Exception e) {
      throw e;
    } else if (failure.get() instanceof Error e) {
      throw e;
    }
  }
}
