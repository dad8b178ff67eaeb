package io.gogoscope.spring.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code gogoscope.*} properties of {@code application.yml}. An unknown property under
 * {@code gogoscope.} fails start-up, naming it: a misspelt setting would otherwise be a silent
 * no-op.
 */
@ConfigurationProperties(prefix = "gogoscope", ignoreUnknownFields = false)
public class GogoscopeProperties {

  /** Where locks, rate limits and shared circuit state are kept. */
  private final Store store = new Store();

  /** Metrics through the application's MeterRegistry. */
  private final Metrics metrics = new Metrics();

  /** Spans through the application's OpenTelemetry. */
  private final Tracing tracing = new Tracing();

  /** Carrying the forking thread's context (MDC, security context, ...) into forked tasks. */
  private final ContextPropagation contextPropagation = new ContextPropagation();

  /** The Actuator health contributor of the circuit breakers. */
  private final Health health = new Health();

  /**
   * How long closing scopes wait for cancelled tasks before reporting them, and how long the
   * application's shutdown waits for running scopes and calls.
   */
  private Duration closeGrace = Duration.ofSeconds(10);

  /** Graceful shutdown of the runtime with the application context. */
  private final Shutdown shutdown = new Shutdown();

  /**
   * Overrides of the annotations' policies per task, as
   * {@code gogoscope.tasks.<task>.<policy>.<setting>}; in YAML a task name with dots is a key in
   * brackets: {@code gogoscope.tasks."[users.fetchUser]".retry.max-attempts: 5}.
   */
  private Map<String, PolicyOverrides.Task> tasks = new LinkedHashMap<>();

  /** Overrides of circuit breakers by name, as {@code gogoscope.circuit-breakers.<name>.<setting>}. */
  private Map<String, PolicyOverrides.Breaker> circuitBreakers = new LinkedHashMap<>();

  /** Every task's {@code @Retry}: {@code gogoscope.retry.enabled=false} takes retries off. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch retry = new PolicyOverrides.Switch();

  /** Every task's {@code @Timeout}. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch timeout = new PolicyOverrides.Switch();

  /** Every task's {@code @CircuitBreaker}. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch circuitBreaker = new PolicyOverrides.Switch();

  /** Every task's {@code @RateLimit}. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch rateLimit = new PolicyOverrides.Switch();

  /** Every task's {@code @DistributedLock}. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch distributedLock = new PolicyOverrides.Switch();

  /** Every task's {@code @Bulkhead}. */
  @NestedConfigurationProperty
  private final PolicyOverrides.Switch bulkhead = new PolicyOverrides.Switch();

  public Store getStore() {
    return store;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Tracing getTracing() {
    return tracing;
  }

  public ContextPropagation getContextPropagation() {
    return contextPropagation;
  }

  public Health getHealth() {
    return health;
  }

  public Shutdown getShutdown() {
    return shutdown;
  }

  public Duration getCloseGrace() {
    return closeGrace;
  }

  public void setCloseGrace(Duration closeGrace) {
    this.closeGrace = closeGrace;
  }

  public Map<String, PolicyOverrides.Task> getTasks() {
    return tasks;
  }

  public void setTasks(Map<String, PolicyOverrides.Task> tasks) {
    this.tasks = tasks;
  }

  public Map<String, PolicyOverrides.Breaker> getCircuitBreakers() {
    return circuitBreakers;
  }

  public void setCircuitBreakers(Map<String, PolicyOverrides.Breaker> circuitBreakers) {
    this.circuitBreakers = circuitBreakers;
  }

  public PolicyOverrides.Switch getRetry() {
    return retry;
  }

  public PolicyOverrides.Switch getTimeout() {
    return timeout;
  }

  public PolicyOverrides.Switch getCircuitBreaker() {
    return circuitBreaker;
  }

  public PolicyOverrides.Switch getRateLimit() {
    return rateLimit;
  }

  public PolicyOverrides.Switch getDistributedLock() {
    return distributedLock;
  }

  public PolicyOverrides.Switch getBulkhead() {
    return bulkhead;
  }

  /** The backend of the stores. */
  public enum StoreType {
    /** In this JVM only (the runtime's default). */
    MEMORY,
    /** Redis, through the application's {@code RedissonClient} bean. */
    REDIS,
    /** SQL (PostgreSQL, MySQL/MariaDB, SQLite), through the application's {@code DataSource} bean. */
    JDBC
  }

  /** {@code gogoscope.store.*}. */
  public static class Store {
    /** The backend: memory, redis (a RedissonClient bean) or jdbc (a DataSource bean). */
    private StoreType type = StoreType.MEMORY;

    /** Whether to create the SQL store's tables on start-up (jdbc only). */
    private boolean migrate = false;

    /** The prefix of the SQL store's tables (jdbc only); the store's default when unset. */
    private String tablePrefix;

    /** The prefix of the Redis store's keys (redis only); the store's default when unset. */
    private String keyPrefix;

    public StoreType getType() {
      return type;
    }

    public void setType(StoreType type) {
      this.type = type;
    }

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }
  }

  /** {@code gogoscope.metrics.*}. */
  public static class Metrics {
    /** Whether to record gogoscope's metrics in the application's MeterRegistry. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code gogoscope.tracing.*}. */
  public static class Tracing {
    /** Whether to trace scopes and tasks through the application's OpenTelemetry bean. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code gogoscope.context-propagation.*}. */
  public static class ContextPropagation {
    /** Whether forked tasks see the context (MDC, ...) of the thread that opened their scope. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code gogoscope.health.*}. */
  public static class Health {
    /** Whether an open circuit breaker makes the health DOWN (otherwise it is only reported). */
    private boolean openIsDown = true;

    public boolean isOpenIsDown() {
      return openIsDown;
    }

    public void setOpenIsDown(boolean openIsDown) {
      this.openIsDown = openIsDown;
    }
  }

  /** {@code gogoscope.shutdown.*}. */
  public static class Shutdown {
    /**
     * Whether closing the context waits up to the close grace for running scopes and calls, then
     * stops the runtime's threads.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
