package io.gogoscope.examples.policies;

import io.gogoscope.Result;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.config.ConfigSource;
import io.gogoscope.examples.policies.ScopedShipping.BookError;
import io.gogoscope.examples.policies.ScopedShipping.LabelError;
import io.gogoscope.examples.policies.Shipping.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 11's policies on the generated {@code ScopedShipping}: a result retried until it is ready,
 * a breaker that ignores the customer's mistakes, and the same policies changed by configuration
 * (more attempts; rejections counted too) without recompiling.
 */
public final class PoliciesExample {
  /** What operations might set in production, as properties (or environment variables). */
  static final Map<String, String> OVERRIDES = Map.of(
      "gogoscope.tasks.\"shipping.label\".retry.max-attempts", "6",
      "gogoscope.tasks.\"shipping.book\".circuit-breaker.skip-on", "");

  private PoliciesExample() {}

  public static void main(String[] args) {
    System.out.println("annotation values:");
    run(ScopeRuntime.builder().config(ConfigSource.none()).build()).forEach(line -> System.out.println("  " + line));
    System.out.println("with overrides (label: 6 attempts; book: rejected addresses count as failures too):");
    ScopeRuntime configured = ScopeRuntime.builder().config(ConfigSource.of(OVERRIDES)).build();
    run(configured).forEach(line -> System.out.println("  " + line));
  }

  /** Runs the calls on {@code runtime} and describes each outcome. */
  static List<String> run(ScopeRuntime runtime) {
    FakeCarrier carrier = new FakeCarrier();
    ScopedShipping shipping = ScopedShipping.of(carrier, runtime);
    List<String> lines = new ArrayList<>();
    for (String orderId : List.of("o-1", "stuck")) {
      lines.add("label(" + orderId + ") -> " + describeLabel(shipping.label(orderId)) + " after "
          + carrier.requests(orderId) + " requests");
    }
    for (String address : List.of("nowhere", "nowhere", "Main St 1", "outage", "outage", "Main St 2")) {
      lines.add("book(" + address + ") -> " + describeBooking(shipping.book("o-1", address)));
    }
    lines.add("carrier breaker: " + runtime.circuitBreakers().find("carrier").orElseThrow().state());
    return lines;
  }

  static String describeLabel(Result<LabelError, Label> result) {
    return switch (result) {
      case Result.Ok(var label) -> label.ready() ? "printed" : "not printed yet (the last answer stands)";
      case Result.Err(LabelError.BulkheadFull full) -> "too many label requests at once (" + full.limit() + ")";
      case Result.Err(LabelError.Cancelled cancelled) -> "cancelled";
      case Result.Err(LabelError.Unexpected unexpected) -> "bug: " + unexpected.cause();
    };
  }

  static String describeBooking(Result<BookError, String> result) {
    return switch (result) {
      case Result.Ok(var pickup) -> pickup;
      case Result.Err(BookError.AddressRejected rejected) -> "rejected: " + rejected.cause().getMessage();
      case Result.Err(BookError.Io io) -> "failed: " + io.cause().getMessage();
      case Result.Err(BookError.CircuitOpen open) -> "not tried: breaker " + open.name() + " is open";
      case Result.Err(BookError.BulkheadFull full) -> "too many bookings at once (" + full.limit() + ")";
      case Result.Err(BookError.Cancelled cancelled) -> "cancelled";
      case Result.Err(BookError.Unexpected unexpected) -> "bug: " + unexpected.cause();
    };
  }
}
