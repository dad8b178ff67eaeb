package io.gogoscope.examples.typederrors;

import io.gogoscope.annotations.Backoff;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.Retry;
import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.SpanAttribute;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/**
 * An ordinary service interface with honest {@code throws} clauses. gogoscope's processor writes
 * {@code ScopedUserService} beside it at compile time.
 */
@ScopeTask(name = "users")
public interface UserService {

  @Retry(attempts = 3, delay = "20ms", backoff = Backoff.EXPONENTIAL, retryOn = IOException.class)
  @Timeout("200ms")
  User fetchUser(@SpanAttribute("user.id") String id) throws IOException, UserNotFoundException;

  @DistributedLock(key = "order:{orderId}", ttl = "30s")
  @RateLimit(key = "user:{userId}", limit = 2, window = "1m")
  Receipt placeOrder(String userId, String orderId) throws PaymentDeclinedException;

  /** A user. */
  record User(String id, String name) {}

  /** What a placed order gives back. */
  record Receipt(String orderId, String userId) {}

  /** No user has the id. */
  final class UserNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public UserNotFoundException(String id) {
      super("no user " + id);
    }
  }

  /** The payment was refused. */
  final class PaymentDeclinedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PaymentDeclinedException(String reason) {
      super(reason);
    }
  }
}
