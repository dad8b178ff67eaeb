package io.gogoscope.processor.behaviour;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.CancelReason;
import io.gogoscope.Failure;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeError;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.processor.behaviour.ScopedInventory.ReserveError;
import io.gogoscope.processor.behaviour.ScopedWarehouse.BlockError;
import io.gogoscope.processor.behaviour.ScopedWarehouse.EchoError;
import io.gogoscope.processor.behaviour.ScopedWarehouse.FailError;
import io.gogoscope.processor.behaviour.ScopedWarehouse.MeetError;
import io.gogoscope.processor.behaviour.ScopedWarehouse.SlowError;
import io.gogoscope.test.VirtualClock;
import io.gogoscope.test.junit.GogoscopeExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the code generated for {@link Inventory} and {@link Warehouse} against the runtime, with the
 * testing kit as a user's test would: each test gets its runtime from {@link GogoscopeExtension}
 * (which fails a test that leaves a scope open or a task running) on an auto-advancing
 * {@link VirtualClock} (retry delays pass at once and are recorded), and checks results with the
 * kit's assertions.
 */
class GeneratedBehaviourTest {
  @RegisterExtension
  final GogoscopeExtension kit = new GogoscopeExtension().withAutoAdvancingClock();

  private final FakeInventory fake = new FakeInventory();

  @Test
  void retriesCountAttemptsUntilSuccess(ScopeRuntime runtime, VirtualClock clock) {
    fake.ioFailuresBeforeSuccess = 2;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(result).hasValue(3);
    assertThat(fake.reserveCalls).hasValue(3);
    assertThat(clock.sleeps()).as("a delay (of 0 ms, the default) before each retry").hasSize(2);
  }

  @Test
  void retriesStopAtTheAttemptLimitWithTheLastFailure(ScopeRuntime runtime) {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(3);
    assertThat(result).isErrOf(ReserveError.Io.class);
  }

  @Test
  void anExceptionOutsideRetryOnIsNotRetried(ScopeRuntime runtime, VirtualClock clock) {
    fake.outOfStock = true;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(1);
    assertThat(clock.sleeps()).isEmpty();
    assertThat(result).hasErrorSatisfying(ReserveError.OutOfStock.class, outOfStock ->
        assertThat(outOfStock.cause()).hasMessage("out of stock: apple"));
  }

  /**
   * Only the call is timed, not building the wrapper. Every try must time out, no earlier than
   * the timeout; one of three must come back within the timeout plus 50 ms (as in the runtime's
   * GuardTimeoutTest): a systematic delay fails all three, while a one-off stall of the test thread
   * on a loaded machine (other builds share these two cores) does not fail the test. It measures
   * wall-clock time, so it runs on a real-clock runtime rather than the kit's virtual clock (on
   * which the timeout fires at once).
   */
  @Test
  void aTimedOutCallReturnsTimedOutWithinTheDeadlinePlus50Milliseconds() {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, ScopeRuntime.builder().build());
    List<Long> tries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      Result<SlowError, String> result = warehouse.slow(10_000);
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(result).isErrOf(SlowError.TimedOut.class).error().isTimedOutAfter(Duration.ofMillis(100));
      assertThat(elapsed).isGreaterThanOrEqualTo(100);
      tries.add(elapsed);
      if (elapsed <= 100 + 50) {
        return;
      }
    }
    throw new AssertionError("no try returned within 150 ms: " + tries + " ms");
  }

  @Test
  void anUncheckedExceptionBecomesUnexpected(ScopeRuntime runtime) {
    IllegalStateException failure = new IllegalStateException("broken");

    Result<FailError, String> result = ScopedWarehouse.of(fake, runtime).fail(failure);

    assertThat(result).hasError(new FailError.Unexpected(failure)).isErrOf(ScopeError.Unexpected.class)
        .failedWith(IllegalStateException.class);
  }

  @Test
  void anErrorPropagates(ScopeRuntime runtime) {
    StackOverflowError error = new StackOverflowError("deep");

    assertThatThrownBy(() -> ScopedWarehouse.of(fake, runtime).crash(error)).isSameAs(error);
  }

  @Test
  void aParentScopesCancellationGivesCancelled(ScopeRuntime runtime) throws InterruptedException {
    try (Scope parent = runtime.scope("parent").open(); Scope child = runtime.scope("child").parent(parent).open()) {
      Task<BlockError, String> task = ScopedWarehouse.of(fake, runtime).block(child);
      assertThat(fake.blocking.await(5, TimeUnit.SECONDS)).isTrue();

      parent.cancel("shutting down");

      Result<BlockError, String> result = task.join();
      assertThat(result).isErrOf(BlockError.Cancelled.class).isCancelled()
          .isCancelledWith(new CancelReason.ParentCancelled("parent", new CancelReason.Requested("shutting down")));
    }
  }

  @Test
  void theForkVariantComposesInTheCallersScopeWithSiblings(ScopeRuntime runtime) {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, runtime);
    try (Scope scope = runtime.scope("checkout").open()) {
      Task<EchoError, String> first = warehouse.echo(scope, "apple");
      Task<Failure, String> sibling = scope.fork("sibling", () -> "hand-written");
      Task<EchoError, String> second = warehouse.echo(scope, "pear");

      assertThat(first.join()).hasValue("apple");
      assertThat(sibling.join()).hasValue("hand-written");
      assertThat(second.join()).hasValue("pear");
      assertThat(first.scope()).isSameAs(scope);
      assertThat(second.scope()).isSameAs(scope);
      assertThat(first.name()).isEqualTo("warehouse.echo");
      assertThat(List.of(first.index(), sibling.index(), second.index())).containsExactly(0, 1, 2);
    }
  }

  @Test
  void forkedCallsRunConcurrentlyWithTheirSiblings(ScopeRuntime runtime) {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, runtime);
    CyclicBarrier barrier = new CyclicBarrier(3);
    try (Scope scope = runtime.scope("parallel").open()) {
      // Each call waits at the barrier until all three have arrived: only concurrent calls pass.
      List<Task<MeetError, Integer>> tasks = List.of(
          warehouse.meet(scope, barrier), warehouse.meet(scope, barrier), warehouse.meet(scope, barrier));
      for (Task<MeetError, Integer> task : tasks) {
        assertThat(task.join()).isOk();
      }
    }
  }
}
