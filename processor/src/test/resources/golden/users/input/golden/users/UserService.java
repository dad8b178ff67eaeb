package golden.users;

import io.gogoscope.annotations.Backoff;
import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.SpanAttribute;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/** DESIGN.md's example: every policy, declared exceptions, span attributes, key templates. */
@ScopeTask(name = "users")
public interface UserService {
  @Retry(attempts = 3, delay = "100ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class)
  @Timeout("2s")
  User fetchUser(@SpanAttribute("user.id") String id) throws IOException, UserNotFoundException;

  @DistributedLock(key = "order:{orderId}", ttl = "30s")
  @RateLimit(key = "user:{userId}", limit = 100, window = "1m")
  @CircuitBreaker(name = "payments", failureThreshold = 5, resetTimeout = "30s")
  Receipt placeOrder(String userId, String orderId, Order order) throws PaymentDeclinedException;

  @DistributedLock(key = "{order.customer.id}/{order.id}", ttl = "PT10S", maxWait = "250ms")
  @Timeout(value = "500ms", overall = "2s")
  @Retry(attempts = 5, delay = "50ms", maxDelay = "1s", jitter = 0.2, abortOn = PaymentDeclinedException.class)
  void refund(@SpanAttribute("order.id") String orderId, Order order, @SpanAttribute("amount") int cents)
      throws PaymentDeclinedException;

  record User(String id, String name) {}

  record Customer(String id) {}

  record Order(String id, Customer customer) {}

  record Receipt(String orderId) {}

  final class UserNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public UserNotFoundException(String id) {
      super("no user " + id);
    }
  }

  final class PaymentDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PaymentDeclinedException(String reason) {
      super(reason);
    }
  }
}
