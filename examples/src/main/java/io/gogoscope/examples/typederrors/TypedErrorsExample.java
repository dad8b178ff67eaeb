package io.gogoscope.examples.typederrors;

import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.examples.typederrors.ScopedUserService.FetchUserError;
import io.gogoscope.examples.typederrors.ScopedUserService.PlaceOrderError;
import io.gogoscope.examples.typederrors.UserService.Receipt;
import io.gogoscope.examples.typederrors.UserService.User;
import java.util.List;

/**
 * Calls the generated {@code ScopedUserService} and handles every outcome with an exhaustive
 * {@code switch}: leave a case out and the example does not compile.
 */
public final class TypedErrorsExample {
  private TypedErrorsExample() {}

  public static void main(String[] args) {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), ScopeRuntime.defaults());

    for (String id : List.of("42", "7", "flaky", "slow", "bug")) {
      System.out.printf("fetchUser(%s) -> %s%n", id, describe(users.fetchUser(id)));
    }

    // The fork variant runs calls concurrently inside the caller's own scope.
    try (Scope scope = Scope.open("dashboard")) {
      Task<FetchUserError, User> ada = users.fetchUser(scope, "42");
      Task<FetchUserError, User> grace = users.fetchUser(scope, "43");
      System.out.printf("in a scope: %s and %s%n", describe(ada.join()), describe(grace.join()));
    }

    // At most two orders per user and minute: the third is refused before the call is made.
    for (String orderId : List.of("o-1", "declined-2", "o-3")) {
      System.out.printf("placeOrder(ada, %s) -> %s%n", orderId, describeOrder(users.placeOrder("ada", orderId)));
    }
  }

  static String describe(Result<FetchUserError, User> result) {
    return switch (result) {
      case Result.Ok(var user) -> "found " + user.name();
      case Result.Err(FetchUserError.UserNotFound notFound) -> "not found (" + notFound.cause().getMessage() + ")";
      case Result.Err(FetchUserError.Io io) -> "I/O failed after every retry: " + io.cause().getMessage();
      case Result.Err(FetchUserError.TimedOut timedOut) -> "gave up after " + timedOut.after().toMillis() + " ms";
      case Result.Err(FetchUserError.Cancelled cancelled) -> "cancelled: " + cancelled.reason();
      case Result.Err(FetchUserError.Unexpected unexpected) -> "bug in the service: " + unexpected.cause();
    };
  }

  static String describeOrder(Result<PlaceOrderError, Receipt> result) {
    return switch (result) {
      case Result.Ok(var receipt) -> "placed " + receipt.orderId();
      case Result.Err(PlaceOrderError.PaymentDeclined declined) -> "declined: " + declined.cause().getMessage();
      case Result.Err(PlaceOrderError.RateLimited limited) -> "rate limited, retry in " + limited.retryAfter().toSeconds() + " s";
      case Result.Err(PlaceOrderError.LockUnavailable locked) -> "order " + locked.key() + " is being placed elsewhere";
      case Result.Err(PlaceOrderError.Cancelled cancelled) -> "cancelled: " + cancelled.reason();
      case Result.Err(PlaceOrderError.Unexpected unexpected) -> "bug in the service: " + unexpected.cause();
    };
  }
}
