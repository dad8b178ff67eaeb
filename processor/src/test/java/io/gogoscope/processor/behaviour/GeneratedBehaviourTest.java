package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the code generated for {@link Inventory} and {@link Warehouse} against the runtime. */
class GeneratedBehaviourTest {
  private final FakeInventory fake = new FakeInventory();
  private final ScopeRuntime runtime = ScopeRuntime.builder().build();

  @Test
  void retriesCountAttemptsUntilSuccess() {
    fake.ioFailuresBeforeSuccess = 2;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(result).isEqualTo(Result.ok(3));
    assertThat(fake.reserveCalls).hasValue(3);
  }

  @Test
  void retriesStopAtTheAttemptLimitWithTheLastFailure() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(3);
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOf(ReserveError.Io.class));
  }

  @Test
  void anExceptionOutsideRetryOnIsNotRetried() {
    fake.outOfStock = true;

    Result<ReserveError, Integer> result = ScopedInventory.of(fake, runtime).reserve("apple");

    assertThat(fake.reserveCalls).hasValue(1);
    assertThat(result.errorIfAny()).get().isInstanceOfSatisfying(ReserveError.OutOfStock.class, outOfStock ->
        assertThat(outOfStock.cause()).hasMessage("out of stock: apple"));
  }

  /**
   * Only the call is timed, not building the wrapper. Every try must time out, no earlier than
   * the timeout; one of three must come back within the timeout plus 50 ms (as in the runtime's
   * GuardTimeoutTest): a systematic delay fails all three, while a one-off stall of the test thread
   * on a loaded machine (other builds share these two cores) does not fail the test.
   */
  @Test
  void aTimedOutCallReturnsTimedOutWithinTheDeadlinePlus50Milliseconds() {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, runtime);
    List<Long> tries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      Result<SlowError, String> result = warehouse.slow(10_000);
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(result).isEqualTo(Result.err(new SlowError.TimedOut(Duration.ofMillis(100))));
      assertThat(elapsed).isGreaterThanOrEqualTo(100);
      tries.add(elapsed);
      if (elapsed <= 100 + 50) {
        return;
      }
    }
    throw new AssertionError("no try returned within 150 ms: " + tries + " ms");
  }

  @Test
  void anUncheckedExceptionBecomesUnexpected() {
    IllegalStateException failure = new IllegalStateException("broken");

    Result<FailError, String> result = ScopedWarehouse.of(fake, runtime).fail(failure);

    assertThat(result).isEqualTo(Result.err(new FailError.Unexpected(failure)));
    assertThat(result.errorIfAny()).get().isInstanceOf(ScopeError.Unexpected.class);
  }

  @Test
  void anErrorPropagates() {
    StackOverflowError error = new StackOverflowError("deep");

    assertThatThrownBy(() -> ScopedWarehouse.of(fake, runtime).crash(error)).isSameAs(error);
  }

  @Test
  void aParentScopesCancellationGivesCancelled() throws InterruptedException {
    try (Scope parent = Scope.open("parent"); Scope child = Scope.builder("child").parent(parent).open()) {
      Task<BlockError, String> task = ScopedWarehouse.of(fake, runtime).block(child);
      assertThat(fake.blocking.await(5, TimeUnit.SECONDS)).isTrue();

      parent.cancel("shutting down");

      Result<BlockError, String> result = task.join();
      assertThat(result.errorIfAny()).get().isInstanceOf(BlockError.Cancelled.class);
    }
  }

  @Test
  void theForkVariantComposesInTheCallersScopeWithSiblings() {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, runtime);
    try (Scope scope = Scope.open("checkout")) {
      Task<EchoError, String> first = warehouse.echo(scope, "apple");
      Task<Failure, String> sibling = scope.fork("sibling", () -> "hand-written");
      Task<EchoError, String> second = warehouse.echo(scope, "pear");

      assertThat(first.join()).isEqualTo(Result.ok("apple"));
      assertThat(sibling.join()).isEqualTo(Result.ok("hand-written"));
      assertThat(second.join()).isEqualTo(Result.ok("pear"));
      assertThat(first.scope()).isSameAs(scope);
      assertThat(second.scope()).isSameAs(scope);
      assertThat(first.name()).isEqualTo("warehouse.echo");
      assertThat(List.of(first.index(), sibling.index(), second.index())).containsExactly(0, 1, 2);
    }
  }

  @Test
  void forkedCallsRunConcurrentlyWithTheirSiblings() {
    ScopedWarehouse warehouse = ScopedWarehouse.of(fake, runtime);
    CyclicBarrier barrier = new CyclicBarrier(3);
    try (Scope scope = Scope.open("parallel")) {
      // Each call waits at the barrier until all three have arrived: only concurrent calls pass.
      List<Task<MeetError, Integer>> tasks = List.of(
          warehouse.meet(scope, barrier), warehouse.meet(scope, barrier), warehouse.meet(scope, barrier));
      for (Task<MeetError, Integer> task : tasks) {
        assertThat(task.join().isOk()).as("%s", task.join()).isTrue();
      }
    }
  }
}
