package io.gogoscope.examples.typederrors;

import static io.gogoscope.test.GogoscopeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.examples.typederrors.ScopedUserService.FetchUserError;
import io.gogoscope.examples.typederrors.ScopedUserService.PlaceOrderError;
import io.gogoscope.examples.typederrors.UserService.User;
import io.gogoscope.store.StoreException;
import io.gogoscope.test.VirtualClock;
import io.gogoscope.test.junit.GogoscopeExtension;
import io.gogoscope.test.store.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test a user would write for their own service with gogoscope's testing kit (gogoscope-test):
 * copy it, and replace {@code UserService} with yours.
 *
 * <ul>
 *   <li>{@link GogoscopeExtension} hands each test a {@link ScopeRuntime} of its own, on in-memory
 *       stores whose faults the test switches ({@link Faults}) and on a {@link VirtualClock}, and
 *       fails the test if it leaves a scope open, a task running or a lock held;
 *   <li>{@code assertThat(result)} checks results and their error unions by variant.
 * </ul>
 */
@Timeout(60) // a call waiting on a virtual clock nobody moves would wait for ever
class UserServiceTest {
  @RegisterExtension
  final GogoscopeExtension gogoscope = new GogoscopeExtension().withVirtualClock();

  @Test
  void retriesAFlakyDatabaseWithExponentialBackoff(ScopeRuntime runtime, VirtualClock clock) throws Exception {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    // The call sleeps on the virtual clock between attempts, so it runs on a thread of its own
    // while the test moves time.
    CompletableFuture<Result<FetchUserError, User>> call =
        CompletableFuture.supplyAsync(() -> users.fetchUser("flaky"), runnable -> Thread.ofVirtual().start(runnable));
    clock.awaitSleepers(1);
    clock.advance(Duration.ofMillis(19));
    assertThat(call).as("the first delay is 20 ms").isNotDone();
    clock.advance(Duration.ofSeconds(1)); // runs both retry delays, in order

    assertThat(call.get(10, TimeUnit.SECONDS)).isOk().hasValue(new User("flaky", "Flaky Fred"));
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void runAdvancingMovesTheClockWheneverTheCallSleeps(ScopeRuntime runtime, VirtualClock clock) throws Exception {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    assertThat(clock.runAdvancing(() -> users.fetchUser("flaky"))).isOk();
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(60));
  }

  @Test
  void anUnknownUserIsNotFoundAtOnce(ScopeRuntime runtime, VirtualClock clock) {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    assertThat(users.fetchUser("7"))
        .isErrOf(FetchUserError.UserNotFound.class)
        .failedWith(UserService.UserNotFoundException.class);
    assertThat(clock.sleeps()).as("not retried").isEmpty();
  }

  @Test
  void aSlowDatabaseTimesOutOnEveryAttempt(ScopeRuntime runtime, VirtualClock clock) throws Exception {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    // The database blocks for 5 s; the 200 ms attempt timeouts follow the virtual clock, so each
    // interrupts it when the clock reaches it, with the retry delays between them.
    CompletableFuture<Result<FetchUserError, User>> call =
        CompletableFuture.supplyAsync(() -> users.fetchUser("slow"), runnable -> Thread.ofVirtual().start(runnable));
    clock.awaitTimeouts(1); // the first attempt runs, its timeout armed
    clock.advance(Duration.ofSeconds(1));

    assertThat(call.get(10, TimeUnit.SECONDS))
        .isErrOf(FetchUserError.TimedOut.class)
        .error().isTimedOutAfter(Duration.ofMillis(200));
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
    assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void ordersAreRateLimitedPerUserAndMinute(ScopeRuntime runtime, VirtualClock clock) {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    assertThat(users.placeOrder("ada", "o-1")).isOk();
    assertThat(users.placeOrder("ada", "o-2")).isOk();
    assertThat(users.placeOrder("ada", "o-3")).isErrOf(PlaceOrderError.RateLimited.class)
        .hasErrorSatisfying(PlaceOrderError.RateLimited.class,
            limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
    assertThat(users.placeOrder("grace", "o-4")).as("another user's limit").isOk();

    clock.advance(Duration.ofMinutes(1));
    assertThat(users.placeOrder("ada", "o-5")).isOk();
  }

  @Test
  void aStoreOutageFailsOrdersButNotLookups(ScopeRuntime runtime, Faults faults) {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    faults.down();
    assertThat(users.placeOrder("ada", "o-1")).isErrOf(PlaceOrderError.Unexpected.class)
        .failedWith(StoreException.class);
    assertThat(users.fetchUser("42")).as("needs no store").isOk();

    // An order makes three store calls (rate check, lock, release): with every fourth call
    // failing, the second and fourth orders fail at their rate check.
    faults.up().failEvery(4);
    List<Boolean> placed = new ArrayList<>();
    for (String user : List.of("u1", "u2", "u3", "u4")) {
      placed.add(users.placeOrder(user, "o-" + user).isOk());
    }
    assertThat(placed).containsExactly(true, false, true, false);
  }

  @Test
  void callsForkedIntoAScopeEndWithIt(ScopeRuntime runtime) {
    ScopedUserService users = ScopedUserService.of(new InMemoryUserService(), runtime);

    try (Scope scope = runtime.scope("dashboard").open()) { // leave out the try: the test fails
      Task<FetchUserError, User> ada = users.fetchUser(scope, "42");
      Task<FetchUserError, User> grace = users.fetchUser(scope, "43");
      assertThat(ada.join()).hasValue(new User("42", "Ada"));
      assertThat(grace.join()).hasValue(new User("43", "Grace"));
    }
  }
}
