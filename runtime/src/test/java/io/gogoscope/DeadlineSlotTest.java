package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The slot protocol on its own: levels, inherited deadlines, and who consumes which interrupt. Each
 * test runs on a fresh thread with a fresh slot. Waits are for the watchdog's interrupt, never for
 * a fixed time, so a loaded machine makes them slower, not wrong.
 */
@Timeout(60)
class DeadlineSlotTest {

  @Test
  void aDeadlineThatDoesNotPassFiresNothing() throws Exception {
    onFreshThread(slot -> {
      slot.enter(inMillis(10_000), "own");
      assertThat(slot.firedSource()).isNull();
      assertThat(slot.exit()).isNull();
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(slot.depth()).isZero();
    });
  }

  @Test
  void aPassedDeadlineInterruptsAndExitConsumesTheInterrupt() throws Exception {
    onFreshThread(slot -> {
      slot.enter(inMillis(20), "own");
      awaitInterrupt();
      assertThat(slot.firedSource()).isEqualTo("own");
      assertThat(slot.exit()).isEqualTo("own");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void anInnerLevelInheritsASoonerEnclosingDeadlineAndLeavesItsInterruptForTheOuterBody() throws Exception {
    onFreshThread(slot -> {
      slot.enter(inMillis(30), "outer");
      slot.enter(inMillis(60_000), "inner");
      awaitInterrupt();
      assertThat(slot.exit()).as("the inner level reports whose deadline it was").isEqualTo("outer");
      assertThat(Thread.currentThread().isInterrupted()).as("the outer body must see its expiry").isTrue();
      assertThat(slot.firedSource()).isEqualTo("outer");
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void aSoonerInnerDeadlineFiresAloneAndTheOuterOneIsRearmed() throws Exception {
    onFreshThread(slot -> {
      slot.enter(inMillis(60_000), "outer");
      slot.enter(inMillis(20), "inner");
      awaitInterrupt();
      assertThat(slot.exit()).isEqualTo("inner");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(slot.firedSource()).isNull();
      assertThat(slot.exit()).isNull();
    });
  }

  @Test
  void anOuterDeadlinePassingDuringAnInnerLevelIsSeenWhenTheInnerExits() throws Exception {
    onFreshThread(slot -> {
      // Both deadlines from one reading of the clock, the outer one far enough off that a stall
      // between the two enters (a loaded machine) cannot let it pass first: the inner deadline is
      // always the sooner one, so the inner level is armed with its own deadline, not the outer's.
      long now = System.nanoTime();
      long outerDeadline = now + TimeUnit.MILLISECONDS.toNanos(300);
      slot.enter(outerDeadline, "outer");
      slot.enter(now + TimeUnit.MILLISECONDS.toNanos(10), "inner");
      spinUntilInterrupted(); // ignores the inner interrupt...
      spinUntil(outerDeadline); // ...and outlives the outer deadline too
      assertThat(slot.exit()).isEqualTo("inner");
      assertThat(Thread.currentThread().isInterrupted())
          .as("the outer deadline passed meanwhile: its body is interrupted").isTrue();
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void enteringInsideAnExpiredLevelIsAlreadyExpired() throws Exception {
    onFreshThread(slot -> {
      slot.enter(inMillis(10), "outer");
      spinUntilInterrupted();
      slot.enter(inMillis(60_000), "inner");
      assertThat(slot.firedSource()).isEqualTo("outer");
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void aRelativeTimeoutFiresNoEarlierThanItsLength() throws Exception {
    onFreshThread(slot -> {
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        slot.enterTimeout(TimeUnit.MILLISECONDS.toNanos(30), "own");
        awaitInterrupt();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(slot.exit()).isEqualTo("own");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
      }
    });
  }

  @Test
  void aRelativeTimeoutThatDoesNotPassFiresNothing() throws Exception {
    onFreshThread(slot -> {
      for (int i = 0; i < 10_000; i++) {
        slot.enterTimeout(TimeUnit.SECONDS.toNanos(10), "own");
        assertThat(slot.exit()).isNull();
      }
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void aLevelPushedOverARelativeArmingInheritsItsSoonerDeadline() throws Exception {
    onFreshThread(slot -> {
      long start = System.nanoTime();
      slot.enterTimeout(TimeUnit.MILLISECONDS.toNanos(50), "outer");
      Thread.sleep(10);
      slot.enter(inMillis(60_000), "inner");
      awaitInterrupt();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(slot.exit()).isEqualTo("outer");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    });
  }

  @Test
  void levelsNestDeeperThanTheInitialCapacity() throws Exception {
    onFreshThread(slot -> {
      for (int i = 0; i < 20; i++) {
        slot.enter(inMillis(60_000 - i), "level " + i);
      }
      assertThat(slot.depth()).isEqualTo(20);
      for (int i = 0; i < 20; i++) {
        assertThat(slot.exit()).isNull();
      }
    });
  }

  @Test
  void theSlotOfAThreadIsRegisteredOnceAndDeregisteredWhenItsContextIsReleased() throws Exception {
    // Asked of this slot, not counted: the watchdog reclaims the slots of other tests' ended threads
    // whenever it scans, so the number of registered slots may drop between two readings.
    AtomicReference<DeadlineSlot> theSlot = new AtomicReference<>();
    onFreshThread(slot -> {
      theSlot.set(slot);
      assertThat(ThreadContext.current().slot()).isSameAs(slot);
      assertThat(Watchdog.isRegistered(slot)).as("registered on first use").isTrue();
      ThreadContext.current().release();
      assertThat(Watchdog.isRegistered(slot)).as("deregistered by release()").isFalse();
    });
    assertThat(Watchdog.isRegistered(theSlot.get())).isFalse();
  }

  private interface SlotCheck {
    void run(DeadlineSlot slot) throws Exception;
  }

  private static void onFreshThread(SlotCheck check) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = Thread.ofPlatform().start(() -> {
      try {
        check.run(ThreadContext.current().slot());
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    thread.join();
    if (failure.get() instanceof Error error) {
      throw error;
    }
    if (failure.get() instanceof Exception exception) {
      throw exception;
    }
  }

  private static long inMillis(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static void awaitInterrupt() {
    try {
      Thread.sleep(30_000);
      throw new AssertionError("the watchdog did not fire within 30 s");
    } catch (InterruptedException expected) {
      Thread.currentThread().interrupt(); // as if the body had kept the flag
    }
  }

  private static void spinUntilInterrupted() {
    long giveUp = inMillis(30_000);
    while (!Thread.currentThread().isInterrupted()) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("the watchdog did not fire within 30 s");
      }
      Thread.onSpinWait();
    }
  }

  private static void spinUntil(long nanoTime) {
    while (System.nanoTime() - nanoTime <= 0) {
      Thread.onSpinWait();
    }
  }
}
