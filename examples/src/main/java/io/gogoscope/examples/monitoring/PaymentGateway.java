package io.gogoscope.examples.monitoring;

import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.SpanAttribute;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/**
 * The payment call of {@link OrderFlow}, written the way users write theirs: the processor
 * generates {@code ScopedPaymentGateway}, whose calls are spans named {@code process-payment} with
 * the order number as the attribute {@code order.id}.
 */
public interface PaymentGateway {

  /** Charges order {@code orderId} and returns the receipt number. */
  @ScopeTask(name = "process-payment")
  @Retry(attempts = 3, delay = "20ms", retryOn = IOException.class)
  @Timeout("1s")
  String charge(@SpanAttribute("order.id") int orderId) throws IOException;
}
