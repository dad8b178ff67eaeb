package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timeouts stop work on the caller's thread, promptly, without threads or stray interrupts. */
@Timeout(120)
class GuardTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(100);
  private static final Duration LATENESS = Duration.ofMillis(50);

  private final Guard guard = Guard.builder("slow-call").timeout(TIMEOUT).build();

  @Test
  void aSleepingBodyTimesOutWithinTheDeadlinePlus50ms() {
    assertTimesOutPromptly(() -> {
      Thread.sleep(30_000);
      return "late";
    });
  }

  @Test
  void aBodyWaitingForALockTimesOutWithinTheDeadlinePlus50ms() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = Thread.ofPlatform().start(() -> {
      lock.lock();
      try {
        held.countDown();
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    });
    held.await();
    try {
      assertTimesOutPromptly(() -> {
        lock.lockInterruptibly();
        lock.unlock();
        return "got it";
      });
    } finally {
      release.countDown();
      holder.join();
    }
  }

  @Test
  void aBodyTakingFromAnEmptyQueueTimesOutWithinTheDeadlinePlus50ms() {
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
    assertTimesOutPromptly(queue::take);
  }

  @Test
  void timeoutsWorkOnVirtualThreadsToo() throws Exception {
    List<Duration> lateness = new ArrayList<>();
    Thread thread = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        Result<Failure, Object> result = guard.call(() -> {
          Thread.sleep(30_000);
          return "late";
        });
        lateness.add(Duration.ofNanos(System.nanoTime() - start).minus(TIMEOUT));
        assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(TIMEOUT)));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
      }
    });
    thread.join();
    assertThat(lateness).hasSize(3).anySatisfy(late -> assertThat(late).isLessThanOrEqualTo(LATENESS));
  }

  @Test
  void aCallRunsOnTheCallersThreadAndStartsNoThread() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Thread caller = Thread.currentThread();
    Guard guard = Guard.builder("armed").timeout(Duration.ofSeconds(30)).build(); // never expires here
    guard.call(() -> 1); // warm up: the watchdog thread starts once per JVM
    long startedBefore = threads.getTotalStartedThreadCount();
    int liveTaskThreadsBefore = TaskThreads.live();
    for (int i = 0; i < 20_000; i++) {
      Result<Failure, Boolean> result = guard.call(() -> Thread.currentThread() == caller);
      assertThat(result).isEqualTo(Result.ok(true));
    }
    assertThat(threads.getTotalStartedThreadCount() - startedBefore)
        .as("platform threads started during 20,000 calls (the JVM may start one of its own)")
        .isLessThanOrEqualTo(2);
    // At most as many: a task thread of an earlier test may still be finishing its exit after its
    // scope closed (close waits for the body, not for the thread's last instructions).
    assertThat(TaskThreads.live()).isLessThanOrEqualTo(liveTaskThreadsBefore);
  }

  @Test
  void anExpiryRacingWithCompletionLeavesNoStrayInterrupt() {
    Guard tight = Guard.builder("tight").timeout(Duration.ofMillis(1)).build();
    int timedOut = 0;
    int succeeded = 0;
    for (int i = 0; i < 3_000; i++) {
      long bodyNanos = ThreadLocalRandom.current().nextLong(500_000, 1_500_000);
      boolean interruptible = (i & 1) == 0;
      Result<Failure, Long> result = tight.call(() -> {
        if (interruptible) {
          Thread.sleep(Duration.ofNanos(bodyNanos));
        } else {
          spin(bodyNanos);
        }
        return bodyNanos;
      });
      assertThat(Thread.interrupted()).as("stray interrupt after call %d (%s)", i, result).isFalse();
      if (result.isOk()) {
        succeeded++;
      } else {
        assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(1))));
        timedOut++;
      }
    }
    assertThat(succeeded).as("calls that beat the deadline").isPositive();
    assertThat(timedOut).as("calls the deadline caught").isPositive();
  }

  @Test
  void aBodyThatIgnoresInterruptionRunsToItsEndAndIsReportedTimedOut() {
    long start = System.nanoTime();
    Result<Failure, String> result = guard.call(() -> {
      spin(TimeUnit.MILLISECONDS.toNanos(300));
      return "finished anyway";
    });
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(TIMEOUT)));
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aBodyThatSwallowsTheInterruptAndReturnsIsStillTimedOut() {
    Result<Failure, String> result = guard.call(() -> {
      try {
        Thread.sleep(30_000);
        return "slept";
      } catch (InterruptedException e) {
        return "swallowed";
      }
    });
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(TIMEOUT)));
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void aBodyThatThrowsSomethingElseAfterTheExpiryIsTimedOut() {
    Result<Failure, String> result = guard.call(() -> {
      try {
        Thread.sleep(30_000);
        return "slept";
      } catch (InterruptedException e) {
        throw new IllegalStateException("wrapped", e);
      }
    });
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(TIMEOUT)));
  }

  @Test
  void theScopesDeadlineCancelsACallOnTheOpeningThread() {
    Guard untimed = Guard.builder("untimed").build();
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("request").timeout(Duration.ofMillis(100)).open()) {
      Result<Failure, String> result = untimed.call(() -> {
        Thread.sleep(30_000);
        return "late";
      });
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
          new CancelReason.ScopeTimedOut("request", Duration.ofMillis(100)))));
      assertThat(scope.isCancelled()).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void theScopesDeadlineBeatsALongerCallTimeoutInATask() {
    // The scope's timeout is counted from open(), and a task whose scope is cancelled before its
    // thread gets to run ends Cancelled without running its body (so without making the call this
    // test is about). A second gives the task's virtual thread ample time to start on a loaded
    // machine; 100 ms did not always.
    Duration scopeTimeout = Duration.ofSeconds(1);
    Guard generous = Guard.builder("generous").timeout(Duration.ofSeconds(20)).build();
    AtomicBoolean called = new AtomicBoolean();
    try (Scope scope = Scope.builder("request").timeout(scopeTimeout).open()) {
      Result<Failure, Result<Failure, String>> outcome = scope.fork(() -> generous.call(() -> {
        called.set(true);
        Thread.sleep(30_000);
        return "late";
      })).join();
      assertThat(called).as("the task ran and made its call before the scope's deadline").isTrue();
      assertThat(outcome).isEqualTo(Result.ok(Result.err(new Failure.Cancelled(
          new CancelReason.ScopeTimedOut("request", scopeTimeout)))));
    }
  }

  @Test
  void aCallInACancelledScopeDoesNotRun() {
    Guard plain = Guard.builder("plain").build();
    try (Scope scope = Scope.open("s")) {
      scope.cancel("stop");
      assertThat(plain.call(() -> "ran")).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("stop"))));
      assertThat(guard.call(() -> "ran")).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("stop"))));
    }
  }

  @Test
  void anInterruptedBodyInACancelledTaskIsCancelled() throws Exception {
    Guard plain = Guard.builder("plain").build();
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Result<Failure, Object>> task = scope.fork(() -> plain.call(() -> {
        started.countDown();
        return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      }));
      started.await();
      scope.cancel("shutdown");
      assertThat(task.join()).isEqualTo(Result.ok(Result.err(new Failure.Cancelled(new CancelReason.Requested("shutdown")))));
    }
  }

  @Test
  void anInterruptWithNoKnownCauseIsTheBodysOwnFailureAndStaysSet() {
    Guard plain = Guard.builder("plain").build();
    InterruptedException interrupted = new InterruptedException("someone else");
    Result<Failure, Object> result = plain.call(() -> {
      throw interrupted;
    });
    assertThat(result).isEqualTo(Result.err(new Failure.Thrown(interrupted)));
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void anOuterCallsDeadlineCancelsTheInnerCall() {
    Guard outer = Guard.builder("outer").timeout(Duration.ofMillis(100)).build();
    Guard inner = Guard.builder("inner").timeout(Duration.ofSeconds(20)).build();
    List<Result<Failure, String>> inners = new ArrayList<>();
    Result<Failure, String> result = outer.call(() -> {
      Result<Failure, String> innerResult = inner.call(() -> {
        Thread.sleep(30_000);
        return "late";
      });
      inners.add(innerResult);
      Thread.sleep(30_000); // the outer body sees its own expiry too
      return "outer late";
    });
    assertThat(inners).containsExactly(Result.err(new Failure.Cancelled(
        new CancelReason.CallTimedOut("outer", Duration.ofMillis(100)))));
    assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(Duration.ofMillis(100))));
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void anInnerCallsShorterTimeoutLeavesTheOuterCallRunning() {
    Guard outer = Guard.builder("outer").timeout(Duration.ofSeconds(20)).build();
    Guard inner = Guard.builder("inner").timeout(Duration.ofMillis(50)).build();
    Result<Failure, String> result = outer.call(() -> {
      Result<Failure, String> innerResult = inner.call(() -> {
        Thread.sleep(30_000);
        return "late";
      });
      Thread.sleep(20); // not interrupted: the outer deadline is far away
      return "outer saw " + innerResult;
    });
    assertThat(result).isEqualTo(Result.ok("outer saw " + Result.err(new Failure.TimedOut(Duration.ofMillis(50)))));
  }

  @Test
  void slotsOfEndedThreadsAreReclaimed() throws Exception {
    guard.call(() -> 1);
    int before = Watchdog.registeredSlots();
    // The 500 threads' own slots, asked about one by one: a count taken before they start may
    // still include slots of earlier tests' ended threads, which the watchdog may reclaim at any
    // scan, so "500 more than before" does not hold on every run.
    Queue<DeadlineSlot> slots = new ConcurrentLinkedQueue<>();
    // Armed until finish: with this class's 100 ms guard the first calls timed out, and their
    // threads ended and lost their slots, while the last of the 500 were still starting.
    Guard patient = Guard.builder("patient").timeout(Duration.ofSeconds(60)).build();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch armed = new CountDownLatch(500);
    CountDownLatch finish = new CountDownLatch(1);
    for (int i = 0; i < 500; i++) {
      threads.add(Thread.ofVirtual().start(() -> patient.call(() -> {
        slots.add(ThreadContext.current().slotIfAny());
        armed.countDown();
        return finish.await(30, TimeUnit.SECONDS);
      })));
    }
    assertThat(armed.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(slots).hasSize(500).doesNotContainNull().doesNotHaveDuplicates()
        .allSatisfy(slot -> assertThat(Watchdog.isRegistered(slot)).as("registered while armed").isTrue());
    finish.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (slots.stream().anyMatch(Watchdog::isRegistered) && System.nanoTime() < deadline) {
      guard.call(() -> { // arming wakes the watchdog, whose scan reclaims the dead threads' slots
        Thread.sleep(10);
        return null;
      });
    }
    assertThat(slots).as("slots of the ended threads").noneMatch(Watchdog::isRegistered);
    assertThat(Watchdog.registeredSlots()).isLessThanOrEqualTo(before);
  }

  /**
   * Every try must time out, no earlier than the timeout; one of three must come back within the
   * timeout plus 50 ms. A systematic delay fails all three; a loaded machine's one-off stall of
   * the test thread (other builds share these two cores) does not fail the test.
   */
  private void assertTimesOutPromptly(Callable<?> body) {
    List<Duration> tries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      Result<Failure, ?> result = guard.call(body);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result).isEqualTo(Result.err(new Failure.TimedOut(TIMEOUT)));
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT);
      assertThat(Thread.interrupted()).as("no interrupt left behind").isFalse();
      tries.add(took);
      if (took.compareTo(TIMEOUT.plus(LATENESS)) <= 0) {
        return;
      }
    }
    throw new AssertionError("no try returned within " + TIMEOUT.plus(LATENESS) + ": " + tries);
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
