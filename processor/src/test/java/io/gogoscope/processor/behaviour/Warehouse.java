package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;

/**
 * A fixture with timeouts and failures, compiled through the processor in this module's test
 * compile ({@code ScopedWarehouse}).
 */
@ScopeTask(name = "warehouse")
public interface Warehouse {

  /** Sleeps for {@code millis}; each call may take 100 ms. */
  @Timeout("100ms")
  String slow(long millis) throws InterruptedException;

  /** Throws what it is given. */
  String fail(RuntimeException failure);

  /** Throws the error it is given. */
  void crash(Error error);

  /** Waits until interrupted. */
  String block() throws InterruptedException;

  /** Waits at {@code barrier} for the other parties (at most 5 s), then returns its arrival index. */
  int meet(java.util.concurrent.CyclicBarrier barrier) throws Exception;

  /** Returns {@code sku} at once. */
  String echo(String sku);
}
