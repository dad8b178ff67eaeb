package io.gogoscope.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BulkheadTest {
  // Generous bounds: these run beside other builds on two cores.
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void neverMoreThanItsLimitRunAtOnceAcrossThousandsOfVirtualThreads() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(4, PATIENCE);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();

    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 2_000; i++) {
        threads.submit(() -> {
          if (!bulkhead.tryEnter()) {
            return null;
          }
          try {
            admitted.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.yield(); // let others pile up on the slots
            running.decrementAndGet();
          } finally {
            bulkhead.exit();
          }
          return null;
        });
      }
    }

    assertThat(most.get()).isBetween(1, 4);
    assertThat(admitted.get()).as("every caller got a slot within its wait").isEqualTo(2_000);
    assertThat(bulkhead.available()).isEqualTo(4);
  }

  @Test
  void aZeroWaitRefusesAtOnceWhenFull() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(2, Duration.ZERO);
    assertThat(bulkhead.tryEnter()).isTrue();
    assertThat(bulkhead.tryEnter()).isTrue();
    assertThat(bulkhead.tryEnter()).isFalse();
    bulkhead.exit();
    assertThat(bulkhead.tryEnter()).isTrue();
  }

  @Test
  void theWaitIsBounded() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, Duration.ofMillis(100));
    assertThat(bulkhead.tryEnter()).isTrue();

    long start = System.nanoTime();
    boolean entered = bulkhead.tryEnter();
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(entered).isFalse();
    assertThat(waited).isBetween(Duration.ofMillis(100), PATIENCE);
  }

  @Test
  void aWaiterGetsTheSlotFreedWhileItWaits() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, PATIENCE);
    assertThat(bulkhead.tryEnter()).isTrue();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Boolean> waiter = threads.submit(bulkhead::tryEnter);
      awaitTrue(() -> bulkhead.waiting() == 1);
      bulkhead.exit();
      assertThat(waiter.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void waitersAreServedInArrivalOrder() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, PATIENCE);
    assertThat(bulkhead.tryEnter()).isTrue();
    List<Integer> served = new CopyOnWriteArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 1; i <= 5; i++) {
        int id = i;
        threads.submit(() -> {
          bulkhead.tryEnter();
          served.add(id);
          bulkhead.exit();
          return null;
        });
        awaitTrue(() -> bulkhead.waiting() == id);
      }
      bulkhead.exit();
    }
    assertThat(served).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void anInterruptedWaiterLeavesWithoutASlot() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, PATIENCE);
    assertThat(bulkhead.tryEnter()).isTrue();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Boolean> waiter = threads.submit(bulkhead::tryEnter);
      awaitTrue(() -> bulkhead.waiting() == 1);
      waiter.cancel(true);
      awaitTrue(() -> bulkhead.waiting() == 0);
    }
    assertThat(bulkhead.available()).isZero();
    bulkhead.exit();
    assertThat(bulkhead.available()).isEqualTo(1);
  }

  @Test
  void anAlreadyInterruptedCallerIsRefusedWithInterruptedException() {
    Bulkhead bulkhead = Bulkhead.of(1, Duration.ZERO);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(bulkhead::tryEnter).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(bulkhead.available()).isEqualTo(1);
  }

  @Test
  void exitWithoutEnterIsRefusedInsteadOfRaisingTheLimit() throws Exception {
    Bulkhead bulkhead = Bulkhead.of(1, Duration.ZERO);
    assertThatThrownBy(bulkhead::exit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit() without a matching successful tryEnter()");
    assertThat(bulkhead.tryEnter()).isTrue();
    assertThat(bulkhead.tryEnter()).isFalse();
  }

  @Test
  void ofChecksItsArguments() {
    assertThatThrownBy(() -> Bulkhead.of(0, Duration.ZERO)).hasMessageContaining("at least 1 slot");
    assertThatThrownBy(() -> Bulkhead.of(1, Duration.ofMillis(-1))).hasMessageContaining("zero or more");
    assertThatThrownBy(() -> Bulkhead.of(1, null)).hasMessageContaining("maxWait is null");
    Bulkhead forever = Bulkhead.of(3, Duration.ofDays(365L * 1000));
    assertThat(forever.maxWait()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(forever.limit()).isEqualTo(3);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + PATIENCE);
      }
      Thread.sleep(1);
    }
  }
}
