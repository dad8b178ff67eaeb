package io.gogoscope.spring.boot;

import java.util.List;

/**
 * The shapes of the configuration overrides under {@code gogoscope.}, for binding and for the
 * configuration metadata IDEs complete from. The values bound here are not used: the runtime reads
 * the same properties from the {@code Environment} ({@link EnvironmentConfigSource}) and is the one
 * judge of names and ranges, so its messages (with "did you mean") are the ones a typo gets. What
 * binding adds is that a setting no policy has fails here too, naming the property, and that a
 * value of the wrong type (a word for a number) is reported by Spring with its origin.
 *
 * <p>Every row of the runtime's override table must have its field here, or binding would refuse
 * a property the runtime accepts: {@code OverrideTableCoverageTest} checks it.
 */
public final class PolicyOverrides {
  private PolicyOverrides() {}

  /**
   * {@code gogoscope.tasks.<task>.*}: the policies of one task, named as the processor names it
   * ({@code <@ScopeTask name>.<method>}; in YAML a name with dots is a key in brackets,
   * {@code "[users.fetchUser]"}). A task can only change the policies its annotations give it.
   */
  public static class Task {
    /** The task's {@code @Retry}. */
    private final Retry retry = new Retry();

    /** The task's {@code @Timeout}. */
    private final Timeout timeout = new Timeout();

    /**
     * The task's {@code @CircuitBreaker}: its switch and what this task's failures count as; the
     * breaker's own settings are under {@code gogoscope.circuit-breakers.<name>}.
     */
    private final TaskBreaker circuitBreaker = new TaskBreaker();

    /** The task's {@code @RateLimit}. */
    private final RateLimit rateLimit = new RateLimit();

    /** The task's {@code @DistributedLock}. */
    private final DistributedLock distributedLock = new DistributedLock();

    /** The task's {@code @Bulkhead}. */
    private final Bulkhead bulkhead = new Bulkhead();

    public Retry getRetry() {
      return retry;
    }

    public Timeout getTimeout() {
      return timeout;
    }

    public TaskBreaker getCircuitBreaker() {
      return circuitBreaker;
    }

    public RateLimit getRateLimit() {
      return rateLimit;
    }

    public DistributedLock getDistributedLock() {
      return distributedLock;
    }

    public Bulkhead getBulkhead() {
      return bulkhead;
    }
  }

  /** A policy's switch for every task: {@code gogoscope.<policy>.enabled}. */
  public static class Switch {
    /** Whether this policy applies to every task that has it (a task's own switch wins). */
    private Boolean enabled;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code gogoscope.tasks.<task>.retry.*}: the task's {@code @Retry}. */
  public static class Retry {
    /** Whether this policy applies (false takes it off). */
    private Boolean enabled;

    /** The most attempts, the first included (1: no retry). */
    private Integer maxAttempts;

    /** The base delay between attempts: a duration such as 250ms, 2s or PT2S. */
    private String delay;

    /** The cap on every delay: a duration such as 250ms, 2s or PT2S. */
    private String maxDelay;

    /** How the delay grows: fixed, linear, exponential or decorrelated-jitter. */
    private String backoff;

    /** The growth factor of exponential backoff, above 1. */
    private Double multiplier;

    /** The random share of each delay, from 0 to 1. */
    private Double jitter;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public String getDelay() {
      return delay;
    }

    public void setDelay(String delay) {
      this.delay = delay;
    }

    public String getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(String maxDelay) {
      this.maxDelay = maxDelay;
    }

    public String getBackoff() {
      return backoff;
    }

    public void setBackoff(String backoff) {
      this.backoff = backoff;
    }

    public Double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(Double multiplier) {
      this.multiplier = multiplier;
    }

    public Double getJitter() {
      return jitter;
    }

    public void setJitter(Double jitter) {
      this.jitter = jitter;
    }
  }

  /** {@code gogoscope.tasks.<task>.timeout.*}: the task's {@code @Timeout}. */
  public static class Timeout {
    /** Whether this policy applies (false takes it off). */
    private Boolean enabled;

    /** The timeout of each attempt: a duration such as 250ms, 2s or PT2S. */
    private String value;

    /** The timeout of the whole call, retries included: a duration such as 250ms, 2s or PT2S. */
    private String overall;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getValue() {
      return value;
    }

    public void setValue(String value) {
      this.value = value;
    }

    public String getOverall() {
      return overall;
    }

    public void setOverall(String overall) {
      this.overall = overall;
    }
  }

  /** {@code gogoscope.tasks.<task>.rate-limit.*}: the task's {@code @RateLimit}. */
  public static class RateLimit {
    /** Whether this policy applies (false takes it off). */
    private Boolean enabled;

    /** The calls admitted per window, at least 1. */
    private Integer limit;

    /** The sliding window: a duration such as 250ms, 2s or PT2S. */
    private String window;

    /** How long a call waits for a permit (0: refused at once): a duration such as 250ms, 2s or PT2S. */
    private String maxWait;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getLimit() {
      return limit;
    }

    public void setLimit(Integer limit) {
      this.limit = limit;
    }

    public String getWindow() {
      return window;
    }

    public void setWindow(String window) {
      this.window = window;
    }

    public String getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(String maxWait) {
      this.maxWait = maxWait;
    }
  }

  /** {@code gogoscope.tasks.<task>.distributed-lock.*}: the task's {@code @DistributedLock}. */
  public static class DistributedLock {
    /** Whether this policy applies (false takes it off). */
    private Boolean enabled;

    /** How long a lock is held at most: a duration such as 250ms, 2s or PT2S. */
    private String ttl;

    /** How long a call waits for the lock (0: skip at once): a duration such as 250ms, 2s or PT2S. */
    private String maxWait;

    /** How long the lock is kept at least from when it was taken, at most the TTL: a duration such as 250ms, 2s or PT2S. */
    private String minHold;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getTtl() {
      return ttl;
    }

    public void setTtl(String ttl) {
      this.ttl = ttl;
    }

    public String getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(String maxWait) {
      this.maxWait = maxWait;
    }

    public String getMinHold() {
      return minHold;
    }

    public void setMinHold(String minHold) {
      this.minHold = minHold;
    }
  }

  /** {@code gogoscope.circuit-breakers.<name>.*}: a named {@code @CircuitBreaker}, shared by the tasks naming it. */
  public static class Breaker {
    /** Whether the breaker applies (false takes it off every task naming it). */
    private Boolean enabled;

    /** The failures in the window that open the breaker. */
    private Integer failureThreshold;

    /** The share of failures that opens the breaker, above 0 and at most 1. */
    private Double failureRatio;

    /** The calls recorded before the failure ratio is judged. */
    private Integer minimumCalls;

    /** How many of the latest calls the window holds. */
    private Integer windowSize;

    /** How long the breaker stays open before a trial call: a duration such as 250ms, 2s or PT2S. */
    private String resetTimeout;

    /** The trial calls let through while half-open. */
    private Integer halfOpenPermits;

    /** The trial successes that close the breaker again. */
    private Integer successThreshold;

    /** Whether the breaker's state is shared through the circuit-state store. */
    private Boolean shared;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getFailureThreshold() {
      return failureThreshold;
    }

    public void setFailureThreshold(Integer failureThreshold) {
      this.failureThreshold = failureThreshold;
    }

    public Double getFailureRatio() {
      return failureRatio;
    }

    public void setFailureRatio(Double failureRatio) {
      this.failureRatio = failureRatio;
    }

    public Integer getMinimumCalls() {
      return minimumCalls;
    }

    public void setMinimumCalls(Integer minimumCalls) {
      this.minimumCalls = minimumCalls;
    }

    public Integer getWindowSize() {
      return windowSize;
    }

    public void setWindowSize(Integer windowSize) {
      this.windowSize = windowSize;
    }

    public String getResetTimeout() {
      return resetTimeout;
    }

    public void setResetTimeout(String resetTimeout) {
      this.resetTimeout = resetTimeout;
    }

    public Integer getHalfOpenPermits() {
      return halfOpenPermits;
    }

    public void setHalfOpenPermits(Integer halfOpenPermits) {
      this.halfOpenPermits = halfOpenPermits;
    }

    public Integer getSuccessThreshold() {
      return successThreshold;
    }

    public void setSuccessThreshold(Integer successThreshold) {
      this.successThreshold = successThreshold;
    }

    public Boolean getShared() {
      return shared;
    }

    public void setShared(Boolean shared) {
      this.shared = shared;
    }
  }

  /** {@code gogoscope.tasks.<task>.circuit-breaker.*}: the task's side of its {@code @CircuitBreaker}. */
  public static class TaskBreaker {
    /** Whether this task goes through its breaker (false takes the breaker off this task). */
    private Boolean enabled;

    /** The exceptions that count as failures, by class name (a list, or comma-separated). */
    private List<String> failOn;

    /** The exceptions that count as neither failure nor success, by class name (empty for none). */
    private List<String> skipOn;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getFailOn() {
      return failOn;
    }

    public void setFailOn(List<String> failOn) {
      this.failOn = failOn;
    }

    public List<String> getSkipOn() {
      return skipOn;
    }

    public void setSkipOn(List<String> skipOn) {
      this.skipOn = skipOn;
    }
  }

  /** {@code gogoscope.tasks.<task>.bulkhead.*}: the task's {@code @Bulkhead}. */
  public static class Bulkhead {
    /** Whether this policy applies (false takes it off). */
    private Boolean enabled;

    /** The most attempts running at once, at least 1. */
    private Integer maxConcurrent;

    /** How long an attempt waits for a slot (0: refused at once): a duration such as 250ms, 2s or PT2S. */
    private String maxWait;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Integer getMaxConcurrent() {
      return maxConcurrent;
    }

    public void setMaxConcurrent(Integer maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
    }

    public String getMaxWait() {
      return maxWait;
    }

    public void setMaxWait(String maxWait) {
      this.maxWait = maxWait;
    }
  }
}
