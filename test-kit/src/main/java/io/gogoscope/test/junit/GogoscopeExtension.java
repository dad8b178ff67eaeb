package io.gogoscope.test.junit;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.TimeSource;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.InMemoryCircuitStateStore;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.InMemoryRateLimitStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.Stores;
import io.gogoscope.test.VirtualClock;
import io.gogoscope.test.store.Faults;
import io.gogoscope.test.store.FaultyStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a {@link ScopeRuntime} of its own and fails the test if, when it ends, that
 * runtime still has <b>scopes open</b>, <b>tasks running</b>, <b>locks held</b> or <b>task threads
 * alive</b>, or a gogoscope platform thread was started and left running (an unclosed metrics
 * reporter, say). Leftovers get a grace period to finish first (1 s by default), because a
 * cancelled task ends a moment after its scope closes.
 *
 * <pre>{@code
 * @ExtendWith(GogoscopeExtension.class)
 * class OrderServiceTest {
 *   @Test
 *   void placesAnOrder(ScopeRuntime runtime, FaultyStores stores) {
 *     ScopedOrderService orders = ScopedOrderService.of(new OrderService(), runtime);
 *     stores.faults().failEvery(2);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Test methods (and constructors, and lifecycle methods after {@code @BeforeEach} callbacks)
 * may declare parameters of these types:
 * <ul>
 *   <li>{@link ScopeRuntime}: the test's runtime, observed by the leak checks, on in-memory stores
 *       wrapped with fault injection and on the test's time source;
 *   <li>{@link FaultyStores} and {@link Faults}: those stores and their faults, to switch on;
 *   <li>{@link VirtualClock}: the test's clock, when the extension was made
 *       {@link #withVirtualClock()} or {@link #withAutoAdvancingClock()} (registered with
 *       {@code @RegisterExtension}).
 * </ul>
 *
 * <p>Only the runtime it gives out is checked: scopes opened on {@link ScopeRuntime#defaults()}
 * or on a runtime the test builds itself are not seen: pass the injected runtime to the code under
 * test.
 */
public final class GogoscopeExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GogoscopeExtension.class);
  private static final Set<String> SHARED_THREADS =
      Set.of("gogoscope-watchdog", "gogoscope-scope-timer", "gogoscope-lease-watchdog");

  private enum Clock { REAL, VIRTUAL, AUTO_ADVANCING }

  private final Clock clock;
  private final Duration grace;

  /** Real time, 1 s grace: what {@code @ExtendWith(GogoscopeExtension.class)} gives. */
  public GogoscopeExtension() {
    this(Clock.REAL, Duration.ofSeconds(1));
  }

  private GogoscopeExtension(Clock clock, Duration grace) {
    this.clock = clock;
    this.grace = grace;
  }

  /**
   * This extension, with each test's runtime and stores on a fresh {@link VirtualClock#create()}
   * that the test moves with {@link VirtualClock#advance}.
   */
  public GogoscopeExtension withVirtualClock() {
    return new GogoscopeExtension(Clock.VIRTUAL, grace);
  }

  /**
   * This extension, with each test's runtime and stores on a fresh
   * {@link VirtualClock#autoAdvancing()}: retry delays and slow stores pass at once on the test's
   * own thread, and the clock records them.
   */
  public GogoscopeExtension withAutoAdvancingClock() {
    return new GogoscopeExtension(Clock.AUTO_ADVANCING, grace);
  }

  /** This extension, waiting up to {@code grace} (real time) for leftovers to end before failing. */
  public GogoscopeExtension withGrace(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    return new GogoscopeExtension(clock, grace);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    kit(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestKit kit = context.getStore(NAMESPACE).remove(TestKit.class, TestKit.class);
    if (kit == null) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    List<String> leaks;
    while (!(leaks = kit.leaks(Thread.currentThread())).isEmpty() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("the test left work behind on its gogoscope runtime (after a grace of " + grace + "):"
          + leaks.stream().map(leak -> System.lineSeparator() + "  - " + leak).collect(Collectors.joining()));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ScopeRuntime.class || type == FaultyStores.class || type == Faults.class
        || (type == VirtualClock.class && clock != Clock.REAL);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestKit kit = kit(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == ScopeRuntime.class) {
      return kit.runtime;
    } else if (type == FaultyStores.class) {
      return kit.stores;
    } else if (type == Faults.class) {
      return kit.stores.faults();
    } else if (type == VirtualClock.class) {
      return kit.time;
    }
    throw new ParameterResolutionException("GogoscopeExtension cannot supply a " + type.getName());
  }

  private TestKit kit(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestKit.class,
        k -> new TestKit(switch (clock) {
          case REAL -> TimeSource.system();
          case VIRTUAL -> VirtualClock.create();
          case AUTO_ADVANCING -> VirtualClock.autoAdvancing();
        }), TestKit.class);
  }

  /** One test's runtime, stores and trackers. */
  private static final class TestKit {
    final TimeSource time;
    final RuntimeTracker tracker = new RuntimeTracker();
    final TrackingLockProvider locks;
    final FaultyStores stores;
    final ScopeRuntime runtime;
    final Set<Thread> platformBefore = gogoscopeThreads();

    TestKit(TimeSource time) {
      this.time = time;
      this.locks = new TrackingLockProvider(new InMemoryLockProvider(time));
      RateLimitStore rates = new InMemoryRateLimitStore(time);
      CircuitStateStore circuits = new InMemoryCircuitStateStore();
      this.stores = FaultyStores.wrap(new Stores() {
        @Override
        public LockProvider lockProvider() {
          return locks;
        }

        @Override
        public RateLimitStore rateLimitStore() {
          return rates;
        }

        @Override
        public CircuitStateStore circuitStateStore() {
          return circuits;
        }
      }, new Faults(time));
      this.runtime = ScopeRuntime.builder().timeSource(time).stores(stores).observer(tracker).build();
    }

    List<String> leaks(Thread testThread) {
      List<String> leaks = new ArrayList<>();
      tracker.openScopes().forEach(scope -> leaks.add("scope '" + scope + "' is still open"));
      tracker.runningTasks().forEach(task -> leaks.add("task " + task + " is still running"));
      tracker.liveTaskThreads(testThread).forEach(thread -> leaks.add(thread + " is still alive"));
      locks.heldKeys().forEach(key -> leaks.add("lock " + key + " is still held"));
      for (Thread thread : gogoscopeThreads()) {
        if (!platformBefore.contains(thread)) {
          leaks.add("runtime thread '" + thread.getName() + "' is still alive (close what started it)");
        }
      }
      return leaks;
    }

    private static Set<Thread> gogoscopeThreads() {
      return Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("gogoscope-") && !SHARED_THREADS.contains(t.getName()) && t.isAlive())
          .collect(Collectors.toSet());
    }
  }
}
