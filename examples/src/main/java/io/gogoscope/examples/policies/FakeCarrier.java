package io.gogoscope.examples.policies;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A carrier in memory: a label is printed on the third request for it (never for order
 * {@code "stuck"}); the address {@code "nowhere"} is rejected and {@code "outage"} fails with an
 * {@link IOException}.
 */
final class FakeCarrier implements Shipping {
  private final Map<String, Integer> requests = new ConcurrentHashMap<>();

  @Override
  public Label label(String orderId) {
    int request = requests.merge(orderId, 1, Integer::sum);
    return new Label(orderId, request >= 3 && !orderId.equals("stuck"));
  }

  /** How often {@link #label} was called for {@code orderId}. */
  int requests(String orderId) {
    return requests.getOrDefault(orderId, 0);
  }

  @Override
  public String book(String orderId, String address) throws AddressRejectedException, IOException {
    return switch (address) {
      case "nowhere" -> throw new AddressRejectedException(address);
      case "outage" -> throw new IOException("carrier unreachable");
      default -> "pickup for " + orderId;
    };
  }
}
