package io.gogoscope.examples.monitoring;

import io.gogoscope.generated.CallContext;
import io.gogoscope.generated.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.policy.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order flow the monitoring examples observe: one {@code process-order} scope per order with a
 * validation task, a payment that fails once and succeeds on retry, and a notification that is
 * sometimes too slow for its timeout; plus an inventory check behind a circuit breaker, a stock
 * reservation under a lock and an API quota, so every metric has something to count.
 */
public final class OrderFlow {
  private final ScopeRuntime runtime;
  private final ScopedPaymentGateway payments;
  private final Guard notification;
  private final Guard inventory;
  private final Guard reservation;
  private final Guard quota;

  /** Builds the flow's guards on {@code runtime}. */
  public OrderFlow(ScopeRuntime runtime) {
    this.runtime = runtime;
    this.payments = ScopedPaymentGateway.of(new FlakyGateway(), runtime);
    this.notification = runtime.guard("send-notification").timeout(Duration.ofMillis(30)).build();
    this.inventory =
        runtime
            .guard("check-inventory")
            .circuitBreaker(
                runtime.circuitBreaker(
                    "inventory", CircuitBreaker.Config.consecutiveFailures(3, Duration.ofMillis(200))))
            .build();
    this.reservation = runtime.guard("reserve-stock").lock(Duration.ofSeconds(5), Duration.ZERO).build();
    this.quota = runtime.guard("api-quota").rateLimit(50, Duration.ofSeconds(1)).build();
  }

  /** A gateway whose first charge of each order fails, so every payment is retried once. */
  private static final class FlakyGateway implements PaymentGateway {
    private final Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();

    @Override
    public String charge(int orderId) throws IOException {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while charging order " + orderId, e);
      }
      if (failedOnce.add(orderId)) {
        throw new IOException("payment gateway reset the connection");
      }
      failedOnce.remove(orderId);
      return "receipt-" + orderId;
    }
  }

  /** How order {@code number} goes. */
  public record Plan(int number, boolean slowNotification, boolean backends, boolean inventoryDown) {
    /**
     * The order the trace-tree example shows: its three tasks only, and the notification times
     * out.
     */
    public static Plan traced() {
      return new Plan(1, true, false, false);
    }

    /**
     * An order that varies with {@code number}: every 4th notification is slow, and orders 20 to
     * 29 of each hundred find the inventory down (its breaker opens).
     */
    public static Plan varied(int number) {
      return new Plan(number, number % 4 == 3, true, number % 100 >= 20 && number % 100 < 30);
    }
  }

  /** Processes one order; failures are observed and reported, not thrown. */
  public void process(Plan plan) {
    try (Scope scope = runtime.scope("process-order").timeout(Duration.ofSeconds(5)).open()) {
      scope.register(() -> {}); // stands for a connection the order holds until the scope closes
      Task<Failure, Boolean> validation =
          scope.fork(
              "validate-order",
              TaskAttributes.of(Map.of("order.id", plan.number())),
              () -> {
                Thread.sleep(40);
                return true;
              });
      Task<ScopedPaymentGateway.ChargeError, String> receipt = payments.charge(scope, plan.number());
      Task<Failure, Void> notice =
          notification.fork(
              scope,
              () -> {
                Thread.sleep(plan.slowNotification() ? 1_000 : 10);
                return null;
              },
              ErrorMapper.failure());
      if (plan.backends()) {
        callBackends(plan);
      }
      validation.join();
      receipt.join();
      notice.join();
    }
  }

  // The results are left to the observers: this flow exists to be measured.
  private void callBackends(Plan plan) {
    inventory.call(
        () -> {
          if (plan.inventoryDown()) {
            throw new IOException("inventory service unavailable");
          }
          return true;
        });
    reservation.call(
        new CallContext("sku:" + plan.number() % 3, null, TaskAttributes.NONE),
        () -> true,
        ErrorMapper.failure());
    quota.call(() -> true);
  }
}
