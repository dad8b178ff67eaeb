package golden.policies;

import io.gogoscope.annotations.Bulkhead;
import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;

/**
 * Issue 11's policies: failure classification on the breaker (failOn, skipOn), a ratio breaker
 * shared between instances, and bulkheads on the interface and on a method.
 */
@ScopeTask(name = "payments")
@Bulkhead(maxConcurrent = 20)
public interface Payments {
  /** A declined card is the customer's answer, not an outage: it must not open the breaker. */
  @CircuitBreaker(name = "gateway", skipOn = CardDeclinedException.class)
  String charge(String card, long cents) throws CardDeclinedException, IOException;

  /** Only I/O trouble counts; the method's own bulkhead replaces the interface's. */
  @CircuitBreaker(name = "refunds", failOn = IOException.class, failureRatio = 0.5, minimumCalls = 10,
      windowSize = 50, resetTimeout = "1m", halfOpenPermits = 3, successThreshold = 2, shared = true)
  @Bulkhead(maxConcurrent = 2, maxWait = "250ms")
  void refund(String chargeId) throws IOException;

  /** The interface's bulkhead only. */
  String status(String chargeId);

  final class CardDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CardDeclinedException(String reason) {
      super(reason);
    }
  }
}
