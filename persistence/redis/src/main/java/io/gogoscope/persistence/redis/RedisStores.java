package io.gogoscope.persistence.redis;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.WatchdogLockProvider;
import java.time.Duration;
import java.util.Objects;
import org.redisson.api.RedissonClient;

/**
 * The lock, rate-limit and circuit-state stores on Redis, through a {@link RedissonClient} the
 * application owns (and shuts down). Every operation is one Lua script call, run by its SHA-1.
 *
 * <pre>{@code
 * RedisStores redis = RedisStores.builder(redisson).keyPrefix("shop:").build();
 * ScopeRuntime runtime = ScopeRuntime.builder()
 *     .lockProvider(redis.lockProvider())
 *     .rateLimitStore(redis.rateLimitStore())
 *     .circuitStateStore(redis.circuitStateStore())
 *     .build();
 * }</pre>
 *
 * <p>What they keep under the key prefix ({@code gogoscope:} by default), for a lock key, rate-limit
 * key or circuit name {@code K}:
 *
 * <table>
 *   <caption>Redis keys and channels</caption>
 *   <tr><th>name</th><th>type</th><th>lifetime</th></tr>
 *   <tr><td>{@code gogoscope:lock:{K}}</td><td>string: the holder's token</td>
 *       <td>the lease's TTL; deleted on release</td></tr>
 *   <tr><td>{@code gogoscope:lock:{K}:fence}</td><td>integer: the fencing counter</td>
 *       <td>kept for good, one per lock key: fencing tokens must grow across releases</td></tr>
 *   <tr><td>{@code gogoscope:rate:{K}}</td><td>sorted set: admissions in the window</td>
 *       <td>expires one window after the last admission</td></tr>
 *   <tr><td>{@code gogoscope:circuit:{K}}</td><td>hash: state, since, version</td>
 *       <td>kept for good, one per circuit name</td></tr>
 *   <tr><td>{@code gogoscope:lock:{K}:released}</td><td>pub/sub channel</td>
 *       <td>wakes acquirers waiting for the lock</td></tr>
 *   <tr><td>{@code gogoscope:circuit:{K}:changes}</td><td>pub/sub channel</td>
 *       <td>pushes accepted circuit changes</td></tr>
 * </table>
 *
 * <p>The braces are a Redis Cluster hash tag: the keys of one operation share a slot, so the
 * scripts run on a cluster too.
 *
 * <p><b>Timeouts.</b> Each call waits at most {@link Builder#operationTimeout} for its reply and
 * then fails with a {@link io.gogoscope.store.StoreException}, whatever Redisson's own timeouts and
 * retries; keep Redisson's {@code timeout × (retryAttempts + 1)} below it so Redisson gives up
 * first. The scripts are safe to retry: a retried acquire or admission is not counted twice.
 */
public final class RedisStores {

  /** The key prefix unless {@link Builder#keyPrefix} sets another. */
  public static final String DEFAULT_KEY_PREFIX = "gogoscope:";

  /** The operation timeout unless {@link Builder#operationTimeout} sets another. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);

  private final String keyPrefix;
  private final LockProvider lockProvider;
  private final RateLimitStore rateLimitStore;
  private final CircuitStateStore circuitStateStore;

  private RedisStores(Builder builder) {
    RedisCalls calls = new RedisCalls(builder.redisson, builder.operationTimeout);
    RedisKeys keys = new RedisKeys(builder.keyPrefix);
    this.keyPrefix = builder.keyPrefix;
    LockProvider locks = new RedisLockProvider(calls, keys);
    this.lockProvider = builder.lockWatchdog ? new WatchdogLockProvider(locks) : locks;
    this.rateLimitStore = new RedisRateLimitStore(calls, keys);
    this.circuitStateStore = new RedisCircuitStateStore(calls, keys);
  }

  /** The stores with the default key prefix and timeout, and no lock watchdog. */
  public static RedisStores create(RedissonClient redisson) {
    return builder(redisson).build();
  }

  /** Starts configuring the stores on {@code redisson}. */
  public static Builder builder(RedissonClient redisson) {
    return new Builder(redisson);
  }

  /** The prefix of every key the stores create. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Token-owned locks with fencing tokens (with the watchdog, when configured). */
  public LockProvider lockProvider() {
    return lockProvider;
  }

  /** Sliding-window rate limits on the Redis server's clock. */
  public RateLimitStore rateLimitStore() {
    return rateLimitStore;
  }

  /** Circuit-breaker state shared by name, changes pushed over pub/sub. */
  public CircuitStateStore circuitStateStore() {
    return circuitStateStore;
  }

  /** Configures {@link RedisStores}. */
  public static final class Builder {
    private final RedissonClient redisson;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private boolean lockWatchdog;

    private Builder(RedissonClient redisson) {
      this.redisson = Objects.requireNonNull(redisson, "redisson must not be null");
    }

    /**
     * Puts every key under {@code prefix} (default {@code gogoscope:}), e.g. one per application
     * sharing a server. It must not contain {@code '{'} or {@code '}'}: the stores place the hash
     * tag themselves.
     */
    public Builder keyPrefix(String prefix) {
      Objects.requireNonNull(prefix, "keyPrefix must not be null; pass \"\" for no prefix");
      if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
        throw new IllegalArgumentException(
            "keyPrefix must not contain '{' or '}' (got \"" + prefix + "\"): the stores put the"
                + " caller's key in the hash tag so one operation's keys share a cluster slot");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /** How long each call waits for Redis before failing with a StoreException (default 5 s). */
    public Builder operationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "operationTimeout must not be null");
      if (!timeout.isPositive()) {
        throw new IllegalArgumentException("operationTimeout must be positive, got " + timeout);
      }
      this.operationTimeout = timeout;
      return this;
    }

    /**
     * Renews every lease every third of its TTL until it is released (default off): the TTL then
     * bounds how long a crashed holder keeps a key, not how long the work may run. See
     * {@link WatchdogLockProvider}.
     */
    public Builder lockWatchdog(boolean enabled) {
      this.lockWatchdog = enabled;
      return this;
    }

    /** The stores. */
    public RedisStores build() {
      return new RedisStores(this);
    }
  }
}
