package golden.shapes;

import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;

/** A package-private nested interface whose tasks are chosen method by method. */
class Outer {
  interface Inventory extends Named {
    @ScopeTask(name = "inventory.reserve")
    @Retry(attempts = 2)
    boolean reserve(String sku, int quantity) throws OutOfStockException;

    int available(String sku);

    default String describe(String sku) {
      return sku + ": " + available(sku);
    }

    @ScopeTask
    default int restock(String sku) {
      return available(sku);
    }
  }

  interface Named {
    String name();
  }

  static final class OutOfStockException extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
