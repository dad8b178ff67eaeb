package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-free bookkeeping of a scope's tasks ({@link RunningTasks}) and the order in which a
 * finishing task settles: result out, then the scope stops counting it, then joins return. So a
 * join never returns while the scope still counts the task (close() after joining never waits), a
 * task the scope stopped counting is always done, any number of joiners (some interrupted) each
 * get the right answer, a fork racing with cancel() or close() is never missed by either, and a
 * long-lived scope does not keep its finished tasks.
 */
@Timeout(120)
class JoinAndCloseStressTest {

  @RepeatedTest(300)
  void onceEveryTaskIsJoinedTheScopeWaitsForNone() {
    try (Scope scope = Scope.open("joined")) {
      List<Task<Failure, Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        tasks.add(scope.fork(() -> {
          if (n % 2 == 0) {
            Thread.yield(); // let some finish while others are still being forked
          }
          return n;
        }));
      }
      int sum = 0;
      for (Task<Failure, Integer> task : tasks) {
        sum += task.join().orElseThrow();
        assertThat(task.isDone()).isTrue();
      }
      assertThat(sum).isEqualTo(28);
      assertThat(scope.runningTasks()).isZero();
    }
  }

  @RepeatedTest(100)
  void afterCloseEveryTaskIsDoneEvenWhenTasksForkWhileTheScopeCloses() {
    Queue<Task<Failure, ?>> forked = new ConcurrentLinkedQueue<>();
    Scope scope = Scope.open("forking");
    for (int i = 0; i < 4; i++) {
      forked.add(scope.fork(() -> {
        for (int j = 0; j < 8; j++) {
          Task<Failure, Integer> inner = scope.fork(() -> 1); // cancelled at once once close cancels
          forked.add(inner);
          inner.join();
        }
        return 0;
      }));
    }
    try {
      scope.close();
    } catch (IllegalStateException | ScopeCloseException e) {
      throw new AssertionError(e);
    }
    assertThat(scope.runningTasks()).isZero();
    assertThat(forked).allSatisfy(task -> assertThat(task.isDone()).isTrue());
  }

  @Property(tries = 60)
  void everyJoinerGetsTheResultAndAnInterruptedOneGetsCancelled(
      @ForAll @IntRange(min = 1, max = 8) int joiners,
      @ForAll @IntRange(min = 0, max = 8) int interruptedIndex) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Scope scope = Scope.open("joiners")) {
      Task<Failure, String> task = scope.fork(() -> release.await(1, TimeUnit.MINUTES) ? "done" : "late");
      List<AtomicReference<Result<Failure, String>>> seen = new ArrayList<>();
      List<AtomicReference<Boolean>> flags = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      CountDownLatch joining = new CountDownLatch(joiners);
      for (int j = 0; j < joiners; j++) {
        AtomicReference<Result<Failure, String>> result = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        seen.add(result);
        flags.add(flag);
        threads.add(Thread.ofVirtual().start(() -> {
          joining.countDown();
          result.set(task.join());
          flag.set(Thread.currentThread().isInterrupted());
        }));
      }
      joining.await();
      boolean interrupts = interruptedIndex < joiners;
      if (interrupts) {
        threads.get(interruptedIndex).interrupt();
        threads.get(interruptedIndex).join(); // it must return while the task still runs
        assertThat(task.isDone()).isFalse();
      }
      release.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      for (int j = 0; j < joiners; j++) {
        if (interrupts && j == interruptedIndex) {
          assertThat(seen.get(j).get()).isInstanceOf(Result.Err.class);
          assertThat(seen.get(j).get().errorIfAny().orElseThrow()).isInstanceOf(Failure.Cancelled.class);
          assertThat(flags.get(j).get()).as("the interrupt flag stays set").isTrue();
        } else {
          assertThat(seen.get(j).get()).isEqualTo(Result.ok("done"));
          assertThat(flags.get(j).get()).isFalse();
        }
      }
    }
  }

  @RepeatedTest(200)
  void aForkRacingWithCancelIsEitherInterruptedOrSeesTheReason() throws Exception {
    Queue<Task<Failure, Boolean>> forked = new ConcurrentLinkedQueue<>();
    try (Scope scope = Scope.builder("racing-cancel").closeGrace(java.time.Duration.ofSeconds(30)).open()) {
      AtomicBoolean stop = new AtomicBoolean();
      Thread forker = Thread.ofVirtual().start(() -> {
        while (!stop.get()) {
          // Blocks until interrupted: a fork that cancel() missed would never end.
          forked.add(scope.fork(() -> new CountDownLatch(1).await(1, TimeUnit.MINUTES)));
        }
      });
      Thread.sleep(0, ThreadLocalRandom.current().nextInt(200_000));
      scope.cancel("race");
      stop.set(true);
      forker.join();
      for (Task<Failure, Boolean> task : forked) {
        Result<Failure, Boolean> result = task.join();
        assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("race"))));
      }
      assertThat(scope.runningTasks()).isZero();
    }
  }

  @RepeatedTest(200)
  void aForkRacingWithCloseEitherThrowsOrIsWaitedFor() throws Exception {
    Queue<Task<Failure, Integer>> forked = new ConcurrentLinkedQueue<>();
    AtomicReference<Throwable> forkFailure = new AtomicReference<>();
    Scope scope = Scope.open("racing-close");
    CountDownLatch forking = new CountDownLatch(1);
    Thread forker = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          forked.add(scope.fork(() -> {
            Thread.yield();
            return 1;
          }));
          forking.countDown();
          if (scope.isCancelled()) {
            return; // close() cancelled the running tasks: later forks end at once, cancelled
          }
        }
      } catch (IllegalStateException closed) {
        forkFailure.set(closed); // close() found nothing running: later forks throw
      }
    });
    forking.await();
    scope.close();
    // Every task close() let through is done: close waited for it, or it never ran.
    assertThat(forked).allSatisfy(task -> assertThat(task.isDone()).isTrue());
    forker.join();
    if (!scope.isCancelled()) {
      assertThat(forkFailure.get()).hasMessageContaining("is closed");
    }
    assertThat(forked).allSatisfy(task -> assertThat(task.isDone()).isTrue());
    assertThat(scope.runningTasks()).isZero();
  }

  @RepeatedTest(3)
  void aLongLivedScopeKeepsOnlyAboutTwiceItsRunningTasks() {
    CountDownLatch release = new CountDownLatch(1);
    try (Scope scope = Scope.open("long-lived")) {
      List<Task<Failure, Boolean>> blocked = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        blocked.add(scope.fork(() -> release.await(1, TimeUnit.MINUTES)));
      }
      for (int i = 0; i < 10_000; i++) {
        int n = i;
        assertThat(scope.fork(() -> n).join()).isEqualTo(Result.ok(n));
      }
      // 10 still running; finished ones are unlinked by later forks, at most ~32 + 2 x 10 behind.
      assertThat(scope.trackedTasks()).isLessThanOrEqualTo(10 + 32 + 2 * 10 + 1);
      assertThat(scope.runningTasks()).isEqualTo(10);
      release.countDown();
      for (Task<Failure, Boolean> task : blocked) {
        assertThat(task.join()).isEqualTo(Result.ok(true));
      }
    }
  }
}
