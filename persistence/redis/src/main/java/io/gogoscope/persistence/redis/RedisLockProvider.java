package io.gogoscope.persistence.redis;

import io.gogoscope.persistence.redis.LuaScript.Replicated;
import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript.ReturnType;

/**
 * Token-owned locks in Redis, one script call per operation; never Redisson's thread-owned
 * {@code RLock}. See {@link RedisStores} for the keys it keeps.
 *
 * <p>Releasing and extending wait for Redis however often the calling thread is interrupted (a
 * cancelled scope releases its locks on an interrupted thread), and leave the interrupt set. An
 * acquire whose reply the caller stops waiting for is taken back ({@link Abandonment}).
 */
final class RedisLockProvider implements LockProvider {
  private static final LuaScript ACQUIRE = LuaScript.load("lock-acquire");
  private static final LuaScript RELEASE = LuaScript.load("lock-release");
  private static final LuaScript ABANDON = LuaScript.load("lock-abandon");
  private static final LuaScript EXTEND = LuaScript.load("lock-extend");
  private static final LuaScript HOLDS = LuaScript.load("lock-holds");

  /** Longest sleep between attempts of a waiting acquire when no release is announced. */
  private static final long MAX_POLL_MILLIS = 1_000;

  private final RedisCalls redis;
  private final RedisKeys keys;
  private final ReplicaWait replicaWait;
  private final ReleaseSignals signals;
  private final Tokens tokens = new Tokens();

  RedisLockProvider(RedisCalls redis, RedisKeys keys, ReplicaWait replicaWait) {
    this.redis = redis;
    this.keys = keys;
    this.replicaWait = replicaWait;
    this.signals = new ReleaseSignals(redis);
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    checkKeyAndTtl(key, ttl);
    return attempt(key, ttl).lease();
  }

  @Override
  public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait)
      throws InterruptedException {
    checkKeyAndTtl(key, ttl);
    StoreArguments.maxWait(maxWait);
    // A wait too long to count in nanoseconds is as good as forever: saturate rather than overflow
    // (the sum may wrap around; differences from it stay right).
    long deadline = System.nanoTime() + StoreArguments.saturatedNanos(maxWait);
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

  private static void checkKeyAndTtl(String key, Duration ttl) {
    StoreArguments.key(key, "key");
    StoreArguments.ttl(ttl);
  }

  private Attempt attempt(String key, Duration ttl) {
    String token = tokens.next();
    CompletionStage<Attempt> reply = start(key, ttl, token);
    try {
      return redis.await(acquiring(key), reply);
    } catch (StoreException e) {
      Abandonment.awaitWhereAnswered(redis, reply, abandon(key, ttl, token, reply), e);
      throw e;
    }
  }

  private Attempt attemptInterruptibly(String key, Duration ttl) throws InterruptedException {
    String token = tokens.next();
    CompletionStage<Attempt> reply = start(key, ttl, token);
    try {
      return redis.awaitInterruptibly(acquiring(key), reply);
    } catch (StoreException | InterruptedException e) {
      Abandonment.awaitWhereAnswered(redis, reply, abandon(key, ttl, token, reply), e);
      throw e;
    }
  }

  private static String acquiring(String key) {
    return "acquiring lock '" + key + "'";
  }

  private CompletionStage<Attempt> start(String key, Duration ttl, String token) {
    // Taken before sending, so the lease's local deadline is never later than its expiry in Redis.
    long started = System.nanoTime();
    String lock = keys.lock(key);
    List<Object> scriptKeys = List.of(lock, RedisKeys.fenceOf(lock), RedisKeys.abandonedOf(lock, token));
    String ttlMillis = RedisDurations.millis(ttl);
    if (!replicaWait.enabled()) {
      CompletionStage<List<Long>> reply = redis.start(ACQUIRE, ReturnType.MULTI, scriptKeys, token, ttlMillis);
      return reply.thenApply(r -> attempt(key, lock, token, ttl, started, r));
    }
    CompletionStage<Replicated<List<Long>>> reply =
        ACQUIRE.runThenWait(redis.redisson(), replicaWait.options(), ReturnType.MULTI, scriptKeys, token, ttlMillis);
    return reply.thenApply(
        r -> {
          Attempt attempt = attempt(key, lock, token, ttl, started, r.reply());
          if (attempt.lease().isPresent() && r.replicas() < replicaWait.replicas()) {
            // Thrown into the reply: the caller abandons the acquire, which releases the lock.
            throw new StoreException(replicaWait.shortfall(acquiring(key), r.replicas()) + "; not handed out");
          }
          return attempt;
        });
  }

  private Attempt attempt(String key, String lock, String token, Duration ttl, long started, List<Long> reply) {
    return reply.get(0) == 1
        ? new Attempt(Optional.of(new RedisLease(key, lock, token, reply.get(1), started + ttl.toNanos())), 0)
        : new Attempt(Optional.empty(), reply.get(1));
  }

  /** Takes back an acquire whose reply the caller gave up on (see {@link Abandonment}). */
  private CompletionStage<?> abandon(String key, Duration ttl, String token, CompletionStage<Attempt> reply) {
    String lock = keys.lock(key);
    List<Object> abandonKeys = List.of(lock, RedisKeys.abandonedOf(lock, token));
    return Abandonment.abandon(
        "the abandoned acquire of lock '" + key + "'",
        reply,
        attempt -> attempt.lease().isPresent(),
        () -> redis.start(ABANDON, ReturnType.INTEGER, abandonKeys, token, RedisKeys.releasedOf(lock), RedisDurations.millis(ttl)));
  }

  /** The outcome of one acquire script call. */
  private record Attempt(Optional<Lease> lease, long holderExpiresInMillis) {}

  private final class RedisLease implements Lease {
    private final String key;
    /** The lock's name in Redis. */
    private final String lock;
    private final String token;
    private final long fencingToken;
    /** No later than the lock's expiry in Redis (measured from before the acquire was sent). */
    private volatile long expiresBeforeNanos;
    private volatile boolean released;

    RedisLease(String key, String lock, String token, long fencingToken, long expiresBeforeNanos) {
      this.key = key;
      this.lock = lock;
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
      Long holds = redis.call("checking lock '" + key + "'", HOLDS, ReturnType.INTEGER, List.of(lock), token);
      return holds == 1;
    }

    /** Waits for Redis even on an interrupted thread (the watchdog's renewal must not be lost). */
    @Override
    public boolean extend(Duration ttl) {
      StoreArguments.ttl(ttl);
      if (released || locallyExpired()) {
        return false; // once reported expired, a lease never comes back, even if Redis lags
      }
      String what = "extending lock '" + key + "'";
      List<Object> lockKey = List.of(lock);
      String ttlMillis = RedisDurations.millis(ttl);
      long sent = System.nanoTime();
      long extended;
      if (replicaWait.enabled()) {
        Replicated<Long> reply =
            redis.awaitUninterruptibly(
                what, EXTEND.<Long>runThenWait(redis.redisson(), replicaWait.options(), ReturnType.INTEGER, lockKey, token, ttlMillis));
        if (reply.reply() == 1 && reply.replicas() < replicaWait.replicas()) {
          throw new StoreException(
              replicaWait.shortfall(what, reply.replicas()) + ": after a failover the lease may end at its earlier expiry");
        }
        extended = reply.reply();
      } else {
        extended = redis.<Long>callUninterruptibly(what, EXTEND, ReturnType.INTEGER, lockKey, token, ttlMillis);
      }
      if (extended == 1) {
        expiresBeforeNanos = sent + ttl.toNanos();
        return true;
      }
      return false;
    }

    /** Waits for Redis even on an interrupted thread (a cancelled scope releases its locks). */
    @Override
    public boolean release() {
      if (released) {
        return false;
      }
      // Sent even when the lease already counts as expired here, to free the key at once if Redis
      // still holds it; but such a lease was not held any more, so the answer is false.
      boolean expired = locallyExpired();
      Long done =
          redis.callUninterruptibly(
              "releasing lock '" + key + "'", RELEASE, ReturnType.INTEGER, List.of(lock), token, RedisKeys.releasedOf(lock));
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
