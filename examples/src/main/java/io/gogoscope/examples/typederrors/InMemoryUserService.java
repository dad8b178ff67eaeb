package io.gogoscope.examples.typederrors;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The implementation a user writes: plain blocking code that throws. Some ids misbehave on
 * purpose, so the example shows every way a call can end.
 */
final class InMemoryUserService implements UserService {
  private static final Map<String, User> USERS = Map.of(
      "42", new User("42", "Ada"),
      "43", new User("43", "Grace"),
      "flaky", new User("flaky", "Flaky Fred"));

  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  @Override
  public User fetchUser(String id) throws IOException, UserNotFoundException {
    int call = calls.merge(id, 1, Integer::sum);
    switch (id) {
      case "flaky" -> {
        if (call < 3) {
          throw new IOException("connection reset (call " + call + ")");
        }
      }
      case "slow" -> {
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the database", e);
        }
      }
      case "bug" -> throw new IllegalStateException("cache not initialised");
      default -> {}
    }
    User user = USERS.get(id);
    if (user == null) {
      throw new UserNotFoundException(id);
    }
    return user;
  }

  @Override
  public Receipt placeOrder(String userId, String orderId) throws PaymentDeclinedException {
    if (orderId.startsWith("declined")) {
      throw new PaymentDeclinedException("card expired");
    }
    return new Receipt(orderId, userId);
  }
}
