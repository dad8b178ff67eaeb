package io.gogoscope.persistence.redis;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.StoreArguments;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript.ReturnType;

/**
 * Token-owned locks in Redis, one script call per operation; never Redisson's thread-owned
 * {@code RLock}. See {@link RedisStores} for the keys it keeps.
 */
final class RedisLockProvider implements LockProvider {
  private static final LuaScript ACQUIRE = LuaScript.load("lock-acquire");
  private static final LuaScript RELEASE = LuaScript.load("lock-release");
  private static final LuaScript EXTEND = LuaScript.load("lock-extend");
  private static final LuaScript HOLDS = LuaScript.load("lock-holds");

  /** Longest sleep between attempts of a waiting acquire when no release is announced. */
  private static final long MAX_POLL_MILLIS = 1_000;

  private final RedisCalls redis;
  private final RedisKeys keys;
  private final ReleaseSignals signals;
  private final Tokens tokens = new Tokens();

  RedisLockProvider(RedisCalls redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
    this.signals = new ReleaseSignals(redis);
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    StoreArguments.key(key, "key");
    StoreArguments.ttl(ttl);
    return attempt(key, ttl).lease();
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait)
      throws InterruptedException {
    StoreArguments.key(key, "key");
    StoreArguments.ttl(ttl);
    StoreArguments.maxWait(maxWait);
    long deadline = System.nanoTime() + maxWait.toNanos();
    Attempt attempt = attemptInterruptibly(key, ttl);
    if (attempt.lease().isPresent() || maxWait.isZero()) {
      return attempt.lease();
    }
    // Wait for a release announced on the key's channel, or the holder's expiry, whichever first.
    try (ReleaseSignals.Subscription released = signals.subscribe(keys.released(key))) {
      while (true) {
        attempt = attemptInterruptibly(key, ttl);
        long remaining = deadline - System.nanoTime();
        if (attempt.lease().isPresent() || remaining <= 0) {
          return attempt.lease();
        }
        long untilExpiry = Math.max(1, attempt.holderExpiresInMillis());
        released.await(Math.min(remaining, Duration.ofMillis(Math.min(untilExpiry, MAX_POLL_MILLIS)).toNanos()));
      }
    }
  }

  private Attempt attempt(String key, Duration ttl) {
    String token = tokens.next();
    try {
      return redis.await("acquiring lock '" + key + "'", start(key, ttl, token));
    } catch (StoreException e) {
      abandon(key, token);
      throw e;
    }
  }

  private Attempt attemptInterruptibly(String key, Duration ttl) throws InterruptedException {
    String token = tokens.next();
    try {
      return redis.awaitInterruptibly("acquiring lock '" + key + "'", start(key, ttl, token));
    } catch (StoreException | InterruptedException e) {
      abandon(key, token);
      throw e;
    }
  }

  private CompletionStage<Attempt> start(String key, Duration ttl, String token) {
    // Taken before sending, so the lease's local deadline is never later than its expiry in Redis.
    long started = System.nanoTime();
    CompletionStage<List<Long>> reply =
        redis.start(ACQUIRE, ReturnType.MULTI, List.of(keys.lock(key), keys.fence(key)), token, millis(ttl));
    return reply.thenApply(
        r -> r.get(0) == 1
            ? new Attempt(Optional.of(new RedisLease(key, token, r.get(1), started + ttl.toNanos())), 0)
            : new Attempt(Optional.empty(), r.get(1)));
  }

  /**
   * After a failed or abandoned wait for an acquire reply, the script may still have taken the
   * lock: release it in the background so it does not stay taken for its whole TTL.
   */
  private void abandon(String key, String token) {
    // The reply (or its failure) is of no use to anyone: the lock expires anyway.
    var ignored = redis.start(RELEASE, ReturnType.INTEGER, List.of(keys.lock(key)), token, keys.released(key));
  }

  private static String millis(Duration ttl) {
    return Long.toString(Math.max(1, ttl.toMillis()));
  }

  /** The outcome of one acquire script call. */
  private record Attempt(Optional<Lease> lease, long holderExpiresInMillis) {}

  private final class RedisLease implements Lease {
    private final String key;
    private final String token;
    private final long fencingToken;
    /** No later than the lock's expiry in Redis (measured from before the acquire was sent). */
    private volatile long expiresBeforeNanos;
    private volatile boolean released;

    RedisLease(String key, String token, long fencingToken, long expiresBeforeNanos) {
      this.key = key;
      this.token = token;
      this.fencingToken = fencingToken;
      this.expiresBeforeNanos = expiresBeforeNanos;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public long fencingToken() {
      return fencingToken;
    }

    @Override
    public boolean isValid() {
      if (released || locallyExpired()) {
        return false; // answered here: Redis says the same a moment later
      }
      Long holds = redis.call("checking lock '" + key + "'", HOLDS, ReturnType.INTEGER, List.of(keys.lock(key)), token);
      return holds == 1;
    }

    @Override
    public boolean extend(Duration ttl) {
      StoreArguments.ttl(ttl);
      if (released || locallyExpired()) {
        return false; // once reported expired, a lease never comes back, even if Redis lags
      }
      long sent = System.nanoTime();
      Long extended =
          redis.call("extending lock '" + key + "'", EXTEND, ReturnType.INTEGER, List.of(keys.lock(key)), token, millis(ttl));
      if (extended == 1) {
        expiresBeforeNanos = sent + ttl.toNanos();
        return true;
      }
      return false;
    }

    @Override
    public boolean release() {
      if (released) {
        return false;
      }
      // Sent even when the lease already counts as expired here, to free the key at once if Redis
      // still holds it; but such a lease was not held any more, so the answer is false.
      boolean expired = locallyExpired();
      Long done =
          redis.call(
              "releasing lock '" + key + "'", RELEASE, ReturnType.INTEGER, List.of(keys.lock(key)), token, keys.released(key));
      released = true;
      return done == 1 && !expired;
    }

    /**
     * {@code true} once the TTL has passed on this client's clock, measured from before the
     * acquire (or extend) was sent, so never later than the expiry in Redis.
     */
    private boolean locallyExpired() {
      return System.nanoTime() - expiresBeforeNanos >= 0;
    }

    @Override
    public String toString() {
      return "RedisLease[" + key + ", fencingToken=" + fencingToken + "]";
    }
  }
}
