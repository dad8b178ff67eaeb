package io.gogoscope.examples.boot;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The downstream, simulated in-process so the example runs alone: most SKUs are priced at once;
 * {@code slow} takes two seconds, {@code flaky} fails its first two calls of every three,
 * {@code broken} always fails, and a SKU starting with {@code x} is unknown.
 */
@Component
public class SimulatedPricing implements PricingClient {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  @Override
  public Price quote(String sku) throws IOException, UnknownSkuException {
    int call = calls.computeIfAbsent(sku, s -> new AtomicInteger()).incrementAndGet();
    switch (sku) {
      case "slow" -> sleep(Duration.ofSeconds(2));
      case "flaky" -> {
        if (call % 3 != 0) {
          throw new IOException("pricing: connection reset (call " + call + ")");
        }
      }
      case "broken" -> throw new IOException("pricing: 503 from upstream");
      default -> {
        if (sku.startsWith("x")) {
          throw new UnknownSkuException(sku);
        }
      }
    }
    return new Price(sku, BigDecimal.valueOf(Math.abs(sku.hashCode() % 10_000), 2), "EUR");
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("pricing: call abandoned");
    }
  }
}
