package io.gogoscope.observe.micrometer;

import io.gogoscope.CircuitState;
import io.gogoscope.observe.ScopeInfo;
import io.gogoscope.observe.ScopeObservation;
import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.observe.TaskInfo;
import io.gogoscope.observe.TaskKind;
import io.gogoscope.observe.TaskObservation;
import io.gogoscope.observe.TaskObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Records go-go-scope's metrics in a Micrometer registry. With the default prefix {@code goscope}
 * a Prometheus registry renders them as:
 *
 * <table>
 *   <caption>Metrics</caption>
 *   <tr><th>Prometheus name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code goscope_tasks_spawned_total}</td><td>counter</td><td>task</td></tr>
 *   <tr><td>{@code goscope_tasks_completed_total}</td><td>counter (succeeded)</td><td>task</td></tr>
 *   <tr><td>{@code goscope_tasks_failed_total}</td><td>counter</td><td>task, reason</td></tr>
 *   <tr><td>{@code goscope_tasks_active}</td><td>gauge (tasks running now)</td><td></td></tr>
 *   <tr><td>{@code goscope_task_duration_seconds_bucket|_count|_sum|_max}</td>
 *       <td>timer with percentile histogram</td><td>task, outcome (success, failure)</td></tr>
 *   <tr><td>{@code goscope_task_retries_total}</td><td>counter (failed attempts retried)</td>
 *       <td>task, reason</td></tr>
 *   <tr><td>{@code goscope_resources_registered_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code goscope_resources_disposed_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code goscope_resources_disposal_failures_total}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code goscope_scope_duration_seconds_count|_sum|_max}</td><td>timer</td><td>scope</td></tr>
 *   <tr><td>{@code goscope_scopes_active}</td><td>gauge (scopes open now)</td><td></td></tr>
 *   <tr><td>{@code goscope_scope_close_timeouts_total}</td><td>counter</td><td>scope</td></tr>
 *   <tr><td>{@code goscope_circuit_state}</td><td>gauge: 0 closed, 1 half-open, 2 open</td><td>name</td></tr>
 *   <tr><td>{@code goscope_circuit_transitions_total}</td><td>counter</td><td>name, to</td></tr>
 *   <tr><td>{@code goscope_lock_outcomes_total}</td><td>counter</td>
 *       <td>name, outcome (acquired, unavailable, released, lost, error)</td></tr>
 *   <tr><td>{@code goscope_ratelimit_checks_total}</td><td>counter</td>
 *       <td>name, outcome (allowed, rejected)</td></tr>
 * </table>
 *
 * <p><b>Bounded cardinality.</b> The values of each name tag ({@code task}, {@code scope}, and the
 * {@code name} of breakers, locks and rate limits) are capped at {@link Builder#maxNames} distinct
 * values (default {@value #DEFAULT_MAX_NAMES}); later values are counted under {@code other}.
 * {@code reason} takes {@link io.gogoscope.ScopeError#kind()} values (seven today, capped at 16)
 * and {@code outcome} two. So the task duration histogram has at most
 * {@code maxNames × 2 × (buckets + 3)} series whatever the traffic.
 *
 * <p>Per task name and per scope name the meters are created once and cached; observing a task
 * allocates nothing.
 */
public final class MicrometerObserver implements ScopeObserver {
  /** The default metric name prefix, go-go-scope's. */
  public static final String DEFAULT_PREFIX = "goscope";

  /** The default bound on distinct values of each name tag. */
  public static final int DEFAULT_MAX_NAMES = 100;

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*(\\.[a-zA-Z0-9_]+)*");

  private final AtomicInteger activeTasks = new AtomicInteger();
  private final AtomicInteger activeScopes = new AtomicInteger();
  private final BoundedCache<TaskMeters> tasks;
  private final BoundedCache<ScopeMeters> scopes;
  private final BoundedCache<Counter> closeTimeouts;
  private final BoundedCache<CircuitMeters> circuits;
  private final BoundedCache<Counter[]> locks;
  private final BoundedCache<Counter[]> rateLimits;
  private final Counter resourcesRegistered;
  private final Counter resourcesDisposed;
  private final Counter disposalFailures;

  private MicrometerObserver(MeterRegistry registry, String prefix, int maxNames) {
    MeterFactory meters = new MeterFactory(registry, prefix);
    meters.gauge("tasks.active", "Tasks running now", activeTasks::get);
    meters.gauge("scopes.active", "Scopes open now", activeScopes::get);
    tasks = new BoundedCache<>(maxNames, task -> new TaskMeters(meters, task, activeTasks));
    scopes =
        new BoundedCache<>(maxNames, scope -> new ScopeMeters(meters.scopeTimer(scope), activeScopes));
    closeTimeouts =
        new BoundedCache<>(
            maxNames,
            scope ->
                meters.counter(
                    "scope.close.timeouts",
                    "Scopes whose tasks outlived the close grace",
                    "scope",
                    scope));
    circuits = new BoundedCache<>(maxNames, name -> new CircuitMeters(meters, name));
    locks = new BoundedCache<>(maxNames, name -> lockCounters(meters, name));
    rateLimits =
        new BoundedCache<>(
            maxNames,
            name ->
                new Counter[] {
                  rateLimitCounter(meters, name, "rejected"), rateLimitCounter(meters, name, "allowed")
                });
    resourcesRegistered =
        meters.counter("resources.registered", "Resources registered with scopes");
    resourcesDisposed = meters.counter("resources.disposed", "Resources disposed by scopes");
    disposalFailures =
        meters.counter("resources.disposal.failures", "Resource disposals that threw");
  }

  /** Records into {@code registry} under the prefix {@value #DEFAULT_PREFIX}. */
  public static MicrometerObserver create(MeterRegistry registry) {
    return builder(registry).build();
  }

  /** Starts configuring an observer that records into {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public ScopeObservation scopeOpened(ScopeInfo scope) {
    return scopes.get(scope.name()).opened();
  }

  @Override
  public TaskObservation taskStarted(TaskInfo task, ScopeObservation scope) {
    return tasks.get(task.name()).started();
  }

  /** The task name's meters, resolved once: each task then only counts and times. */
  @Override
  public TaskObserver taskObserver(TaskKind kind) {
    return tasks.get(kind.name());
  }

  @Override
  public void resourceRegistered(ScopeInfo scope) {
    resourcesRegistered.increment();
  }

  @Override
  public void resourceDisposed(ScopeInfo scope, Throwable failure) {
    resourcesDisposed.increment();
    if (failure != null) {
      disposalFailures.increment();
    }
  }

  @Override
  public void closeTimedOut(ScopeInfo scope, List<String> unfinishedTasks) {
    closeTimeouts.get(scope.name()).increment();
  }

  @Override
  public void circuitStateChanged(String name, CircuitState from, CircuitState to) {
    circuits.get(name).changed(to);
  }

  @Override
  public void lockOutcome(String name, LockOutcome outcome) {
    locks.get(name)[outcome.ordinal()].increment();
  }

  @Override
  public void rateLimitOutcome(String name, boolean allowed) {
    rateLimits.get(name)[allowed ? 1 : 0].increment();
  }

  private static Counter[] lockCounters(MeterFactory meters, String name) {
    LockOutcome[] outcomes = LockOutcome.values();
    Counter[] counters = new Counter[outcomes.length];
    for (LockOutcome outcome : outcomes) {
      counters[outcome.ordinal()] =
          meters.counter(
              "lock.outcomes", "Distributed lock outcomes", "name", name, "outcome", lower(outcome));
    }
    return counters;
  }

  private static Counter rateLimitCounter(MeterFactory meters, String name, String outcome) {
    return meters.counter(
        "ratelimit.checks", "Rate-limit checks", "name", name, "outcome", outcome);
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Configures a {@link MicrometerObserver}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private String prefix = DEFAULT_PREFIX;
    private int maxNames = DEFAULT_MAX_NAMES;

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Names every metric {@code prefix.<name>} (default {@value #DEFAULT_PREFIX}); Prometheus
     * renders the dots as underscores, so {@code "myapp"} gives {@code myapp_tasks_spawned_total}.
     *
     * @throws IllegalArgumentException unless {@code prefix} is dot-separated words of letters,
     *     digits and underscores, starting with a letter
     */
    public Builder prefix(String prefix) {
      if (prefix == null || !PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException(
            "metric prefix \""
                + prefix
                + "\" is not usable: give dot-separated words of letters, digits and underscores"
                + " that start with a letter, such as \"goscope\" or \"myapp.jobs\"");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * Caps the distinct values of each name tag (task, scope, breaker, lock and rate-limit names)
     * at {@code maxNames}; values beyond the cap are counted under {@code other}.
     *
     * @throws IllegalArgumentException when {@code maxNames} is below 1
     */
    public Builder maxNames(int maxNames) {
      if (maxNames < 1) {
        throw new IllegalArgumentException(
            "maxNames is " + maxNames + "; it must be at least 1 (the default is " + DEFAULT_MAX_NAMES + ")");
      }
      this.maxNames = maxNames;
      return this;
    }

    /** The configured observer; its gauges are registered now. */
    public MicrometerObserver build() {
      return new MicrometerObserver(registry, prefix, maxNames);
    }
  }
}
