package io.gogoscope.policy;

import io.gogoscope.CircuitState;
import io.gogoscope.TimeSource;
import io.gogoscope.policy.CircuitPhase.Closed;
import io.gogoscope.policy.CircuitPhase.ForcedClosed;
import io.gogoscope.policy.CircuitPhase.ForcedOpen;
import io.gogoscope.policy.CircuitPhase.HalfOpen;
import io.gogoscope.policy.CircuitPhase.Open;
import io.gogoscope.store.CircuitSnapshot;
import io.gogoscope.store.CircuitStateStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops calling a failing dependency for a while. Closed: calls pass and outcomes are recorded in a
 * sliding window of the last {@code windowSize} calls; when the window holds
 * {@code failureThreshold} failures (or, with a ratio, at least {@code minimumCalls} calls of which
 * {@code failures >= failureRatio * calls}) it opens. Open: calls are refused at once until
 * {@code resetTimeout} has passed, then it half-opens. Half-open: up to {@code halfOpenPermits}
 * trial calls pass at a time; {@code successThreshold} successes close it (with an empty window),
 * one failure opens it again.
 *
 * <p>Outcomes count in the state they arrive in, whenever their call was let through: a
 * report that arrives while open is ignored, one that arrives while half-open counts as a trial
 * (freeing a trial permit if one is out), one that arrives while closed goes to the window.
 *
 * <p>Get instances from {@link io.gogoscope.ScopeRuntime#circuitBreaker(String, CircuitBreaker.Config)}:
 * one per name per runtime, so every caller of a dependency shares one breaker. With
 * {@link Config#shared() shared} state, transitions are published to the runtime's
 * {@link io.gogoscope.store.CircuitStateStore}: open in one instance, open in all.
 *
 * <p>Thread-safe. A closed breaker takes no lock: asking permission is one volatile read, and
 * recording an outcome is a few atomic operations on a ring of outcomes. Transitions take a small
 * lock; listeners hear them afterwards, outside it.
 */
public final class CircuitBreaker {
  private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

  private final String name;
  private final Config config;
  private final TimeSource time;
  private final long resetNanos;
  private final CircuitStateStore store; // null unless the config is shared
  private final StateListeners listeners;
  private final ReentrantLock transitions = new ReentrantLock();
  private volatile CircuitPhase phase;
  /** When the breaker entered its state (for {@link #status()}); written under the transitions lock. */
  private volatile Instant since;
  private long version; // guarded by transitions: the newest shared snapshot known here

  private CircuitBreaker(String name, Config config, TimeSource time, CircuitStateStore store) {
    this.name = name;
    this.config = config;
    this.time = time;
    this.resetNanos = config.resetTimeout().toNanos();
    this.store = store;
    this.listeners = new StateListeners(name);
    this.phase = new Closed(config.windowSize());
    this.since = time.now();
  }

  /**
   * Creates a breaker. This is the runtime's factory: applications get breakers from
   * {@link io.gogoscope.ScopeRuntime#circuitBreaker(String, Config)}, which keeps one per name;
   * call this directly only for a breaker of your own outside any runtime.
   *
   * <p>With a {@link Config#shared() shared} config the breaker first adopts the state published
   * in {@code store} (if any, notifying listeners of the change from closed), then follows every
   * state published there and publishes its own transitions to closed and to open. Half-opening is
   * not published: every instance derives it from the open state's time.
   *
   * @param name the breaker's name, also its key in {@code store}
   * @param config its configuration
   * @param timeSource where it reads time (reset timeouts)
   * @param store the shared-state store; required when {@code config.shared()}, ignored otherwise
   *     (so a runtime may always pass its store), may be {@code null} then
   * @param observer hears every transition before any listener added later (the runtime passes
   *     its observer's {@code circuitStateChanged}); {@code null} for none
   * @throws IllegalArgumentException when the name is blank or a shared config has no store
   */
  public static CircuitBreaker create(
      String name,
      Config config,
      TimeSource timeSource,
      CircuitStateStore store,
      StateListener observer) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "circuit breaker name is " + (name == null ? "null" : "blank")
              + "; name the dependency it protects, e.g. \"payments\"");
    }
    Objects.requireNonNull(config, "config is null; pass e.g. CircuitBreaker.Config.failureThreshold(5, 20, Duration.ofSeconds(30))");
    Objects.requireNonNull(timeSource, "timeSource is null; pass TimeSource.system()");
    if (config.shared() && store == null) {
      throw new IllegalArgumentException(
          "circuit breaker '" + name + "' is configured as shared but no CircuitStateStore was "
              + "given; pass the runtime's store, or use config.withShared(false)");
    }
    CircuitBreaker breaker = new CircuitBreaker(name, config, timeSource, config.shared() ? store : null);
    if (observer != null) {
      breaker.listeners.add(observer);
    }
    if (breaker.store != null) {
      breaker.connect();
    }
    return breaker;
  }

  /**
   * Subscribes before reading, so no publish between the two is missed (versions drop repeats). A
   * store that is down leaves the breaker working on its local state, and logged.
   */
  private void connect() {
    try {
      // The subscription lasts as long as the breaker, which lives as long as its runtime; the
      // handle is not kept because nothing ever closes a breaker.
      store.subscribe(name, this::follow);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "circuit breaker '" + name + "': could not subscribe to " + store
          + "; this instance will not follow transitions of other instances", e);
    }
    try {
      store.read(name).ifPresent(this::follow);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "circuit breaker '" + name + "': could not read its shared state from "
          + store + "; starting closed", e);
    }
  }

  /** The breaker's name. */
  public String name() {
    return name;
  }

  /** Its configuration. */
  public Config config() {
    return config;
  }

  /**
   * The current state. An open breaker whose reset timeout has passed half-opens when read (its
   * listeners hear the transition then), so it reads as half-open.
   */
  public CircuitState state() {
    CircuitPhase p = phase;
    if (p instanceof Open open && resetPassed(open)) {
      moveFrom(open, new HalfOpen());
      p = phase;
    }
    return p.state;
  }

  /** The state without the lazy half-opening of {@link #state()} (for tests of the machine). */
  CircuitState phaseState() {
    return phase.state;
  }

  /** How long until an open breaker half-opens; zero when it is not open. */
  public Duration retryAfter() {
    if (phase instanceof Open open) {
      long left = resetNanos - (time.nanoTime() - open.sinceNanos);
      return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
    return Duration.ZERO;
  }

  /**
   * Asks to make a call: {@code true} lets it through (the caller must then report
   * {@link #onSuccess()}, {@link #onFailure()} or {@link #releasePermission()}), {@code false}
   * refuses it.
   */
  public boolean tryAcquirePermission() {
    CircuitPhase p = phase;
    if (p instanceof Closed) {
      return true;
    }
    return tryAcquireSlow(p);
  }

  private boolean tryAcquireSlow(CircuitPhase p) {
    while (true) {
      switch (p) {
        case Closed closed -> {
          return true;
        }
        case HalfOpen halfOpen -> {
          return halfOpen.tryTake(config.halfOpenPermits());
        }
        case ForcedClosed forcedClosed -> {
          return true;
        }
        case ForcedOpen forcedOpen -> {
          return false;
        }
        case Open open -> {
          if (!resetPassed(open)) {
            return false;
          }
          moveFrom(open, new HalfOpen());
          p = phase;
        }
      }
    }
  }

  private boolean resetPassed(Open open) {
    return time.nanoTime() - open.sinceNanos >= resetNanos;
  }

  /** Records a permitted call that succeeded. */
  public void onSuccess() {
    // The closed case first, without the pattern switch's type dispatch: it is every guarded
    // call's success path, and a small one lets C2 inline the whole call (zero bytes per call).
    if (phase instanceof Closed closed) {
      recordClosed(closed, false);
      return;
    }
    onSuccessSlow();
  }

  private void onSuccessSlow() {
    switch (phase) {
      case Closed closed -> recordClosed(closed, false);
      case HalfOpen halfOpen -> {
        halfOpen.giveBack();
        if (halfOpen.succeeded() >= config.successThreshold()) {
          moveFrom(halfOpen, new Closed(config.windowSize()));
        }
      }
      case Open open -> {
        // Let through before the breaker opened: nothing to learn now.
      }
      case ForcedOpen forced -> {
        // Held by an operator: outcomes change nothing.
      }
      case ForcedClosed forced -> {
        // Held by an operator: outcomes change nothing.
      }
    }
  }

  /** Records a permitted call that failed. */
  public void onFailure() {
    switch (phase) {
      case Closed closed -> recordClosed(closed, true);
      case HalfOpen halfOpen -> {
        halfOpen.giveBack();
        moveFrom(halfOpen, new Open(time.nanoTime()));
      }
      case Open open -> {
        // Let through before the breaker opened: it is open already.
      }
      case ForcedOpen forced -> {
        // Held by an operator: outcomes change nothing.
      }
      case ForcedClosed forced -> {
        // Held by an operator: outcomes change nothing.
      }
    }
  }

  private void recordClosed(Closed closed, boolean failure) {
    long counts = closed.window.record(failure);
    int failures = OutcomeWindow.failures(counts);
    // A window without failures opens nothing (a zero ratio needs a threshold of at least 1), so
    // the healthy path ends at the first test and stays small enough to inline (see onSuccess).
    if (failures != 0 && config.opensAt(failures, OutcomeWindow.calls(counts))) {
      moveFrom(closed, new Open(time.nanoTime()));
    }
  }

  /** Returns a permit without recording an outcome (the call was not made after all). */
  public void releasePermission() {
    if (phase instanceof HalfOpen halfOpen) {
      halfOpen.giveBack();
    }
  }

  /**
   * Adds a listener for state changes; closing the handle removes it. Each transition reaches each
   * listener exactly once, in the order the transitions happened, outside any lock of the breaker
   * (possibly on another thread that is delivering at the time). A listener that throws is logged
   * through {@link System.Logger} and does not keep the others from hearing the transition.
   */
  public AutoCloseable onStateChange(StateListener listener) {
    return listeners.add(Objects.requireNonNull(listener, "listener is null"));
  }

  /** Installs {@code next} if the breaker is still in {@code expected}; publishes and notifies. */
  private void moveFrom(CircuitPhase expected, CircuitPhase next) {
    CircuitSnapshot published = null;
    transitions.lock();
    try {
      if (phase != expected) {
        return; // another thread made this transition (or a different one) first
      }
      phase = next;
      since = time.now();
      listeners.enqueue(expected.state, next.state);
      if (store != null && next.state != CircuitState.HALF_OPEN) {
        published = new CircuitSnapshot(next.state, time.now(), ++version);
      }
    } finally {
      transitions.unlock();
    }
    if (published != null) {
      publish(published);
    }
    listeners.deliver();
  }

  private void publish(CircuitSnapshot snapshot) {
    try {
      if (!store.publish(name, snapshot)) {
        // Another instance published the same or a newer version first: its state is the
        // circuit's, so take it even at an equal version (ours lost the race).
        store.read(name).ifPresent(stored -> follow(stored, true));
      }
    } catch (RuntimeException e) {
      // The store is down or failing: this instance keeps protecting itself with its local state;
      // the others will not see this transition. Logged, not lost.
      LOG.log(Level.WARNING, "circuit breaker '" + name + "': could not publish " + snapshot
          + " to " + store + "; other instances will not see this transition", e);
    }
  }

  /** Takes a state published by any instance (its own repeats are dropped by version). */
  private void follow(CircuitSnapshot snapshot) {
    follow(snapshot, false);
  }

  private void follow(CircuitSnapshot snapshot, boolean adoptEqualVersion) {
    transitions.lock();
    try {
      long v = snapshot.version();
      if (v < version || (v == version && !adoptEqualVersion)) {
        return;
      }
      version = v;
      CircuitPhase current = phase;
      CircuitPhase next =
          switch (snapshot.state()) {
            case OPEN -> new Open(localNanosAt(snapshot.since()));
            case HALF_OPEN -> current instanceof HalfOpen ? current : new HalfOpen();
            case CLOSED -> current instanceof Closed ? current : new Closed(config.windowSize());
            case FORCED_OPEN -> current instanceof ForcedOpen ? current : new ForcedOpen();
            case FORCED_CLOSED -> current instanceof ForcedClosed ? current : new ForcedClosed();
          };
      phase = next;
      if (current.state != next.state) {
        since = snapshot.since();
        listeners.enqueue(current.state, next.state);
      }
    } finally {
      transitions.unlock();
    }
    listeners.deliver();
  }

  /**
   * Maps a wall-clock instant from another instance to this one's monotonic clock, so an open
   * circuit half-opens one reset timeout after it opened anywhere. An instant in the future (clock
   * skew) counts as now.
   */
  private long localNanosAt(Instant since) {
    long now = time.nanoTime();
    Duration ago = Duration.between(since, time.now());
    if (ago.isNegative()) {
      return now;
    }
    // Anything at least one reset timeout ago is equally expired; capping keeps the sum in range.
    return now - (ago.compareTo(config.resetTimeout()) >= 0 ? resetNanos : ago.toNanos());
  }

  // ---------------------------------------------------------------------------------------------
  // Maintenance: what an operator (an admin page, a health endpoint's actions) does to a breaker.

  /**
   * Holds the breaker open: every call is refused ({@code CircuitOpen}) until {@link #forceClosed}
   * or {@link #reset}. On a shared breaker the state is published to the store with a version above
   * the stored one, so every instance follows.
   *
   * @throws io.gogoscope.store.StoreException when a shared breaker's store fails; this instance is
   *     forced open all the same, the others may not have heard
   */
  public void forceOpen() {
    force(new ForcedOpen());
  }

  /**
   * Holds the breaker closed: every call passes and no outcome is counted, until
   * {@link #forceOpen} or {@link #reset}. Shared as {@link #forceOpen} is.
   */
  public void forceClosed() {
    force(new ForcedClosed());
  }

  /**
   * Closes the breaker with an empty window, whatever its state (also ending a forced state).
   * Shared as {@link #forceOpen} is; other instances close, keeping their own window if they were
   * closed already.
   */
  public void reset() {
    force(new Closed(config.windowSize()));
  }

  /** Installs {@code next} whatever the current phase; a shared breaker publishes it to win. */
  private void force(CircuitPhase next) {
    long stored = 0;
    if (store != null) {
      stored = store.read(name).map(CircuitSnapshot::version).orElse(0L);
    }
    for (int tries = 0; ; tries++) {
      CircuitSnapshot published = null;
      transitions.lock();
      try {
        CircuitPhase current = phase;
        phase = next;
        since = time.now();
        if (current.state != next.state) {
          listeners.enqueue(current.state, next.state);
        }
        if (store != null) {
          version = Math.max(version, stored) + 1;
          published = new CircuitSnapshot(next.state, since, version);
        }
      } finally {
        transitions.unlock();
      }
      listeners.deliver();
      if (published == null || store.publish(name, published) || tries == 4) {
        return;
      }
      // Another instance published a newer version meanwhile: an operator's action goes above it.
      stored = store.read(name).map(CircuitSnapshot::version).orElse(0L);
    }
  }

  /** What a health endpoint or an admin page shows of this breaker. */
  public Status status() {
    CircuitState state = state();
    CircuitPhase p = phase;
    int failures = 0;
    int calls = 0;
    if (p instanceof Closed closed) {
      long counts = closed.window.counts();
      failures = OutcomeWindow.failures(counts);
      calls = OutcomeWindow.calls(counts);
    }
    return new Status(name, state, since, failures, calls, config);
  }

  /**
   * A breaker as seen at one moment.
   *
   * @param name its name
   * @param state its state
   * @param since when it entered that state (from another instance's clock when it followed a
   *     shared transition)
   * @param failures failures in its window (closed only, else 0)
   * @param calls calls in its window (closed only, else 0)
   * @param config its configuration, overrides applied
   */
  public record Status(String name, CircuitState state, Instant since, int failures, int calls, Config config) {}

  @Override
  public String toString() {
    return "CircuitBreaker[" + name + ", " + phase.state + "]";
  }

  /**
   * Which exceptions of a guarded call a breaker counts as failures, MicroProfile Fault Tolerance's
   * {@code failOn} / {@code skipOn}: an exception of a {@code skipOn} type counts as a success
   * (whatever {@code failOn} says: skipOn wins); else one of a {@code failOn} type counts as a
   * failure; else it counts as a success. The call's result is not changed: a skipped exception is
   * still returned as its error. Immutable; {@link #ALL} counts every exception.
   *
   * <pre>{@code
   * Guard.builder("payments")
   *     .circuitBreaker(breaker, CircuitBreaker.Counted.ALL.skipOn(CardDeclinedException.class))
   * }</pre>
   *
   * <p>What else a {@link io.gogoscope.Guard} reports to its breaker: an attempt that ran past its
   * own attempt timeout is a failure; an attempt that was cancelled, interrupted, stopped by an
   * overall timeout or a scope's deadline, or refused by a full bulkhead gives its permit back
   * without an outcome. Rate limits and held locks are judged before the breaker is asked, so they
   * never reach it.
   */
  public static final class Counted {
    /** Every exception is a failure (the default). */
    public static final Counted ALL = new Counted(List.of(Exception.class), List.of());

    private final Class<?>[] failOn;
    private final Class<?>[] skipOn;

    private Counted(List<Class<? extends Exception>> failOn, List<Class<? extends Exception>> skipOn) {
      this.failOn = failOn.toArray(new Class<?>[0]);
      this.skipOn = skipOn.toArray(new Class<?>[0]);
    }

    /** Counts only exceptions of these types (and their subtypes) as failures; others as successes. */
    @SafeVarargs
    public static Counted failOn(Class<? extends Exception>... types) {
      return new Counted(types("failOn", types), List.of());
    }

    /** This classification, with exceptions of these types (and subtypes) counted as successes. */
    @SafeVarargs
    public final Counted skipOn(Class<? extends Exception>... types) {
      List<Class<? extends Exception>> skipped = new ArrayList<>(skipOnTypes());
      skipped.addAll(types("skipOn", types));
      return new Counted(failOnTypes(), skipped);
    }

    /** The types counted as failures. */
    public List<Class<? extends Exception>> failOnTypes() {
      return asList(failOn);
    }

    /** The types counted as successes, whatever {@link #failOnTypes()} says. */
    public List<Class<? extends Exception>> skipOnTypes() {
      return asList(skipOn);
    }

    /** Whether the breaker counts {@code failure} as a failure ({@code false}: as a success). */
    public boolean isFailure(Throwable failure) {
      return !isInstanceOfAny(failure, skipOn) && isInstanceOfAny(failure, failOn);
    }

    private static boolean isInstanceOfAny(Throwable failure, Class<?>[] types) {
      for (Class<?> type : types) {
        if (type.isInstance(failure)) {
          return true;
        }
      }
      return false;
    }

    @SuppressWarnings("unchecked") // only Class<? extends Exception> go in
    private static List<Class<? extends Exception>> asList(Class<?>[] types) {
      List<Class<? extends Exception>> list = new ArrayList<>();
      for (Class<?> type : types) {
        list.add((Class<? extends Exception>) type);
      }
      return List.copyOf(list);
    }

    private static List<Class<? extends Exception>> types(String what, Class<? extends Exception>[] types) {
      if (types == null || types.length == 0) {
        throw new IllegalArgumentException(
            what + "() was given no types; name at least one exception class, e.g. "
                + what + "(IOException.class)");
      }
      List<Class<? extends Exception>> list = new ArrayList<>();
      for (Class<? extends Exception> type : types) {
        list.add(Objects.requireNonNull(type, () -> what + "() was given a null type; remove it"));
      }
      return list;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Counted that
          && Arrays.equals(failOn, that.failOn) && Arrays.equals(skipOn, that.skipOn);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(failOn) + Arrays.hashCode(skipOn);
    }

    @Override
    public String toString() {
      return "Counted[failOn=" + failOnTypes() + ", skipOn=" + skipOnTypes() + "]";
    }
  }

  /** Hears state changes. */
  @FunctionalInterface
  public interface StateListener {
    /** Breaker {@code name} moved from {@code from} to {@code to}. */
    void changed(String name, CircuitState from, CircuitState to);
  }

  /**
   * A circuit breaker's configuration. Start from one of the named factories, one per way of
   * judging the window: {@link #consecutiveFailures} (n in a row), {@link #failureThreshold} (n of
   * the last m calls, {@code @CircuitBreaker}'s meaning) or {@link #failureRatio} (a share of the
   * last m calls), and adjust with the {@code with…} methods.
   *
   * @param failureThreshold failures in the window that open the breaker (used when
   *     {@code failureRatio} is 0; then between 1 and {@code windowSize})
   * @param failureRatio share of failures in the window, in (0, 1], that opens it; 0 to count
   *     instead
   * @param minimumCalls calls the window must hold before a ratio is judged (used when
   *     {@code failureRatio} is above 0; then between 1 and {@code windowSize})
   * @param windowSize how many of the most recent calls the window holds
   * @param resetTimeout how long it stays open before half-opening
   * @param halfOpenPermits trial calls let through at a time while half-open
   * @param successThreshold successes while half-open that close it
   * @param shared whether state transitions go through the runtime's circuit-state store
   */
  public record Config(
      int failureThreshold,
      double failureRatio,
      int minimumCalls,
      int windowSize,
      Duration resetTimeout,
      int halfOpenPermits,
      int successThreshold,
      boolean shared) {

    /**
     * The largest {@code windowSize}: the window keeps a slot per call (4 bytes each, allocated
     * with the breaker), and a breaker that judges the last hundred thousand calls is too slow to
     * protect anything.
     */
    public static final int MAX_WINDOW_SIZE = 100_000;

    /**
     * Checks every value and says which is wrong.
     *
     * @throws IllegalArgumentException naming the value at fault and what to give instead
     */
    public Config {
      if (windowSize < 1 || windowSize > MAX_WINDOW_SIZE) {
        throw new IllegalArgumentException(
            "windowSize is " + windowSize + "; the window must hold between 1 and " + MAX_WINDOW_SIZE
                + " calls (it keeps one slot per call; a longer window would react to a failing"
                + " dependency only after that many calls)");
      }
      if (!(failureRatio >= 0 && failureRatio <= 1)) {
        throw new IllegalArgumentException(
            "failureRatio is " + failureRatio + "; give a share of failures in (0, 1], e.g. 0.5, "
                + "or 0 to open on a failure count instead");
      }
      if (failureRatio == 0 && (failureThreshold < 1 || failureThreshold > windowSize)) {
        throw new IllegalArgumentException(
            "failureThreshold is " + failureThreshold + " with a window of " + windowSize
                + " calls; give between 1 and windowSize failures (or raise windowSize)");
      }
      if ((failureRatio == 0 && minimumCalls < 0) || (failureRatio > 0 && failureThreshold < 0)) {
        throw new IllegalArgumentException(
            "failureThreshold " + failureThreshold + " / minimumCalls " + minimumCalls
                + " is negative; give 0 for the one that is not used");
      }
      if (failureRatio > 0 && (minimumCalls < 1 || minimumCalls > windowSize)) {
        throw new IllegalArgumentException(
            "minimumCalls is " + minimumCalls + " with a window of " + windowSize
                + " calls; give between 1 and windowSize calls to judge the ratio on (or raise windowSize)");
      }
      if (resetTimeout == null || !resetTimeout.isPositive()) {
        throw new IllegalArgumentException(
            "resetTimeout is " + resetTimeout + "; give how long to stay open, more than zero, "
                + "e.g. Duration.ofSeconds(30)");
      }
      try {
        resetTimeout.toNanos();
      } catch (ArithmeticException tooLong) {
        throw new IllegalArgumentException(
            "resetTimeout " + resetTimeout + " is too long; give at most about 292 years", tooLong);
      }
      if (halfOpenPermits < 1) {
        throw new IllegalArgumentException(
            "halfOpenPermits is " + halfOpenPermits + "; let at least 1 trial call through while half-open");
      }
      if (successThreshold < 1) {
        throw new IllegalArgumentException(
            "successThreshold is " + successThreshold + "; at least 1 trial success must close the breaker");
      }
    }

    /**
     * Opens after {@code failures} failures in a row (the window holds exactly that many calls, so
     * one success among them keeps it closed); one trial call at a time while half-open, and one
     * success closes it.
     */
    public static Config consecutiveFailures(int failures, Duration resetTimeout) {
      return new Config(failures, 0, 0, Math.max(failures, 1), resetTimeout, 1, 1, false);
    }

    /**
     * Opens when {@code failureThreshold} of the last {@code windowSize} calls failed, whatever the
     * order (the meaning of {@code @CircuitBreaker(failureThreshold, windowSize)}); one trial call
     * at a time while half-open, and one success closes it.
     */
    public static Config failureThreshold(int failureThreshold, int windowSize, Duration resetTimeout) {
      return new Config(failureThreshold, 0, 0, windowSize, resetTimeout, 1, 1, false);
    }

    /**
     * Opens when at least {@code minimumCalls} of the last {@code windowSize} calls are recorded
     * and {@code failures >= failureRatio * calls}; one trial call at a time while half-open, and
     * one success closes it.
     */
    public static Config failureRatio(
        double failureRatio, int minimumCalls, int windowSize, Duration resetTimeout) {
      if (failureRatio == 0) {
        throw new IllegalArgumentException(
            "failureRatio is 0, which means \"count failures\"; use Config.consecutiveFailures(n, resetTimeout) or Config.failureThreshold(n, windowSize, resetTimeout)");
      }
      return new Config(0, failureRatio, minimumCalls, windowSize, resetTimeout, 1, 1, false);
    }

    /** This config with another window size (a count threshold may then be less than the window). */
    public Config withWindowSize(int windowSize) {
      return new Config(failureThreshold, failureRatio, minimumCalls, windowSize, resetTimeout,
          halfOpenPermits, successThreshold, shared);
    }

    /** This config with other half-open rules. */
    public Config withHalfOpen(int halfOpenPermits, int successThreshold) {
      return new Config(failureThreshold, failureRatio, minimumCalls, windowSize, resetTimeout,
          halfOpenPermits, successThreshold, shared);
    }

    /** This config, with state shared through the runtime's store or not. */
    public Config withShared(boolean shared) {
      return new Config(failureThreshold, failureRatio, minimumCalls, windowSize, resetTimeout,
          halfOpenPermits, successThreshold, shared);
    }

    /** Whether a closed window holding {@code calls} calls with {@code failures} failures opens. */
    boolean opensAt(int failures, int calls) {
      if (failureRatio == 0) {
        return failures >= failureThreshold;
      }
      return calls >= minimumCalls && failures >= failureRatio * calls;
    }
  }
}
