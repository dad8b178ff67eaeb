package io.gogoscope.persistence.redis;

import io.gogoscope.store.CircuitStateStore;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.Stores;
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
 * ScopeRuntime runtime = ScopeRuntime.builder().stores(redis).build();
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
 *   <tr><td>{@code gogoscope:lock:{K}:abandoned:T}, {@code gogoscope:rate:{K}:abandoned:T}</td>
 *       <td>string: marks the acquire or check of token {@code T} abandoned</td>
 *       <td>the lease's TTL or the window; only after a call whose reply the caller gave up on</td></tr>
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
 * scripts run on a cluster too. Inside them {@code K} is written with {@code '%'} as {@code %25}
 * and {@code '}'} as {@code %7D}, so the tag is never empty and two distinct keys never share a
 * name (see {@code RedisKeys}).
 *
 * <p><b>Timeouts.</b> Each call waits at most {@link Builder#operationTimeout} for its reply and
 * then fails with a {@link io.gogoscope.store.StoreException}, whatever Redisson's own timeouts and
 * retries; keep Redisson's {@code timeout × (retryAttempts + 1)} below it so Redisson gives up
 * first. The scripts are safe to retry: a retried acquire or admission is not counted twice. A
 * call that fails with a {@code StoreException} leaves nothing taken behind: an acquire or rate
 * check whose reply did not come in time is taken back, also when Redisson's resent copy of it
 * arrives after the take-back.
 *
 * <p><b>Interrupts.</b> {@link io.gogoscope.store.Lease#release()} and
 * {@link io.gogoscope.store.Lease#extend(Duration)} complete on an interrupted thread and leave its
 * interrupt set; a waiting acquire ends with {@link InterruptedException}.
 *
 * <p><b>Replicas.</b> Redis replicates asynchronously: a failover may promote a replica that missed
 * the last acquires, so the lock looks free and its fencing counter goes back.
 * {@link Builder#waitForReplicas} makes each acquire and extend wait until that many replicas
 * confirmed it before the lease is handed out or prolonged.
 */
public final class RedisStores implements Stores {

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
    LockProvider locks = new RedisLockProvider(calls, keys, builder.replicaWait);
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
  @Override
  public LockProvider lockProvider() {
    return lockProvider;
  }

  /** Sliding-window rate limits on the Redis server's clock. */
  @Override
  public RateLimitStore rateLimitStore() {
    return rateLimitStore;
  }

  /** Circuit-breaker state shared by name, changes pushed over pub/sub. */
  @Override
  public CircuitStateStore circuitStateStore() {
    return circuitStateStore;
  }

  /** Configures {@link RedisStores}. */
  public static final class Builder {
    private final RedissonClient redisson;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private ReplicaWait replicaWait = ReplicaWait.NONE;
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
      int lone = loneSurrogate(prefix);
      if (lone >= 0) {
        throw new IllegalArgumentException(
            "keyPrefix must not contain a lone UTF-16 surrogate (at index " + lone + "): Redis names are"
                + " sent as UTF-8, where it would read as '?' and share its names with another prefix");
      }
      this.keyPrefix = prefix;
      return this;
    }

    /**
     * How long each call waits for Redis before failing with a StoreException (default 5 s; at
     * most about 292 years, {@code Long.MAX_VALUE} nanoseconds).
     */
    public Builder operationTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "operationTimeout must not be null");
      if (!timeout.isPositive()) {
        throw new IllegalArgumentException("operationTimeout must be positive, got " + timeout);
      }
      this.operationTimeout = RedisDurations.atMostMax(timeout, "operationTimeout");
      return this;
    }

    /**
     * Makes every lock acquire and extend wait until {@code replicas} replicas of the lock's
     * master confirmed it ({@code WAIT replicas timeout}, sent with the script on the same
     * connection), before the lease is handed out or counts as extended (default: no waiting).
     *
     * <p>Why: Redis replicates asynchronously, so a master that fails right after an acquire may
     * be replaced by a replica that never saw it; the lock then looks free and its fencing counter
     * goes back, so two holders may hold one key and see the same fencing token. With one replica
     * per master, {@code waitForReplicas(1, ...)} makes every lease handed out survive the
     * failover of its master (the replica that confirmed it is the one promoted); with more
     * replicas, wait for all of them for the same. It is not consensus: a confirmed replica that
     * fails too, or an operator's forced takeover by a replica that did not confirm, still loses it.
     *
     * <p>The price: each acquire and extend takes one more replication hop, and while fewer than
     * {@code replicas} replicas answer, every acquire fails with a StoreException after
     * {@code timeout} (the lock is taken back) and every extend fails likewise (the lease keeps its
     * old expiry). Rate limits and circuit state do not wait: a failover that loses their last
     * writes admits a few more calls or repeats a transition, which their policies absorb.
     *
     * @param replicas how many replicas must confirm, at least 1; on a server without replicas
     *     every acquire fails, so leave it off there
     * @param timeout how long to wait for them, positive and shorter than the operation timeout so
     *     the answer arrives before the call gives up
     */
    public Builder waitForReplicas(int replicas, Duration timeout) {
      if (replicas < 1) {
        throw new IllegalArgumentException(
            "waitForReplicas: replicas must be at least 1, got " + replicas + "; to wait for none, do not call it");
      }
      Objects.requireNonNull(timeout, "waitForReplicas: timeout must not be null");
      if (!timeout.isPositive() || timeout.toMillis() < 1) {
        throw new IllegalArgumentException(
            "waitForReplicas: timeout must be at least 1 ms (WAIT counts in milliseconds; 0 would wait forever), got "
                + timeout);
      }
      this.replicaWait = new ReplicaWait(replicas, timeout);
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

    private static int loneSurrogate(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++; // a pair: one code point
        } else if (Character.isSurrogate(c)) {
          return i;
        }
      }
      return -1;
    }

    /** The stores. */
    public RedisStores build() {
      if (replicaWait.enabled() && replicaWait.timeout().compareTo(operationTimeout) >= 0) {
        throw new IllegalArgumentException(
            "waitForReplicas: timeout " + replicaWait.timeout() + " must be shorter than operationTimeout "
                + operationTimeout + ", so that the replicas' answer arrives before the call gives up");
      }
      return new RedisStores(this);
    }
  }
}
