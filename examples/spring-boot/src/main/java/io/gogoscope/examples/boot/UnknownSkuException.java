package io.gogoscope.examples.boot;

/** The downstream knows no article of that SKU: an answer, not a failure (not retried, not counted by the breaker). */
public class UnknownSkuException extends Exception {
  private static final long serialVersionUID = 1L;

  /** No article {@code sku}. */
  public UnknownSkuException(String sku) {
    super("no article " + sku);
  }
}
