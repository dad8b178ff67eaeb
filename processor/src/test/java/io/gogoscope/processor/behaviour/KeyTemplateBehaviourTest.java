package io.gogoscope.processor.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.processor.behaviour.ScopedOrders.PlaceError;
import io.gogoscope.processor.behaviour.ScopedOrders.ShipError;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Keys built from parameters and their properties reach the runtime's stores. */
class KeyTemplateBehaviourTest {
  private final ScopedOrders orders = ScopedOrders.of(new Orders() {
    @Override
    public String place(String userId) {
      return "placed for " + userId;
    }

    @Override
    public String ship(Order order, Supplier<String> whileLocked) {
      return whileLocked.get();
    }
  }, ScopeRuntime.builder().build());

  @Test
  void theRateLimitCountsPerResolvedKey() {
    assertThat(orders.place("ada")).isEqualTo(Result.ok("placed for ada"));
    assertThat(orders.place("grace")).isEqualTo(Result.ok("placed for grace"));

    Result<PlaceError, String> again = orders.place("ada");

    assertThat(again.errorIfAny()).get().isInstanceOf(PlaceError.RateLimited.class);
  }

  @Test
  void theLockKeyReadsTheRecordComponent() {
    Orders.Order order = new Orders.Order("7");
    AtomicReference<Result<ShipError, String>> nested = new AtomicReference<>();

    Result<ShipError, String> outer = orders.ship(order, () -> {
      // While order 7 is locked, a second call for it cannot take the lock.
      nested.set(orders.ship(order, () -> "second"));
      return "first";
    });

    assertThat(outer).isEqualTo(Result.ok("first"));
    assertThat(nested.get()).isEqualTo(Result.err(new ShipError.LockUnavailable("order:7")));
    assertThat(orders.ship(new Orders.Order("8"), () -> "other order")).isEqualTo(Result.ok("other order"));
  }
}
