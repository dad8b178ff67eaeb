package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;

/**
 * A fixture with a retry, compiled through the processor in this module's test compile, so the
 * behaviour tests run the code it generates ({@code ScopedInventory}).
 */
@ScopeTask(name = "inventory")
public interface Inventory {

  /** Retried on I/O failures, up to three attempts; out-of-stock is final. */
  @Retry(attempts = 3, retryOn = IOException.class)
  int reserve(String sku) throws IOException, OutOfStockException;

  /** Thrown when nothing is left. */
  final class OutOfStockException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutOfStockException(String sku) {
      super("out of stock: " + sku);
    }
  }
}
