package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The order in which a finishing task settles: result out, then the scope stops counting it, then
 * joins return. So a join never returns while the scope still counts the task (close() after
 * joining never waits), a task the scope stopped counting is always done, and any number of
 * joiners, some of them interrupted, each get the right answer.
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
}
