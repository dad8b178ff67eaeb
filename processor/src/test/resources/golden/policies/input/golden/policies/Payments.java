package golden.policies;

import io.gogoscope.annotations.Bulkhead;
import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;

/**
 * Issue 11's policies: failure classification on the breaker (failOn, skipOn), a ratio breaker
 * shared between instances, bulkheads on the interface and on a method, a rate limit that waits and a
 * lock held for a minimum time.
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

  /**
   * Settles a merchant's day: waits up to 500 ms for a rate-limit permit, and keeps the lock a
   * minute however fast it runs, so another instance does not settle again at once.
   */
  @RateLimit(key = "settle:{merchant}", limit = 10, window = "1s", maxWait = "500ms")
  @DistributedLock(key = "settle:{merchant}", ttl = "5m", minHold = "1m")
  void settle(String merchant);

  /** The interface's bulkhead only. */
  String status(String chargeId);

  final class CardDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CardDeclinedException(String reason) {
      super(reason);
    }
  }
}
