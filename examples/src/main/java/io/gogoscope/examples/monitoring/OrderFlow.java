package io.gogoscope.examples.monitoring;

import io.gogoscope.CallContext;
import io.gogoscope.ErrorMapper;
import io.gogoscope.Failure;
import io.gogoscope.Guard;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.observe.TaskInfo.TaskAttributes;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order flow the monitoring examples observe: one {@code process-order} scope per order with a
 * validation task, a payment that fails once and succeeds on retry, and a notification that is
 * sometimes too slow for its timeout; plus an inventory check behind a circuit breaker, a stock
 * reservation under a lock and an API quota, so every metric has something to count.
 */
public final class OrderFlow {
  private final ScopeRuntime runtime;
  private final Guard payment;
  private final Guard notification;
  private final Guard inventory;
  private final Guard reservation;
  private final Guard quota;

  /** Builds the flow's guards on {@code runtime}. */
  public OrderFlow(ScopeRuntime runtime) {
    this.runtime = runtime;
    this.payment =
        runtime
            .guard("process-payment")
            .retry(Retry.builder().maxAttempts(3).delay(Duration.ofMillis(20)).retryOn(IOException.class).build())
            .timeout(Duration.ofSeconds(1))
            .build();
    this.notification = runtime.guard("send-notification").timeout(Duration.ofMillis(30)).build();
    this.inventory =
        runtime
            .guard("check-inventory")
            .circuitBreaker(
                runtime.circuitBreaker(
                    "inventory", CircuitBreaker.Config.failures(3, Duration.ofMillis(200))))
            .build();
    this.reservation = runtime.guard("reserve-stock").lock(Duration.ofSeconds(5), Duration.ZERO).build();
    this.quota = runtime.guard("api-quota").rateLimit(50, Duration.ofSeconds(1)).build();
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
              () -> {
                Thread.sleep(40);
                return true;
              });
      AtomicInteger paymentAttempts = new AtomicInteger();
      Task<Failure, String> receipt =
          payment.fork(
              scope,
              new CallContext(null, null, TaskAttributes.of(Map.of("order.id", plan.number()))),
              () -> {
                Thread.sleep(50);
                if (paymentAttempts.incrementAndGet() == 1) {
                  throw new IOException("payment gateway reset the connection");
                }
                return "receipt-" + plan.number();
              },
              ErrorMapper.failure());
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
