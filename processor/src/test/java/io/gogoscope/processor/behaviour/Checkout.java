package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.Bulkhead;
import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;
import java.util.concurrent.Callable;

/** A fixture for failure classification and bulkheads, compiled through the processor ({@code ScopedCheckout}). */
@ScopeTask(name = "checkout")
public interface Checkout {

  /** The card was declined: the customer's answer, not an outage. */
  final class CardDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A declined card. */
    public CardDeclinedException() {
      super("declined");
    }
  }

  /** Two failures in a row open the breaker; declined cards are not failures. */
  @CircuitBreaker(name = "card-gateway", failureThreshold = 2, windowSize = 2, skipOn = CardDeclinedException.class)
  String pay(Callable<String> gateway) throws CardDeclinedException, IOException;

  /** One attempt at a time. */
  @Bulkhead(maxConcurrent = 1)
  String render(Callable<String> body);
}
