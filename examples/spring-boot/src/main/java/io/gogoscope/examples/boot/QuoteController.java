package io.gogoscope.examples.boot;

import io.gogoscope.Result;
import io.gogoscope.examples.boot.ScopedPricingClient.QuoteError;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /quotes/{sku}}: every case of the typed union is an HTTP answer, and the compiler
 * checks the switch covers them all: 200 with the price, 404 for an unknown article, 502 when the
 * downstream failed (after retries), 504 when it was too slow, 503 with {@code Retry-After}
 * while the breaker is open.
 */
@RestController
public class QuoteController {
  private final ScopedPricingClient pricing;

  /** Uses the {@code Scoped} bean the starter registered for {@link SimulatedPricing}. */
  public QuoteController(ScopedPricingClient pricing) {
    this.pricing = pricing;
  }

  /** The price of {@code sku}, or why there is none. */
  @GetMapping("/quotes/{sku}")
  public ResponseEntity<?> quote(@PathVariable String sku) {
    return switch (pricing.quote(sku)) {
      case Result.Ok<QuoteError, Price>(Price price) -> ResponseEntity.ok(price);
      case Result.Err<QuoteError, Price>(QuoteError error) -> switch (error) {
        case QuoteError.UnknownSku unknown -> problem(HttpStatus.NOT_FOUND, unknown.cause().getMessage());
        case QuoteError.Io io -> problem(HttpStatus.BAD_GATEWAY, io.cause().getMessage());
        case QuoteError.TimedOut timedOut -> problem(HttpStatus.GATEWAY_TIMEOUT, "pricing took over " + timedOut.after());
        case QuoteError.CircuitOpen open -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header("Retry-After", "30").body(Map.of("error", "pricing is unavailable (breaker " + open.name() + " open)"));
        case QuoteError.Cancelled cancelled -> problem(HttpStatus.SERVICE_UNAVAILABLE, "cancelled: " + cancelled.reason());
        case QuoteError.Unexpected unexpected -> problem(HttpStatus.INTERNAL_SERVER_ERROR, unexpected.cause().toString());
      };
    };
  }

  private static ResponseEntity<Map<String, String>> problem(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message));
  }
}
