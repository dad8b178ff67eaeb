package io.gogoscope.processor.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gogoscope.CircuitState;
import io.gogoscope.Result;
import io.gogoscope.Scope;
import io.gogoscope.ScopeRuntime;
import io.gogoscope.Task;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.processor.contract.OrderDesk.User;
import io.gogoscope.processor.contract.ScopedOrderDesk.CountNamedError;
import io.gogoscope.processor.contract.ScopedOrderDesk.CountPairError;
import io.gogoscope.processor.contract.ScopedOrderDesk.LockNamedError;
import io.gogoscope.processor.contract.ScopedOrderDesk.LockPairError;
import io.gogoscope.processor.contract.ScopedOrderDesk.PayError;
import io.gogoscope.processor.contract.ScopedOrderDesk.PlaceError;
import io.gogoscope.processor.contract.ScopedOrderDesk.PostError;
import io.gogoscope.processor.contract.ScopedOrderDesk.RunJobError;
import io.gogoscope.processor.contract.ScopedOrderDesk.SearchError;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the code generated for {@code @DistributedLock}, {@code @RateLimit} and
 * {@code @CircuitBreaker(shared = true)} does with the stores of the {@link ScopeRuntime} it is
 * given ({@link OrderDesk}, compiled through the processor into {@code ScopedOrderDesk}). Every
 * test runs two instances of an application, each a runtime on stores of its own (its own
 * connection) over the one backend under test: what one instance takes, counts or opens, the other
 * sees. A runtime left on its in-memory defaults fails every test.
 *
 * <p>Each backend subclasses this (the persistence modules use it from this module's test-jar, as
 * they use the store contract suite from the runtime's) and says how to build an instance.
 */
public abstract class GeneratedStorePoliciesContract {

  /**
   * A runtime builder whose lock provider, rate-limit store and circuit-state store are new clients
   * of the backend under test: a second connection, as a second process would have. Called twice
   * before each test, which may add an observer before building it.
   */
  protected abstract ScopeRuntime.Builder newInstance();

  /** How long to wait for something that should happen (generous: the machine may be loaded). */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  private String run;
  private Instance first;
  private Instance second;
  private final CountDownLatch secondHeardPaymentsOpen = new CountDownLatch(1);

  @BeforeEach
  void startTwoInstances() {
    run = UUID.randomUUID().toString();
    first = new Instance(newInstance());
    second = new Instance(newInstance().observer(new ScopeObserver() {
      @Override
      public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
        if (name.equals("payments") && to == CircuitState.OPEN) {
          secondHeardPaymentsOpen.countDown();
        }
      }
    }));
  }

  /** A key part unique to this test, so tests never share a lock or a rate-limit key. */
  private String unique(String name) {
    return name + "-" + run;
  }

  @Test
  void aSecondInstanceGetsLockUnavailableWhileTheFirstHoldsTheResolvedKey() throws Exception {
    String order = unique("42");
    Hold hold = new Hold("placed");

    try (Scope scope = Scope.open("first-instance")) {
      Task<PlaceError, String> placing = first.service.place(scope, order, hold::work);
      hold.awaitEntered(patience());

      assertThat(second.service.place(order, () -> "again"))
          .isEqualTo(Result.err(new PlaceError.LockUnavailable("order:" + order)));
      assertThat(first.service.place(order, () -> "again"))
          .as("the lock belongs to the call, not to the instance")
          .isEqualTo(Result.err(new PlaceError.LockUnavailable("order:" + order)));
      assertThat(second.service.place(unique("7"), () -> "other order"))
          .as("another resolved key is free")
          .isEqualTo(Result.ok("other order"));

      hold.release();
      assertThat(placing.join()).isEqualTo(Result.ok("placed"));
    }
    assertThat(second.service.place(order, () -> "after"))
        .as("released when the first call ended")
        .isEqualTo(Result.ok("after"));
  }

  @Test
  void aBoundedWaitTakesTheLockOnceTheHolderReleasesIt() throws Exception {
    String account = unique("acme");
    Hold hold = new Hold("first posting");
    AtomicBoolean firstDone = new AtomicBoolean();

    try (Scope scope = Scope.open("two-instances")) {
      Task<PostError, String> posting = first.service.post(scope, account, () -> {
        String result = hold.work();
        firstDone.set(true);
        return result;
      });
      hold.awaitEntered(patience());
      // maxWait = "20s": the second call waits for the lock instead of giving up.
      Task<PostError, String> waiting =
          second.service.post(scope, account, () -> firstDone.get() ? "second posting, after the first" : "overlapped");

      hold.release();
      assertThat(posting.join()).isEqualTo(Result.ok("first posting"));
      assertThat(waiting.join()).isEqualTo(Result.ok("second posting, after the first"));
    }
  }

  @Test
  void theLockIsFreeForOthersOnceItsTtlRunsOutThoughItsHolderStillWorks() throws Exception {
    String job = unique("nightly");
    Hold hold = new Hold("ran long");

    try (Scope scope = Scope.open("first-instance")) {
      Task<RunJobError, String> running = first.service.runJob(scope, job, hold::work);
      hold.awaitEntered(patience());
      assertThat(second.service.runJob(job, () -> "too early"))
          .isEqualTo(Result.err(new RunJobError.LockUnavailable("job:" + job)));

      // ttl = "3s": the holder's lease expires while its work still runs.
      await()
          .atMost(patience())
          .pollInterval(Duration.ofMillis(100))
          .until(() -> second.service.runJob(job, () -> "took over"), Result.ok("took over")::equals);

      hold.release();
      assertThat(running.join()).as("the holder's own result stands").isEqualTo(Result.ok("ran long"));
    }
  }

  @Test
  void aMinimumHoldKeepsTheLockFromTheOtherInstanceAfterAFastRun() {
    String job = unique("settle");
    long before = System.nanoTime();
    assertThat(first.service.tick(job, () -> "ran")).isEqualTo(Result.ok("ran"));
    Result<ScopedOrderDesk.TickError, String> again = second.service.tick(job, () -> "ran again");
    if (Duration.ofNanos(System.nanoTime() - before).compareTo(Duration.ofMillis(900)) < 0) {
      assertThat(again.errorIfAny()).get().isInstanceOf(ScopedOrderDesk.TickError.LockUnavailable.class);
    }
    await().atMost(patience()).pollInterval(Duration.ofMillis(20))
        .until(() -> second.service.tick(job, () -> "next run") instanceof Result.Ok);
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void aCallOverTheLimitWaitsForAPermitAcrossInstances() {
    String symbol = unique("ACME");
    assertThat(first.service.quote(symbol)).isEqualTo(Result.ok("quote " + symbol));
    long before = System.nanoTime();
    assertThat(second.service.quote(symbol)).isEqualTo(Result.ok("quote " + symbol));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void callsOverTheLimitAreRateLimitedPerResolvedKeyAcrossInstances() {
    User ada = new User(unique("ada"));

    assertThat(first.service.search(ada, "lamps")).isEqualTo(Result.ok("lamps for " + ada.id()));
    assertThat(second.service.search(ada, "tables")).isEqualTo(Result.ok("tables for " + ada.id()));
    for (Instance instance : new Instance[] {first, second}) {
      Result<SearchError, String> refused = instance.service.search(ada, "chairs");
      assertThat(refused.errorIfAny()).get().isInstanceOfSatisfying(SearchError.RateLimited.class, limited ->
          assertThat(limited.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    }
    assertThat(first.desk.searches.get() + second.desk.searches.get())
        .as("refused calls never reach the implementation")
        .isEqualTo(2);

    User grace = new User(unique("grace"));
    assertThat(second.service.search(grace, "chairs"))
        .as("another user's key has its own count")
        .isEqualTo(Result.ok("chairs for " + grace.id()));
  }

  @Test
  void aSharedBreakerOpenedThroughOneInstanceIsSeenOpenByTheOther() throws Exception {
    assertThat(second.service.pay("o-1")).isEqualTo(Result.ok("paid o-1"));

    first.desk.providerDown = true;
    for (int i = 0; i < 2; i++) {
      assertThat(first.service.pay("o-2").errorIfAny()).get().isInstanceOf(PayError.Io.class);
    }
    assertThat(first.service.pay("o-2")).isEqualTo(Result.err(new PayError.CircuitOpen("payments")));

    assertThat(secondHeardPaymentsOpen.await(patience().toMillis(), TimeUnit.MILLISECONDS))
        .as("the second instance learns from the store that the breaker opened")
        .isTrue();
    assertThat(second.service.pay("o-3")).isEqualTo(Result.err(new PayError.CircuitOpen("payments")));
    assertThat(second.desk.payments.get())
        .as("the second instance refused without calling its provider, having never failed itself")
        .isEqualTo(1);
  }

  @Test
  void distinctArgumentsTakeDistinctLocks() {
    String a = unique("a");
    // Pairs that shared one key before values were encoded: each is taken while all before it are held.
    List<List<String>> pairs = List.of(
        Arrays.asList(a + "1:2", "3"), Arrays.asList(a + "1", "2:3"),
        Arrays.asList(a + "x", null), Arrays.asList(a + "x", "null"),
        Arrays.asList(a + "s\uD800", "x"), Arrays.asList(a + "s\uDBFF", "x"), Arrays.asList(a + "s?", "x"),
        Arrays.asList(a + "}", "x"), Arrays.asList(a + "%7D", "x"));
    List<Result<LockPairError, String>> held = new ArrayList<>();
    List<Result<LockPairError, String>> again = new ArrayList<>();

    holdAll(pairs, 0, held, () -> again.add(first.service.lockPair(a + "1:2", "3", () -> "same pair")));

    assertThat(held).hasSize(pairs.size()).allSatisfy(result -> assertThat(result.isOk()).isTrue());
    assertThat(again).containsExactly(Result.err(new LockPairError.LockUnavailable("pair:" + a + "1%3A2:3")));
  }

  /** Takes the lock of {@code pairs[i]}, alternating instances, and within it the rest; then {@code innermost}. */
  private void holdAll(List<List<String>> pairs, int i, List<Result<LockPairError, String>> held, Runnable innermost) {
    if (i == pairs.size()) {
      innermost.run();
      return;
    }
    Instance instance = i % 2 == 0 ? first : second;
    held.add(instance.service.lockPair(pairs.get(i).get(0), pairs.get(i).get(1), () -> {
      holdAll(pairs, i + 1, held, innermost);
      return "held";
    }));
  }

  @Test
  void distinctArgumentsHaveDistinctRateLimitCounts() {
    String a = unique("a");

    assertThat(first.service.countPair(a + "1:2", "3")).isEqualTo(Result.ok("counted"));
    assertThat(second.service.countPair(a + "1", "2:3")).isEqualTo(Result.ok("counted"));
    assertThat(second.service.countPair(a + "x", null)).isEqualTo(Result.ok("counted"));
    assertThat(first.service.countPair(a + "x", "null")).isEqualTo(Result.ok("counted"));
    assertThat(first.service.countPair(a + "s\uD800", "x")).isEqualTo(Result.ok("counted"));
    assertThat(second.service.countPair(a + "s\uDBFF", "x")).isEqualTo(Result.ok("counted"));

    assertThat(second.service.countPair(a + "1:2", "3").errorIfAny()).get()
        .as("the same pair's count is shared across instances")
        .isInstanceOf(CountPairError.RateLimited.class);
  }

  @Test
  void aKeyNoStoreTakesFailsTheCallWithAValueInsteadOfThrowing() {
    AtomicBoolean ran = new AtomicBoolean();

    Result<LockNamedError, String> locked = first.service.lockNamed("", () -> {
      ran.set(true);
      return "ran";
    });
    Result<CountNamedError, String> counted = second.service.countNamed("");

    assertThat(locked.errorIfAny()).get().isInstanceOfSatisfying(LockNamedError.Unexpected.class, unexpected ->
        assertThat(unexpected.cause()).isInstanceOf(StoreException.class).hasMessageContaining("must not be empty"));
    assertThat(counted.errorIfAny()).get().isInstanceOfSatisfying(CountNamedError.Unexpected.class, unexpected ->
        assertThat(unexpected.cause()).isInstanceOf(StoreException.class).hasMessageContaining("must not be empty"));
    assertThat(ran).as("a refused lock runs nothing").isFalse();
  }

  @Test
  void aKeyLongerThanSomeStoresHoldIsTakenOrAFailureValueNeverAThrow() {
    String name = unique("k".repeat(300));

    Result<LockNamedError, String> locked = first.service.lockNamed(name, () -> "ran");
    Result<CountNamedError, String> counted = first.service.countNamed(name);

    // The SQL stores hold keys of at most 255 characters; Redis and the in-memory stores take more.
    assertThat(locked).satisfiesAnyOf(
        result -> assertThat(result).isEqualTo(Result.ok("ran")),
        result -> assertThat(result.errorIfAny()).get().isInstanceOfSatisfying(LockNamedError.Unexpected.class,
            unexpected -> assertThat(unexpected.cause()).isInstanceOf(StoreException.class)));
    assertThat(counted).satisfiesAnyOf(
        result -> assertThat(result).isEqualTo(Result.ok("counted")),
        result -> assertThat(result.errorIfAny()).get().isInstanceOfSatisfying(CountNamedError.Unexpected.class,
            unexpected -> assertThat(unexpected.cause()).isInstanceOf(StoreException.class)));
  }

  /** One instance of the application: its implementation and the generated service on its runtime. */
  private static final class Instance {
    final Desk desk = new Desk();
    final ScopedOrderDesk service;

    Instance(ScopeRuntime.Builder runtime) {
      service = ScopedOrderDesk.of(desk, runtime.build());
    }
  }
}
