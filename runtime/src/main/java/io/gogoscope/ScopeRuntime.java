package io.gogoscope;

import io.gogoscope.config.ConfigSource;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.InMemoryCircuitStateStore;
import io.gogoscope.store.InMemoryLockProvider;
import io.gogoscope.store.InMemoryRateLimitStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.Stores;
import io.gogoscope.store.spi.RuntimeTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What scopes and generated code need from their surroundings: an observer (tracing and metrics),
 * the lock, rate-limit and circuit-state stores, a time source. {@link #defaults()} works with
 * nothing configured: no observation, in-memory stores, the system clock.
 *
 * <pre>{@code
 * ScopeRuntime runtime = ScopeRuntime.builder()
 *     .lockProvider(RedisStores.create(redisson).lockProvider())
 *     .build();
 * ScopedUserService users = ScopedUserService.of(new JdbcUserService(db), runtime);
 * }</pre>
 *
 * <p>Thread-safe. Circuit breakers are kept per name, so every generated method and hand-written
 * guard naming the same breaker shares its state. The in-memory stores of a runtime built without
 * stores are created on first use.
 */
public final class ScopeRuntime {
  private static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);

  private final ScopeObserver observer;
  private final TimeSource timeSource;
  private final TimeSource deadlineClock;
  private final Lazy<LockProvider> lockProvider;
  private final Lazy<RateLimitStore> rateLimitStore;
  private final Lazy<CircuitStateStore> circuitStateStore;
  private final Duration closeGrace;
  private final ConcurrentMap<String, Breaker> breakers = new ConcurrentHashMap<>();
  /** The latest guard built per name, for {@link #guards()}. */
  private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();
  private final Overrides overrides;
  private final ContextCarrier contextCarrier;
  private final boolean nameThreads;
  private final CircuitBreakers circuitBreakers = new CircuitBreakers(this::breakersByName);

  private ScopeRuntime(Builder builder) {
    this.observer = SafeObserver.wrap(ScopeObserver.compose(builder.observers));
    this.timeSource = builder.timeSource;
    this.deadlineClock = timeSource.drivesTimeouts() ? timeSource : null;
    this.lockProvider = builder.lockProvider != null
        ? Lazy.of(builder.lockProvider) : Lazy.of(() -> new InMemoryLockProvider(timeSource));
    this.rateLimitStore = builder.rateLimitStore != null
        ? Lazy.of(builder.rateLimitStore) : Lazy.of(() -> new InMemoryRateLimitStore(timeSource));
    this.circuitStateStore = builder.circuitStateStore != null
        ? Lazy.of(builder.circuitStateStore) : Lazy.of(InMemoryCircuitStateStore::new);
    this.closeGrace = builder.closeGrace;
    ConfigSource config = builder.config != null ? builder.config : ConfigSource.standard();
    ClassLoader loader = builder.classLoader != null ? builder.classLoader : defaultClassLoader();
    this.overrides = Overrides.load(config, () -> TaskIndex.load(loader), loader);
    this.contextCarrier = builder.propagateContext ? ContextCarrier.detect() : ContextCarrier.NONE;
    this.nameThreads = builder.nameThreads;
  }

  private static ClassLoader defaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ScopeRuntime.class.getClassLoader();
  }

  /** What carries the forking thread's ThreadLocals (MDC, …) into tasks. */
  ContextCarrier contextCarrier() {
    return contextCarrier;
  }

  /** The configuration overrides, applied by {@link Guard.Builder#build()}. */
  Overrides overrides() {
    return overrides;
  }

  /**
   * The shared default runtime: nothing observed, in-memory stores, system time, 10 s close grace,
   * configuration overrides from {@link ConfigSource#standard()}.
   *
   * @throws io.gogoscope.config.ConfigurationException when the standard sources hold an override
   *     that cannot be used (thrown on every call until it is fixed, not once as a class
   *     initialization error)
   */
  public static ScopeRuntime defaults() {
    ScopeRuntime runtime = defaultRuntime;
    if (runtime == null) {
      synchronized (ScopeRuntime.class) {
        runtime = defaultRuntime;
        if (runtime == null) {
          runtime = builder().build();
          defaultRuntime = runtime;
        }
      }
    }
    return runtime;
  }

  /**
   * Stops the threads gogoscope's runtime started in this class loader, the watchdog of call
   * timeouts, the timer of scope timeouts and the timer of {@link
   * io.gogoscope.store.WatchdogLockProvider}'s lease renewals (every {@link
   * io.gogoscope.store.spi.RuntimeTimer}), and waits up to {@code wait} for them to end. Call it
   * when an application is undeployed or stopped, after its scopes are closed and its calls have
   * returned: no gogoscope thread then holds the application's class loader. Scope timeouts still
   * pending are dropped, and leases still held stop being renewed (they expire after their TTL).
   *
   * <p>These threads are shared by every runtime of the class loader (so this is static), start on
   * first use, and start again if calls, scopes with timeouts or watched leases come after this: a
   * late call is still bounded, it just starts the thread anew. Task threads are virtual and end
   * with their tasks; stores that own threads or connections are closed by their owner.
   *
   * @return {@code true} when every thread ended within {@code wait}
   * @throws InterruptedException when interrupted while waiting
   */
  public static boolean shutdown(Duration wait) throws InterruptedException {
    Objects.requireNonNull(wait, "wait");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("shutdown wait must not be negative, got " + wait);
    }
    long deadline = System.nanoTime() + Durations.toNanos(wait);
    boolean watchdog = Watchdog.shutdown(deadline - System.nanoTime());
    boolean timers = RuntimeTimer.shutdownAll(deadline - System.nanoTime());
    return watchdog && timers;
  }

  /** Starts configuring a runtime; unset parts take the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The observer of scopes, tasks and policies ({@link ScopeObserver#NONE} when unobserved). The
   * configured observers are combined into one and shielded: an exception an observer throws is
   * dropped, never seen by the observed code.
   */
  public ScopeObserver observer() {
    return observer;
  }

  /** The time source of policy delays and windows. */
  public TimeSource timeSource() {
    return timeSource;
  }

  /**
   * The clock this runtime's timeouts and scope deadlines read and are fired by: its time source
   * when that {@linkplain TimeSource#drivesTimeouts drives timeouts}, else {@code null} (the real
   * monotonic clock, the watchdog and the scope timer).
   */
  TimeSource deadlineClock() {
    return deadlineClock;
  }

  /** The lock provider. */
  public LockProvider lockProvider() {
    return lockProvider.get();
  }

  /** The rate-limit store. */
  public RateLimitStore rateLimitStore() {
    return rateLimitStore.get();
  }

  /** The circuit-state store, used by breakers configured as shared. */
  public CircuitStateStore circuitStateStore() {
    return circuitStateStore.get();
  }

  /** How long {@link Scope#close()} waits for cancelled tasks before reporting them. */
  public Duration closeGrace() {
    return closeGrace;
  }

  /**
   * Whether task threads are named {@code <scope>-<task>-<index>} (see
   * {@link Builder#nameThreads(boolean)}); off by default.
   */
  public boolean namesThreads() {
    return nameThreads;
  }

  /** Starts configuring a scope on this runtime. */
  public Scope.Builder scope(String name) {
    return new Scope.Builder(name, this);
  }

  /** Starts configuring a guard on this runtime. */
  public Guard.Builder guard(String name) {
    return new Guard.Builder(name, this);
  }

  /**
   * The circuit breaker named {@code name}, created with {@code config} on first use. A later call
   * with a different configuration for the same name fails: two configurations of one breaker
   * would be a silent bug.
   *
   * @throws IllegalArgumentException when {@code name} exists with another configuration
   */
  public CircuitBreaker circuitBreaker(String name, CircuitBreaker.Config config) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Breaker breaker = breakers.get(name);
    if (breaker == null || !breaker.given().equals(config)) {
      breaker = breaker(name, config);
    }
    return breaker.breaker();
  }

  /** The breaker {@code name}, created with {@code given} as configuration overrides change it. */
  private Breaker breaker(String name, CircuitBreaker.Config given) {
    CircuitBreaker.Config config = overrides.breaker(name, given);
    Breaker breaker = breakers.computeIfAbsent(name, n -> new Breaker(given, config, createBreaker(n, config)));
    if (!breaker.config().equals(config)) {
      throw new IllegalArgumentException("circuit breaker '" + name + "' already exists with " + breaker.config()
          + "; it was asked for again with " + config + ". Use one configuration per name (or another name)");
    }
    return breaker;
  }

  private CircuitBreaker createBreaker(String name, CircuitBreaker.Config config) {
    return CircuitBreaker.create(name, config, timeSource,
        config.shared() ? circuitStateStore.get() : null,
        (breaker, from, to) -> {
          if (observer != ScopeObserver.NONE) {
            observer.circuitStateChanged(breaker, from, to);
          }
          circuitBreakers.changed(breaker, from, to);
        });
  }

  /**
   * The circuit breakers of this runtime, to list them, hear their transitions, and force them
   * open, closed or reset (through the store, for shared ones): see {@link CircuitBreakers}.
   */
  public CircuitBreakers circuitBreakers() {
    return circuitBreakers;
  }

  /**
   * The guards built on this runtime (generated code builds one per task when {@code ScopedX.of}
   * runs), the latest per name, sorted by name: what each task runs with, overrides applied (see
   * {@link Guard#policies()}). For admin pages and the Spring Boot starter's endpoint.
   */
  public List<Guard> guards() {
    return guards.values().stream().sorted(java.util.Comparator.comparing(Guard::name)).toList();
  }

  /** Keeps {@code guard} for {@link #guards()}. */
  void built(Guard guard) {
    guards.put(guard.name(), guard);
  }

  private java.util.Map<String, CircuitBreaker> breakersByName() {
    java.util.Map<String, CircuitBreaker> byName = new java.util.TreeMap<>();
    breakers.forEach((name, breaker) -> byName.put(name, breaker.breaker()));
    return byName;
  }

  /** A breaker, its configuration as asked for ({@code given}) and as overrides made it ({@code config}). */
  private record Breaker(CircuitBreaker.Config given, CircuitBreaker.Config config, CircuitBreaker breaker) {}

  /**
   * Built on first use rather than in a holder class: a bad override in the standard sources must
   * fail each call with its message, not once as an ExceptionInInitializerError and then as
   * NoClassDefFoundError.
   */
  private static volatile ScopeRuntime defaultRuntime;

  /** Configures a {@link ScopeRuntime}. */
  public static final class Builder {
    private final List<ScopeObserver> observers = new ArrayList<>();
    private TimeSource timeSource = TimeSource.system();
    private LockProvider lockProvider;
    private RateLimitStore rateLimitStore;
    private CircuitStateStore circuitStateStore;
    private Duration closeGrace = DEFAULT_CLOSE_GRACE;
    private ConfigSource config;
    private ClassLoader classLoader;
    private boolean propagateContext = true;
    private boolean nameThreads;

    private Builder() {}

    /**
     * Whether forked tasks carry the forking thread's {@code ThreadLocal}s: the SLF4J MDC and
     * every one registered with Micrometer's context-propagation {@code ContextRegistry} (Spring,
     * Reactor and Micrometer Tracing register theirs). On by default, and active only when
     * {@code io.micrometer:context-propagation} is on the class path (an optional dependency).
     */
    public Builder contextPropagation(boolean propagate) {
      this.propagateContext = propagate;
      return this;
    }

    /**
     * Whether each task's virtual thread is named {@code <scope>-<task>-<index>} (what thread dumps,
     * debuggers and log patterns with the thread name then show). Off by default: a virtual thread
     * is unnamed unless named, and building the name was a fifth of what a fork allocated. The
     * runtime's own messages (a close that timed out, a task that joined itself) name tasks the
     * same way either way, and {@link Task#name()} and {@link Task#index()} are always there.
     */
    public Builder nameThreads(boolean name) {
      this.nameThreads = name;
      return this;
    }

    /**
     * Reads configuration overrides from {@code source} (default {@link ConfigSource#standard()}:
     * system properties, environment variables and ServiceLoader-discovered sources). The source is
     * read and checked once, by {@link #build()}; to change settings later, build another runtime.
     * Pass {@link ConfigSource#none()} to run on the annotation values alone, or
     * {@code ConfigSource.composite(mine, ConfigSource.standard())} to add a source of your own.
     */
    public Builder config(ConfigSource source) {
      this.config = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Finds the processor's task index ({@code META-INF/gogoscope/tasks/}) through {@code loader}
     * (default: the thread's context class loader, else gogoscope's).
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Observes scopes, tasks and policies; call again to add more observers. */
    public Builder observer(ScopeObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * Traces scopes and tasks as OpenTelemetry spans through {@code openTelemetry}: shorthand for
     * {@code observer(OpenTelemetryObserver.create(openTelemetry))}. Needs opentelemetry-api on the
     * class path (an optional dependency of gogoscope); applications without it never load it.
     */
    public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry) {
      return observer(io.gogoscope.observe.otel.OpenTelemetryObserver.create(openTelemetry));
    }

    /**
     * Records gogoscope's metrics in {@code registry} under the prefix {@code goscope}: shorthand
     * for {@code observer(MicrometerObserver.create(registry))} (use the
     * {@link io.gogoscope.observe.micrometer.MicrometerObserver#builder builder} for another prefix
     * or name bound). Needs micrometer-core on the class path (an optional dependency of
     * gogoscope); applications without it never load it.
     */
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      return observer(io.gogoscope.observe.micrometer.MicrometerObserver.create(registry));
    }

    /**
     * Reads time and waits through {@code timeSource} (tests pass a controllable one): retry
     * delays, circuit-breaker reset timeouts, and the TTLs and windows of the in-memory stores
     * this runtime creates when none is given; when it {@linkplain TimeSource#drivesTimeouts drives
     * timeouts} (the test kit's virtual clock), also the guards' attempt and overall timeouts and
     * the scopes' timeouts and deadlines.
     */
    public Builder timeSource(TimeSource timeSource) {
      this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /** Takes locks from {@code provider}. */
    public Builder lockProvider(LockProvider provider) {
      this.lockProvider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Counts rate limits in {@code store}. */
    public Builder rateLimitStore(RateLimitStore store) {
      this.rateLimitStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Shares circuit state through {@code store}. */
    public Builder circuitStateStore(CircuitStateStore store) {
      this.circuitStateStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Takes locks, rate limits and circuit state from {@code stores}, the three stores of one
     * backend: shorthand for passing its three to {@link #lockProvider}, {@link #rateLimitStore}
     * and {@link #circuitStateStore}.
     */
    public Builder stores(Stores stores) {
      Objects.requireNonNull(stores, "stores");
      return lockProvider(stores.lockProvider())
          .rateLimitStore(stores.rateLimitStore())
          .circuitStateStore(stores.circuitStateStore());
    }

    /** How long closing scopes wait for cancelled tasks (default 10 s); zero or more. */
    public Builder closeGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("close grace must not be negative, got " + grace);
      }
      this.closeGrace = grace;
      return this;
    }

    /**
     * The configured runtime.
     *
     * @throws io.gogoscope.config.ConfigurationException when a configuration override names no
     *     known task, policy, breaker or setting, or gives a value out of range; the message names
     *     every such property, its source and what it accepts
     */
    public ScopeRuntime build() {
      return new ScopeRuntime(this);
    }
  }
}
