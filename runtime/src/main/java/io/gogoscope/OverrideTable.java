package io.gogoscope;

import io.gogoscope.annotations.Backoff;
import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.policy.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every setting a configuration override can change: one row each, with its property name, the
 * values it accepts and how it changes the policy. A new setting is one more row here; the parsing,
 * the checks, the messages, the environment-variable names and the README's table follow from it.
 */
final class OverrideTable {

  /** The longest duration a setting takes: the bound every store shares (100 years). */
  static final Duration MAX_DURATION = Duration.ofDays(36_500);

  /** A policy a task can have, named as its properties name it. */
  enum Policy {
    RETRY("retry", "@Retry", b -> b.retry = null),
    TIMEOUT("timeout", "@Timeout", b -> {
      b.timeout = null;
      b.overallTimeout = null;
    }),
    CIRCUIT_BREAKER("circuit-breaker", "@CircuitBreaker", b -> b.breaker = null),
    RATE_LIMIT("rate-limit", "@RateLimit", b -> {
      b.rateLimit = 0;
      b.rateWindow = null;
      b.rateMaxWait = Duration.ZERO;
    }),
    DISTRIBUTED_LOCK("distributed-lock", "@DistributedLock", b -> {
      b.lockTtl = null;
      b.lockMaxWait = null;
      b.lockMinHold = Duration.ZERO;
    }),
    BULKHEAD("bulkhead", "@Bulkhead", b -> b.bulkhead = null);

    final String key;
    final String annotation;
    private final Consumer<Guard.Builder> disable;

    Policy(String key, String annotation, Consumer<Guard.Builder> disable) {
      this.key = key;
      this.annotation = annotation;
      this.disable = disable;
    }

    /** Takes this policy off {@code guard} ({@code <policy>.enabled=false}). */
    void disable(Guard.Builder guard) {
      disable.accept(guard);
    }

    static Policy byKey(String key) {
      for (Policy policy : values()) {
        if (policy.key.equals(key)) {
          return policy;
        }
      }
      return null;
    }

    static List<String> keys() {
      return Arrays.stream(values()).map(p -> p.key).toList();
    }
  }

  /**
   * How a setting's text becomes a value, and what it accepts (for messages). A parser returns
   * {@code null} for a text it does not accept, or throws {@link Rejected} to say why.
   */
  record Value<T>(String accepts, Parser<T> parse) {
    /** Reads a setting's text; class names are loaded with {@code loader}. */
    @FunctionalInterface
    interface Parser<T> {
      T parse(String text, ClassLoader loader);
    }

    /** The value of {@code text}, or {@code null} when it is not one this setting accepts. */
    T read(String text) {
      return read(text, OverrideTable.class.getClassLoader());
    }

    /**
     * The value of {@code text}, or {@code null} when it is not one this setting accepts.
     *
     * @throws Rejected saying why, where the setting can tell
     */
    T read(String text, ClassLoader loader) {
      try {
        return parse.parse(text.strip(), loader);
      } catch (Rejected why) {
        throw why;
      } catch (RuntimeException malformed) {
        return null;
      }
    }
  }

  /** A setting's text that is not accepted, and why (an unknown class, a class of the wrong kind). */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * The settings of a task's policy being overridden: the guard builder and, lazily, its retry's
   * builder and its bulkhead's values (a bulkhead is rebuilt when one of them changes).
   */
  static final class GuardDraft {
    final Guard.Builder guard;
    private Retry.Builder retry;
    private int bulkheadLimit;
    private Duration bulkheadWait;

    GuardDraft(Guard.Builder guard) {
      this.guard = guard;
    }

    void bulkheadLimit(int limit) {
      startBulkhead();
      bulkheadLimit = limit;
    }

    void bulkheadWait(Duration wait) {
      startBulkhead();
      bulkheadWait = wait;
    }

    private void startBulkhead() {
      if (bulkheadWait == null) {
        bulkheadLimit = guard.bulkhead.limit();
        bulkheadWait = guard.bulkhead.maxWait();
      }
    }

    /** The bulkhead with the overridden values; {@code null} when none changed. */
    Bulkhead bulkhead() {
      return bulkheadWait == null ? null : Bulkhead.of(bulkheadLimit, bulkheadWait);
    }

    /** The breaker's classification with these exceptions counted as failures (skipOn kept). */
    void failOn(List<Class<? extends Exception>> types) {
      guard.counted = counted(types, guard.counted.skipOnTypes());
    }

    /** The breaker's classification with these exceptions, and no others, counted as successes. */
    void skipOn(List<Class<? extends Exception>> types) {
      guard.counted = counted(guard.counted.failOnTypes(), types);
    }

    @SuppressWarnings("unchecked") // arrays of Class<? extends Exception>, for the varargs factories
    private static CircuitBreaker.Counted counted(List<Class<? extends Exception>> failOn,
        List<Class<? extends Exception>> skipOn) {
      CircuitBreaker.Counted counted = CircuitBreaker.Counted.failOn(failOn.toArray(new Class[0]));
      return skipOn.isEmpty() ? counted : counted.skipOn(skipOn.toArray(new Class[0]));
    }

    Retry.Builder retry() {
      if (retry == null) {
        retry = guard.retry.toBuilder();
      }
      return retry;
    }

    boolean retryChanged() {
      return retry != null;
    }
  }

  /** The values of a circuit breaker's configuration being overridden. */
  static final class BreakerDraft {
    int failureThreshold;
    double failureRatio;
    int minimumCalls;
    int windowSize;
    Duration resetTimeout;
    int halfOpenPermits;
    int successThreshold;
    boolean shared;

    BreakerDraft(CircuitBreaker.Config config) {
      failureThreshold = config.failureThreshold();
      failureRatio = config.failureRatio();
      minimumCalls = config.minimumCalls();
      windowSize = config.windowSize();
      resetTimeout = config.resetTimeout();
      halfOpenPermits = config.halfOpenPermits();
      successThreshold = config.successThreshold();
      shared = config.shared();
    }

    CircuitBreaker.Config build() {
      return new CircuitBreaker.Config(failureThreshold, failureRatio, minimumCalls, windowSize, resetTimeout,
          halfOpenPermits, successThreshold, shared);
    }
  }

  /** A setting of a task's policy: {@code gogoscope.tasks.<task>.<policy>.<setting>}. */
  record TaskRow<T>(Policy policy, String setting, Value<T> value, BiConsumer<GuardDraft, T> apply) {
    @SuppressWarnings("unchecked") // value was read by this row's Value<T>
    void applyTo(GuardDraft draft, Object value) {
      apply.accept(draft, (T) value);
    }
  }

  /** A setting of a named circuit breaker: {@code gogoscope.circuit-breakers.<name>.<setting>}. */
  record BreakerRow<T>(String setting, Value<T> value, BiConsumer<BreakerDraft, T> apply) {
    @SuppressWarnings("unchecked") // value was read by this row's Value<T>
    void applyTo(BreakerDraft draft, Object value) {
      apply.accept(draft, (T) value);
    }
  }

  /** The switch every policy has, on a task, a breaker, or all tasks. */
  static final String ENABLED = "enabled";
  static final Value<Boolean> BOOLEAN = new Value<>("true or false", (text, loader) -> switch (text.toLowerCase(Locale.ROOT)) {
    case "true" -> Boolean.TRUE;
    case "false" -> Boolean.FALSE;
    default -> null;
  });

  // ---------------------------------------------------------------------------------------------
  // The rows.

  static final List<TaskRow<?>> TASK_ROWS = List.of(
      new TaskRow<>(Policy.RETRY, "max-attempts", ints(1, Integer.MAX_VALUE),
          (d, v) -> d.retry().maxAttempts(v)),
      new TaskRow<>(Policy.RETRY, "delay", durations(false), (d, v) -> d.retry().delay(v)),
      new TaskRow<>(Policy.RETRY, "max-delay", durations(false), (d, v) -> d.retry().maxDelay(v)),
      new TaskRow<>(Policy.RETRY, "backoff", enums(Backoff.class), (d, v) -> d.retry().backoff(v)),
      new TaskRow<>(Policy.RETRY, "multiplier",
          doubles("a number above 1, such as 2", v -> v > 1 && Double.isFinite(v)),
          (d, v) -> d.retry().multiplier(v)),
      new TaskRow<>(Policy.RETRY, "jitter",
          doubles("a fraction from 0 to 1, such as 0.2", v -> v >= 0 && v <= 1),
          (d, v) -> d.retry().jitter(v)),
      new TaskRow<>(Policy.TIMEOUT, "value", durations(true), (d, v) -> d.guard.timeout = v),
      new TaskRow<>(Policy.TIMEOUT, "overall", durations(true), (d, v) -> d.guard.overallTimeout = v),
      new TaskRow<>(Policy.RATE_LIMIT, "limit", ints(1, Integer.MAX_VALUE), (d, v) -> d.guard.rateLimit = v),
      new TaskRow<>(Policy.RATE_LIMIT, "window", durations(true), (d, v) -> d.guard.rateWindow = v),
      new TaskRow<>(Policy.DISTRIBUTED_LOCK, "ttl", durations(true), (d, v) -> d.guard.lockTtl = v),
      new TaskRow<>(Policy.RATE_LIMIT, "max-wait", durations(false), (d, v) -> d.guard.rateMaxWait = v),
      new TaskRow<>(Policy.DISTRIBUTED_LOCK, "max-wait", durations(false), (d, v) -> d.guard.lockMaxWait = v),
      new TaskRow<>(Policy.DISTRIBUTED_LOCK, "min-hold", durations(false), (d, v) -> d.guard.lockMinHold = v),
      // The classification belongs to the task, not the breaker: tasks sharing a breaker may differ.
      new TaskRow<>(Policy.CIRCUIT_BREAKER, "fail-on", exceptionClasses(false), GuardDraft::failOn),
      new TaskRow<>(Policy.CIRCUIT_BREAKER, "skip-on", exceptionClasses(true), GuardDraft::skipOn),
      new TaskRow<>(Policy.BULKHEAD, "max-concurrent", ints(1, Integer.MAX_VALUE), GuardDraft::bulkheadLimit),
      new TaskRow<>(Policy.BULKHEAD, "max-wait", durations(false), GuardDraft::bulkheadWait));

  static final List<BreakerRow<?>> BREAKER_ROWS = List.of(
      new BreakerRow<>("failure-threshold", ints(1, CircuitBreaker.Config.MAX_WINDOW_SIZE),
          (d, v) -> d.failureThreshold = v),
      new BreakerRow<>("failure-ratio",
          doubles("a share of failures above 0 and at most 1, such as 0.5", v -> v > 0 && v <= 1),
          (d, v) -> d.failureRatio = v),
      new BreakerRow<>("minimum-calls", ints(1, CircuitBreaker.Config.MAX_WINDOW_SIZE),
          (d, v) -> d.minimumCalls = v),
      new BreakerRow<>("window-size", ints(1, CircuitBreaker.Config.MAX_WINDOW_SIZE), (d, v) -> d.windowSize = v),
      new BreakerRow<>("reset-timeout", durations(true), (d, v) -> d.resetTimeout = v),
      new BreakerRow<>("half-open-permits", ints(1, Integer.MAX_VALUE), (d, v) -> d.halfOpenPermits = v),
      new BreakerRow<>("success-threshold", ints(1, Integer.MAX_VALUE), (d, v) -> d.successThreshold = v),
      new BreakerRow<>("shared", BOOLEAN, (d, v) -> d.shared = v));

  /** The rows of {@code policy} by setting name, in table order. */
  static Map<String, TaskRow<?>> rowsOf(Policy policy) {
    Map<String, TaskRow<?>> rows = new LinkedHashMap<>();
    for (TaskRow<?> row : TASK_ROWS) {
      if (row.policy() == policy) {
        rows.put(row.setting(), row);
      }
    }
    return rows;
  }

  static Map<String, BreakerRow<?>> breakerRows() {
    Map<String, BreakerRow<?>> rows = new LinkedHashMap<>();
    for (BreakerRow<?> row : BREAKER_ROWS) {
      rows.put(row.setting(), row);
    }
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // Kinds of values.

  static Value<Integer> ints(int min, int max) {
    String accepts = max == Integer.MAX_VALUE
        ? "a whole number of at least " + min
        : "a whole number from " + min + " to " + max;
    return new Value<>(accepts, (text, loader) -> {
      int value = Integer.parseInt(text);
      return value >= min && value <= max ? value : null;
    });
  }

  static Value<Double> doubles(String accepts, java.util.function.DoublePredicate valid) {
    return new Value<>(accepts, (text, loader) -> {
      double value = Double.parseDouble(text);
      return valid.test(value) ? value : null;
    });
  }

  static Value<Duration> durations(boolean positive) {
    String accepts = (positive ? "a positive duration" : "a duration of zero or more")
        + " of at most 100 years: " + DurationText.FORMATS;
    return new Value<>(accepts, (text, loader) -> {
      Duration value = DurationText.parse(text);
      if (value == null || value.compareTo(MAX_DURATION) > 0) {
        return null;
      }
      return (positive ? value.isPositive() : !value.isNegative()) ? value : null;
    });
  }

  static <E extends Enum<E>> Value<E> enums(Class<E> type) {
    E[] constants = type.getEnumConstants();
    String accepts = "one of " + Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(", "))
        + " (any case, - or _)";
    return new Value<>(accepts, (text, loader) -> {
      String wanted = text.replace('-', '_');
      for (E constant : constants) {
        if (constant.name().equalsIgnoreCase(wanted)) {
          return constant;
        }
      }
      return null;
    });
  }

  /**
   * Exception classes by name, comma-separated ({@code java.io.IOException,
   * com.acme.Payments$DeclinedException}; a nested class also as {@code com.acme.Payments.DeclinedException}),
   * loaded with the runtime's class loader when it is built. An unknown class, or one that is not an
   * {@code Exception} (errors are never caught, so a breaker never sees them), is rejected.
   */
  static Value<List<Class<? extends Exception>>> exceptionClasses(boolean allowEmpty) {
    String accepts = "exception class names, comma-separated, such as java.io.IOException"
        + (allowEmpty ? " (empty for none)" : "");
    return new Value<>(accepts, (text, loader) -> {
      List<Class<? extends Exception>> classes = new ArrayList<>();
      for (String name : text.split(",", -1)) {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
          if (allowEmpty && text.isBlank()) {
            break;
          }
          throw new Rejected("an empty class name");
        }
        Class<?> type = load(trimmed, loader);
        if (type == null) {
          throw new Rejected("no class " + trimmed + " is found");
        }
        if (!Exception.class.isAssignableFrom(type)) {
          throw new Rejected(trimmed + " is not an Exception"
              + (Throwable.class.isAssignableFrom(type) ? " (errors are never caught, so no breaker sees them)" : ""));
        }
        classes.add(type.asSubclass(Exception.class));
      }
      return List.copyOf(classes);
    });
  }

  /** The class {@code name} names, as a binary name or with nested classes after dots. */
  private static Class<?> load(String name, ClassLoader loader) {
    String candidate = name;
    while (true) {
      try {
        return Class.forName(candidate, false, loader);
      } catch (ClassNotFoundException | LinkageError notThere) {
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          return null;
        }
        candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
      }
    }
  }

  private OverrideTable() {}
}
