package io.gogoscope.examples.boot;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/**
 * The pricing downstream, as the service calls it. The processor writes
 * {@code ScopedPricingClient}, whose {@code quote} returns a {@code Result} of the price or a
 * {@code QuoteError}: {@code UnknownSku}, {@code Io}, {@code TimedOut}, {@code CircuitOpen}, ...;
 * the starter registers it as a bean wrapping the bean implementing this interface.
 */
@ScopeTask(name = "pricing")
public interface PricingClient {

  /** The price of {@code sku}. */
  @Retry(attempts = 3, delay = "20ms", retryOn = IOException.class)
  @Timeout("500ms")
  @CircuitBreaker(name = "pricing", failureThreshold = 10, windowSize = 20, resetTimeout = "30s",
      skipOn = UnknownSkuException.class)
  Price quote(String sku) throws IOException, UnknownSkuException;
}
