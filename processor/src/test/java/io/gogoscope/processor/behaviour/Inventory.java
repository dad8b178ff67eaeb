package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/**
 * A fixture compiled through the processor in this module's test compile, so the behaviour tests
 * run the code it generates ({@code ScopedInventory}).
 */
@ScopeTask(name = "inventory")
public interface Inventory {

  /** Retried on I/O failures, up to three attempts; out-of-stock is final. */
  @Retry(attempts = 3, retryOn = IOException.class)
  int reserve(String sku) throws IOException, OutOfStockException;

  /** Sleeps for {@code millis}; each attempt may take 100 ms. */
  @Timeout("100ms")
  String slow(long millis) throws InterruptedException;

  /** Throws what it is given. */
  String fail(RuntimeException failure);

  /** Throws the error it is given. */
  void crash(Error error);

  /** Waits until interrupted. */
  String block() throws InterruptedException;

  /** Thrown when nothing is left. */
  final class OutOfStockException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutOfStockException(String sku) {
      super("out of stock: " + sku);
    }
  }
}
