package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;
import java.util.function.Supplier;

/** A fixture with key templates, compiled through the processor ({@code ScopedOrders}). */
@ScopeTask(name = "orders")
public interface Orders {

  /** An order. */
  record Order(String id) {}

  /** One call per user and minute. */
  @RateLimit(key = "user:{userId}", limit = 1, window = "1m")
  String place(String userId);

  /** Runs {@code whileLocked} holding the lock of the order. */
  @DistributedLock(key = "order:{order.id}", ttl = "10s")
  String ship(Order order, Supplier<String> whileLocked);
}
