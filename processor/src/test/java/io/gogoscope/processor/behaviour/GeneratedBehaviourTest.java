package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.Failure;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeError;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.processor.behaviour.ScopedInventory.BlockError;
import io.gogoscope.processor.behaviour.ScopedInventory.FailError;
import io.gogoscope.processor.behaviour.ScopedInventory.ReserveError;
import io.gogoscope.processor.behaviour.ScopedInventory.SlowError;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the code generated for {@link Inventory} against the runtime. */
class GeneratedBehaviourTest {
  private final FakeInventory fake = new FakeInventory();
  private final ScopedInventory inventory = ScopedInventory.of(fake, ScopeRuntime.builder().build());

  @Test
  void retriesCountAttemptsUntilSuccess() {
    fake.ioFailuresBeforeSuccess = 2;

    Result<ReserveError, Integer> result = inventory.reserve("apple");

    assertThat(result).isEqualTo(Result.ok(3));
    assertThat(fake.reserveCalls).hasValue(3);
  }

  @Test
  void retriesStopAtTheAttemptLimitWithTheLastFailure() {
    fake.ioFailuresBeforeSuccess = Integer.MAX_VALUE;

    Result<ReserveError, Integer> result = inventory.reserve("apple");

    assertThat(fake.reserveCalls).hasValue(3);
    assertThat(result).isInstanceOfSatisfying(Result.Err.class, err ->
        assertThat(err.error()).isInstanceOf(ReserveError.Io.class));
  }

  @Test
  void anExceptionOutsideRetryOnIsNotRetried() {
    fake.outOfStock = true;

    Result<ReserveError, Integer> result = inventory.reserve("apple");

    assertThat(fake.reserveCalls).hasValue(1);
    assertThat(result.errorIfAny()).get().isInstanceOfSatisfying(ReserveError.OutOfStock.class, outOfStock ->
        assertThat(outOfStock.cause()).hasMessage("out of stock: apple"));
  }

  @Test
  void aTimedOutCallReturnsTimedOutWithinTheDeadlinePlus50Milliseconds() {
    long start = System.nanoTime();

    Result<SlowError, String> result = inventory.slow(10_000);

    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(result).isEqualTo(Result.err(new SlowError.TimedOut(Duration.ofMillis(100))));
    assertThat(elapsed).isLessThanOrEqualTo(100 + 50);
  }

  @Test
  void anUncheckedExceptionBecomesUnexpected() {
    IllegalStateException failure = new IllegalStateException("broken");

    Result<FailError, String> result = inventory.fail(failure);

    assertThat(result).isEqualTo(Result.err(new FailError.Unexpected(failure)));
    assertThat(result.errorIfAny()).get().isInstanceOf(ScopeError.Unexpected.class);
  }

  @Test
  void anErrorPropagates() {
    StackOverflowError error = new StackOverflowError("deep");

    assertThatThrownBy(() -> inventory.crash(error)).isSameAs(error);
  }

  @Test
  void aParentScopesCancellationGivesCancelled() throws InterruptedException {
    try (Scope parent = Scope.open("parent"); Scope child = Scope.builder("child").parent(parent).open()) {
      Task<BlockError, String> task = inventory.block(child);
      assertThat(fake.blocking.await(5, TimeUnit.SECONDS)).isTrue();

      parent.cancel("shutting down");

      Result<BlockError, String> result = task.join();
      assertThat(result.errorIfAny()).get().isInstanceOf(BlockError.Cancelled.class);
    }
  }

  @Test
  void theForkVariantComposesInTheCallersScopeWithSiblings() {
    try (Scope scope = Scope.open("checkout")) {
      Task<ReserveError, Integer> first = inventory.reserve(scope, "apple");
      Task<Failure, String> sibling = scope.fork("sibling", () -> "hand-written");
      Task<ReserveError, Integer> second = inventory.reserve(scope, "pear");

      assertThat(sibling.join()).isEqualTo(Result.ok("hand-written"));
      assertThat(first.join().isOk()).isTrue();
      assertThat(second.join().isOk()).isTrue();
      assertThat(first.scope()).isSameAs(scope);
      assertThat(second.scope()).isSameAs(scope);
      assertThat(first.name()).isEqualTo("inventory.reserve");
      assertThat(fake.reserveCalls).hasValue(2);
    }
  }
}
