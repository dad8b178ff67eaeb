package io.gogoscope.examples.policies;

import io.gogoscope.annotations.Bulkhead;
import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.ResultPredicate;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;

/**
 * A carrier's API, guarded by issue 11's policies: a label that is not printed yet is asked for
 * again ({@code retryOnResult}), a rejected address is the customer's mistake and does not open
 * the carrier's breaker ({@code skipOn}), and at most four calls run at once ({@code @Bulkhead}).
 */
@ScopeTask(name = "shipping")
@Bulkhead(maxConcurrent = 4)
public interface Shipping {

  /** A shipping label; {@code ready} once the carrier has printed it. */
  record Label(String orderId, boolean ready) {}

  /** A label the carrier has not printed yet is asked for again. */
  final class NotPrintedYet implements ResultPredicate<Label> {
    /** The instance the generated code creates, once. */
    public NotPrintedYet() {}

    @Override
    public boolean test(Label label) {
      return label != null && !label.ready();
    }
  }

  /** The carrier does not deliver to this address: the customer's answer, not an outage. */
  final class AddressRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A rejected address. */
    public AddressRejectedException(String address) {
      super("no delivery to " + address);
    }
  }

  /** The label of an order, asked for up to four times while it is not printed. */
  @Retry(attempts = 4, delay = "10ms", retryOnResult = NotPrintedYet.class)
  Label label(String orderId);

  /** Books a pickup; two failures among the last two calls open the carrier's breaker. */
  @CircuitBreaker(name = "carrier", failureThreshold = 2, windowSize = 2, skipOn = AddressRejectedException.class)
  String book(String orderId, String address) throws AddressRejectedException, IOException;
}
