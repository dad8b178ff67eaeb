package io.gogoscope.persistence.redis;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript.ReturnType;

/**
 * Sliding-window rate limits in Redis: one script call per check, on the server's clock. See
 * {@link RedisStores} for the keys it keeps.
 *
 * <p>A check that fails with a {@link StoreException} uses no quota: when the caller stops
 * waiting for the reply (the operation timeout, an interrupt, a lost connection), the admission
 * the script may have made is taken back ({@link Abandonment}).
 */
final class RedisRateLimitStore implements RateLimitStore {
  private static final LuaScript CHECK = LuaScript.load("rate-limit");
  private static final LuaScript ABANDON = LuaScript.load("rate-limit-abandon");

  private final RedisCalls redis;
  private final RedisKeys keys;
  private final Tokens members = new Tokens();

  RedisRateLimitStore(RedisCalls redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public RateLimitDecision checkAndIncrement(String key, int max, Duration window) {
    StoreArguments.key(key, "key");
    StoreArguments.max(max);
    StoreArguments.window(window);
    String member = members.next();
    String windowMillis = RedisDurations.millis(window);
    String admissions = keys.rateLimit(key);
    List<Object> scriptKeys = List.of(admissions, RedisKeys.abandonedOf(admissions, member));
    CompletionStage<List<Long>> reply =
        redis.start(
            CHECK,
            ReturnType.MULTI,
            scriptKeys,
            Integer.toString(max),
            windowMillis,
            member);
    List<Long> decision;
    try {
      decision = redis.await("checking rate limit '" + key + "'", reply);
    } catch (StoreException e) {
      Abandonment.awaitWhereAnswered(redis, reply, Abandonment.abandon(
          "the abandoned check of rate limit '" + key + "'",
          reply,
          r -> r.get(0) == 1,
          () -> redis.start(ABANDON, ReturnType.INTEGER, scriptKeys, member, windowMillis)), e);
      throw e;
    }
    // The reset comes as a distance from the server's now, so it reads right on this client's
    // clock however far the two clocks are apart; counted in microseconds so no window overflows.
    Instant resetAt = Instant.now().plus(decision.get(2), ChronoUnit.MICROS);
    return new RateLimitDecision(decision.get(0) == 1, decision.get(1).intValue(), resetAt, max);
  }
}
