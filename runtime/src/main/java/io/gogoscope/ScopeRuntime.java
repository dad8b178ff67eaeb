package io.gogoscope;

import io.gogoscope.observe.ScopeObserver;
import io.gogoscope.policy.CircuitBreaker;
import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import java.time.Duration;

/**
 * What scopes and generated code need from their surroundings: an observer (tracing and metrics),
 * the lock, rate-limit and circuit-state stores, a time source. {@link #defaults()} works with
 * nothing configured: no observation, in-memory stores, the system clock.
 *
 * <pre>{@code
 * ScopeRuntime runtime = ScopeRuntime.builder()
 *     .lockProvider(RedisLockProvider.create(redisson))
 *     .build();
 * ScopedUserService users = ScopedUserService.of(new JdbcUserService(db), runtime);
 * }</pre>
 *
 * <p>Thread-safe. Circuit breakers are kept per name, so every generated method and hand-written
 * guard naming the same breaker shares its state.
 */
public final class ScopeRuntime {

  private ScopeRuntime() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The shared default runtime: nothing observed, in-memory stores, system time. */
  public static ScopeRuntime defaults() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Starts configuring a runtime; unset parts take the defaults. */
  public static Builder builder() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The observer of scopes, tasks and policies ({@link ScopeObserver#NONE} when unobserved). */
  public ScopeObserver observer() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The time source of policy delays and windows. */
  public TimeSource timeSource() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The lock provider. */
  public LockProvider lockProvider() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The rate-limit store. */
  public RateLimitStore rateLimitStore() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The circuit-state store, used by breakers configured as shared. */
  public CircuitStateStore circuitStateStore() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** How long {@link Scope#close()} waits for cancelled tasks before reporting them. */
  public Duration closeGrace() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Starts configuring a scope on this runtime. */
  public Scope.Builder scope(String name) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Starts configuring a guard on this runtime. */
  public Guard.Builder guard(String name) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * The circuit breaker named {@code name}, created with {@code config} on first use. A later call
   * with a different configuration for the same name fails: two configurations of one breaker
   * would be a silent bug.
   *
   * @throws IllegalArgumentException when {@code name} exists with another configuration
   */
  public CircuitBreaker circuitBreaker(String name, CircuitBreaker.Config config) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Configures a {@link ScopeRuntime}. */
  public static final class Builder {
    private Builder() {}

    /** Observes scopes, tasks and policies; call again to add more observers. */
    public Builder observer(ScopeObserver observer) {
      throw new UnsupportedOperationException("not yet implemented");
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

    /** Reads time and waits through {@code timeSource} (tests pass a controllable one). */
    public Builder timeSource(TimeSource timeSource) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Takes locks from {@code provider}. */
    public Builder lockProvider(LockProvider provider) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Counts rate limits in {@code store}. */
    public Builder rateLimitStore(RateLimitStore store) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** Shares circuit state through {@code store}. */
    public Builder circuitStateStore(CircuitStateStore store) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** How long closing scopes wait for cancelled tasks (default 10 s). */
    public Builder closeGrace(Duration grace) {
      throw new UnsupportedOperationException("not yet implemented");
    }

    /** The configured runtime. */
    public ScopeRuntime build() {
      throw new UnsupportedOperationException("not yet implemented");
    }
  }
}
