package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.generated.ErrorMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ScopeTest {

  @Test
  void forkRunsOnAnUnnamedVirtualThreadByDefault() {
    try (Scope scope = Scope.open("orders")) {
      Task<Failure, String> task = scope.fork("load", () -> "'" + Thread.currentThread().getName() + "'"
          + (Thread.currentThread().isVirtual() ? " virtual" : " platform"));
      assertThat(task.join()).isEqualTo(Result.ok("'' virtual"));
      assertThat(task.toString()).isEqualTo("Task[orders-load-0, done]");
    }
  }

  @Test
  void aTaskThatPutsBackItsThreadsUncaughtExceptionHandlerKeepsItsScope() {
    try (Scope scope = Scope.open("orders")) {
      Task<Failure, String> task = scope.fork("load", () -> {
        Thread.UncaughtExceptionHandler mine = Thread.currentThread().getUncaughtExceptionHandler();
        String before = Scope.current().name();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> { });
        Thread.currentThread().setUncaughtExceptionHandler(mine);
        return before + " " + Scope.current().name();
      });
      assertThat(task.join()).isEqualTo(Result.ok("orders orders"));
    }
  }

  @Test
  void forkRunsOnANamedVirtualThreadAndJoinReturnsItsValue() {
    ScopeRuntime naming = ScopeRuntime.builder().nameThreads(true).build();
    assertThat(naming.namesThreads()).isTrue();
    assertThat(ScopeRuntime.builder().build().namesThreads()).isFalse();
    try (Scope scope = naming.scope("orders").open()) {
      Task<Failure, String> task = scope.fork("load", () -> Thread.currentThread().getName()
          + (Thread.currentThread().isVirtual() ? " virtual" : " platform"));
      assertThat(task.join()).isEqualTo(Result.ok("orders-load-0 virtual"));
      assertThat(task.name()).isEqualTo("load");
      assertThat(task.index()).isZero();
      assertThat(task.scope()).isSameAs(scope);
      assertThat(task.isDone()).isTrue();
      assertThat(task.poll()).contains(Result.ok("orders-load-0 virtual"));
      assertThat(scope.fork(() -> 1).index()).isEqualTo(1);
    }
  }

  @Test
  void exceptionsBecomeThrownFailures() {
    IOException io = new IOException("disk");
    try (Scope scope = Scope.open("s")) {
      assertThat(scope.fork(() -> {
        throw io;
      }).join()).isEqualTo(Result.err(new Failure.Thrown(io)));
    }
  }

  @Test
  void errorsAreRethrownByJoinNeverCaughtAsValues() {
    StackOverflowError error = new StackOverflowError("deep");
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Object> task = scope.fork(() -> {
        throw error;
      });
      assertThatThrownBy(task::join).isSameAs(error);
      assertThatThrownBy(task::poll).isSameAs(error);
    }
  }

  @Test
  void forkNeverBlocksTheCallerEvenWhenTheLimitIsReached() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Scope scope = Scope.builder("limited").concurrency(1).open()) {
      List<Task<Failure, Boolean>> tasks = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        tasks.add(scope.fork(() -> release.await(30, TimeUnit.SECONDS)));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      release.countDown();
      for (Task<Failure, Boolean> task : tasks) {
        assertThat(task.join()).isEqualTo(Result.ok(true));
      }
    }
  }

  @Test
  void currentIsTheTaskScopeInTasksAndTheOpenScopeOnTheOpener() {
    assertThat(Scope.currentIfAny()).isEmpty();
    assertThatThrownBy(Scope::current)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no scope is open")
        .hasMessageContaining("Scope.open");
    try (Scope outer = Scope.open("outer")) {
      assertThat(Scope.current()).isSameAs(outer);
      try (Scope inner = Scope.open("inner")) {
        assertThat(Scope.current()).isSameAs(inner);
        assertThat(inner.parent()).contains(outer);
        assertThat(inner.fork(Scope::current).join()).isEqualTo(Result.ok(inner));
      }
      assertThat(Scope.current()).isSameAs(outer);
    }
    assertThat(Scope.currentIfAny()).isEmpty();
  }

  @Test
  void aScopeOpenedInATaskIsAChildOfTheTaskScope() {
    try (Scope outer = Scope.open("outer")) {
      Result<Failure, Scope> parentOfChild = outer.fork(() -> {
        try (Scope child = Scope.open("child")) {
          return child.parent().orElseThrow();
        }
      }).join();
      assertThat(parentOfChild).isEqualTo(Result.ok(outer));
    }
  }

  @Test
  void detachedAndExplicitParents() {
    try (Scope a = Scope.open("a"); Scope b = Scope.builder("b").detached().open()) {
      assertThat(b.parent()).isEmpty();
      try (Scope c = Scope.builder("c").parent(a).open()) {
        assertThat(c.parent()).contains(a);
      }
    }
  }

  @Test
  void closingAScopeOutOfOrderClosesItsOpenChildFirst() {
    Scope outer = Scope.open("outer");
    Scope inner = Scope.open("inner");
    outer.close(); // issue 10 item 2: a parent never returns from close while a child is open
    assertThat(inner.isClosed()).isTrue();
    assertThat(Scope.currentIfAny()).isEmpty();
    inner.close(); // idempotent
    assertThat(Scope.currentIfAny()).isEmpty();
  }

  @Test
  void scopesOfOneThreadClosedOutOfOrderLeaveAnUnrelatedScopeCurrent() {
    Scope first = Scope.open("first");
    Scope second = Scope.builder("second").detached().open();
    first.close();
    assertThat(Scope.current()).isSameAs(second);
    second.close();
    assertThat(Scope.currentIfAny()).isEmpty();
  }

  @Test
  void cancellationInterruptsTasksAndTheFirstReasonWins() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Object> blocked = scope.fork(() -> {
        started.countDown();
        return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      });
      started.await();
      scope.cancel("first");
      scope.cancel("second");
      assertThat(blocked.join()).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("first"))));
      assertThat(scope.isCancelled()).isTrue();
      assertThat(scope.cancellationReason()).contains(new CancelReason.Requested("first"));
    }
  }

  @Test
  void aForkAfterCancellationCompletesAtOnceWithoutRunning() {
    AtomicBoolean ran = new AtomicBoolean();
    try (Scope scope = Scope.open("s")) {
      scope.cancel("stop");
      Task<Failure, Boolean> task = scope.fork(() -> ran.getAndSet(true));
      assertThat(task.isDone()).isTrue();
      assertThat(task.join()).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("stop"))));
    }
    assertThat(ran).isFalse();
  }

  @Test
  void forkingIntoAClosedScopeIsRefused() {
    Scope scope = Scope.open("gone");
    scope.close();
    assertThatThrownBy(() -> scope.fork(() -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("scope 'gone' is closed");
  }

  @Test
  void cancellationReachesGrandchildrenAsInterruptionAndAsReason() throws Exception {
    CountDownLatch deepest = new CountDownLatch(1);
    AtomicReference<Object> seenReason = new AtomicReference<>();
    AtomicBoolean sawInterrupt = new AtomicBoolean();
    AtomicBoolean sawCancelled = new AtomicBoolean();
    Task<Failure, Object> root;
    try (Scope grandparent = Scope.open("grandparent")) {
      root = grandparent.fork("child-work", () -> {
        try (Scope parent = Scope.open("parent")) {
          return parent.fork("grandchild-work", () -> {
            try (Scope child = Scope.open("child")) {
              return child.fork("leaf", () -> {
                deepest.countDown();
                try {
                  new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                  return "not interrupted";
                } catch (InterruptedException e) {
                  sawInterrupt.set(true);
                  sawCancelled.set(Scope.current().isCancelled());
                  seenReason.set(Scope.current().cancellationReason().orElseThrow());
                  throw e;
                }
              }).join();
            }
          }).join();
        }
      });
      assertThat(deepest.await(10, TimeUnit.SECONDS)).isTrue();
      grandparent.cancel("shutdown");
      assertThat(root.join()).isInstanceOf(Result.Ok.class); // its inner scopes turned the leaf's cancellation into a value
    }
    assertThat(sawInterrupt).isTrue();
    assertThat(sawCancelled).isTrue();
    assertThat(seenReason.get()).isEqualTo(
        new CancelReason.ParentCancelled("parent", new CancelReason.ParentCancelled("grandparent", new CancelReason.Requested("shutdown"))));
  }

  @Test
  void aChildOpenedUnderACancelledScopeStartsCancelled() {
    try (Scope parent = Scope.open("p")) {
      parent.cancel("gone");
      try (Scope child = Scope.open("c")) {
        assertThat(child.cancellationReason()).contains(new CancelReason.ParentCancelled("p", new CancelReason.Requested("gone")));
      }
    }
  }

  @Test
  void aScopeTimeoutCancelsItsTasks() {
    try (Scope scope = Scope.builder("roomy").timeout(Duration.ofHours(1)).open()) {
      assertThat(scope.remaining()).hasValueSatisfying(left -> assertThat(left).isPositive()
          .isLessThanOrEqualTo(Duration.ofHours(1)));
    }
    long start = System.nanoTime();
    try (Scope scope = Scope.builder("slow").timeout(Duration.ofMillis(100)).open()) {
      // Not "positive": a stall of the test thread on a loaded machine may already have used it up.
      assertThat(scope.remaining()).hasValueSatisfying(left -> assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(100)));
      Result<Failure, String> result = scope.fork(() -> {
        Thread.sleep(30_000);
        return "late";
      }).join();
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
          new CancelReason.ScopeTimedOut("slow", Duration.ofMillis(100)))));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aDeadlineAlreadyPassedCancelsOnOpen() {
    try (Scope scope = Scope.builder("past").deadline(Instant.now().minusSeconds(1)).open()) {
      assertThat(scope.cancellationReason()).contains(new CancelReason.ScopeTimedOut("past", Duration.ZERO));
      assertThat(scope.remaining()).hasValueSatisfying(left -> assertThat(left).isNegative());
    }
  }

  @Test
  void aChildInheritsTheSoonerDeadline() {
    try (Scope parent = Scope.builder("p").timeout(Duration.ofSeconds(1)).open();
        Scope child = Scope.builder("c").timeout(Duration.ofHours(1)).open()) {
      assertThat(child.effectiveDeadline).isEqualTo(parent.effectiveDeadline);
      assertThat(child.deadlineReason())
          .isEqualTo(new CancelReason.ParentCancelled("p", new CancelReason.ScopeTimedOut("p", Duration.ofSeconds(1))));
    }
  }

  @Test
  void builderRejectsNonsenseWithMessages() {
    assertThatThrownBy(() -> Scope.builder(" ")).hasMessageContaining("needs a name");
    assertThatThrownBy(() -> Scope.builder("s").timeout(Duration.ZERO)).hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> Scope.builder("s").concurrency(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Scope.builder("s").closeGrace(Duration.ofSeconds(-1))).hasMessageContaining("negative");
  }

  @Test
  void closeIsIdempotentAndCancelsWhatIsUnfinished() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Scope scope = Scope.open("s");
    Task<Failure, Object> task = scope.fork(() -> {
      started.countDown();
      return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
    });
    started.await();
    scope.close();
    scope.close();
    assertThat(task.join()).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.ScopeClosed("s"))));
  }

  @Test
  void closeWaitsForFinishingTasks() throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      scope.fork(() -> {
        started.countDown();
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.sleep(100); // cleanup after the cancellation, which close must wait for
          finished.set(true);
        }
        return null;
      });
      started.await();
    }
    assertThat(finished).isTrue();
  }

  @Test
  void aNormalCloseLeavesTheScopeUncancelled() {
    Scope scope = Scope.open("s");
    scope.fork(() -> 1).join();
    scope.close();
    assertThat(scope.isCancelled()).isFalse();
  }

  @Test
  void closeNeverHangsOnATaskThatIgnoresInterruption() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    ScopeRuntime runtime = ScopeRuntime.builder().observer(observer).closeGrace(Duration.ofMillis(200)).build();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Scope scope = runtime.scope("stubborn").open();
    Task<Failure, String> task = scope.fork("spin", () -> {
      started.countDown();
      while (!stop.get()) {
        Thread.onSpinWait(); // ignores interruption on purpose
      }
      return "done";
    });
    started.await();
    long start = System.nanoTime();
    assertThatThrownBy(scope::close)
        .isInstanceOfSatisfying(ScopeCloseException.class,
            e -> assertThat(e.abandonedTasks()).containsExactly("stubborn-spin-0"))
        .hasMessageContaining("1 task(s) still running after the close grace: [stubborn-spin-0]");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
    assertThat(observer.events("close timed out")).containsExactly("close timed out in stubborn: [stubborn-spin-0]");
    stop.set(true);
    assertThat(task.join()).isEqualTo(Result.ok("done"));
  }

  @Test
  void onCancelListenersRunOnceAndLateOnesRunAtOnce() {
    List<Object> heard = new CopyOnWriteArrayList<>();
    try (Scope scope = Scope.open("s")) {
      scope.onCancel(reason -> heard.add("early " + reason));
      scope.onCancel(reason -> {
        throw new IllegalStateException("a broken listener must not stop the others");
      });
      scope.onCancel(reason -> heard.add("second " + reason));
      Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
      List<Throwable> reported = new CopyOnWriteArrayList<>();
      Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
      try {
        scope.cancel("why");
        scope.cancel("again");
      } finally {
        Thread.currentThread().setUncaughtExceptionHandler(previous);
      }
      scope.onCancel(reason -> heard.add("late " + reason));
      assertThat(reported).hasSize(1);
    }
    assertThat(heard).containsExactly(
        "early Requested[detail=why]", "second Requested[detail=why]", "late Requested[detail=why]");
  }

  @Test
  void taskCancelStopsOnlyThatTask() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Object> victim = scope.fork(() -> {
        started.countDown();
        return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
      });
      Task<Failure, String> survivor = scope.fork(() -> {
        started.countDown();
        Thread.sleep(50);
        return "fine";
      });
      started.await();
      victim.cancel("not needed");
      assertThat(victim.join()).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("not needed"))));
      assertThat(survivor.join()).isEqualTo(Result.ok("fine"));
      assertThat(scope.isCancelled()).isFalse();
    }
  }

  @Test
  void throwIfCancelledEndsTheTaskAsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Object> task = scope.fork(() -> {
        started.countDown();
        while (true) {
          Scope.throwIfCancelled(); // busy work that never blocks
          Thread.onSpinWait();
        }
      });
      started.await();
      scope.cancel("enough");
      assertThat(task.join()).isEqualTo(Result.err(new Failure.Cancelled(new CancelReason.Requested("enough"))));
    }
  }

  @Test
  void anInterruptedJoinerGetsCancelledAndKeepsItsFlag() {
    try (Scope scope = Scope.open("s")) {
      Task<Failure, Object> task = scope.fork(() -> new CountDownLatch(1).await(30, TimeUnit.SECONDS));
      Thread.currentThread().interrupt();
      Result<Failure, Object> result = task.join();
      assertThat(Thread.interrupted()).isTrue();
      assertThat(result).isEqualTo(Result.err(new Failure.Cancelled(
          new CancelReason.Interrupted(Thread.currentThread().getName()))));
    }
  }

  @Test
  void aTaskCannotJoinItself() {
    try (Scope scope = Scope.open("s")) {
      AtomicReference<Task<Failure, Object>> self = new AtomicReference<>();
      CountDownLatch published = new CountDownLatch(1);
      Task<Failure, Object> task = scope.fork(() -> {
        published.await();
        return self.get().join();
      });
      self.set(task);
      published.countDown();
      assertThat(task.join()).isInstanceOfSatisfying(Result.Err.class, err ->
          assertThat(((Failure.Thrown) err.error()).cause()).hasMessageContaining("joined itself"));
    }
  }

  @Test
  void forkResultTakesTheBodysOwnResult() {
    try (Scope scope = Scope.open("s")) {
      assertThat(scope.forkResult("r", () -> Result.<Failure, Integer>err(new Failure.CircuitOpen("cb")),
          ErrorMapper.failure()).join()).isEqualTo(Result.err(new Failure.CircuitOpen("cb")));
      assertThat(scope.forkResult("r", () -> null, ErrorMapper.failure()).join())
          .isInstanceOfSatisfying(Result.Err.class, err ->
              assertThat(((Failure.Thrown) err.error()).cause()).hasMessageContaining("returned null"));
    }
  }

  @Test
  void concurrencyLimitHoldsUnderLoad() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    try (Scope scope = Scope.builder("limited").concurrency(3).open()) {
      List<Task<Failure, Object>> tasks = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        tasks.add(scope.fork(() -> {
          max.accumulateAndGet(now.incrementAndGet(), Math::max);
          Thread.sleep(2);
          now.decrementAndGet();
          return null;
        }));
      }
      tasks.forEach(Task::join);
    }
    assertThat(max.get()).isBetween(1, 3);
  }

  @Test
  void registeringAfterDisposalIsRefused() {
    Scope scope = Scope.open("s");
    scope.close();
    assertThatThrownBy(() -> scope.register(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("register");
  }
}
