package io.gogoscope.observe.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** Creates gogoscope's meters in one registry, under one name prefix. */
final class MeterFactory {
  /**
   * The bound on distinct error reasons per task: the reasons are {@code ScopeError} kinds, of
   * which gogoscope has seven; the bound only guards against a custom error type with a made-up
   * kind per call.
   */
  static final int MAX_ERROR_REASONS = 16;

  private final MeterRegistry registry;
  private final String prefix;

  MeterFactory(MeterRegistry registry, String prefix) {
    this.registry = registry;
    this.prefix = prefix;
  }

  Counter counter(String name, String description, String... tags) {
    return Counter.builder(prefix + "." + name).description(description).tags(tags).register(registry);
  }

  /** A gauge reading {@code value}; held strongly, as the observer owns what it reads. */
  void gauge(String name, String description, Supplier<Number> value, String... tags) {
    Gauge.builder(prefix + "." + name, value)
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /**
   * The task duration timer: a percentile histogram, so that PromQL derives the average
   * ({@code _sum / _count}) and any quantile ({@code histogram_quantile}) across instances.
   */
  Timer taskTimer(String task, String outcome) {
    return Timer.builder(prefix + ".task.duration")
        .description("How long tasks ran, from start to result")
        .tags("task", task, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  /** The scope lifetime timer (count, sum and max; no histogram, scopes are fewer and longer). */
  Timer scopeTimer(String scope) {
    return Timer.builder(prefix + ".scope.duration")
        .description("How long scopes were open")
        .tags("scope", scope)
        .register(registry);
  }

  @Override
  public String toString() {
    return prefix + "@" + registry.getClass().getSimpleName();
  }
}
