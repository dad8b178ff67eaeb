package io.gogoscope.persistence.redis;

import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.StoreArguments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.redisson.api.RScript.ReturnType;

/**
 * Sliding-window rate limits in Redis: one script call per check, on the server's clock. See
 * {@link RedisStores} for the keys it keeps.
 */
final class RedisRateLimitStore implements RateLimitStore {
  private static final LuaScript CHECK = LuaScript.load("rate-limit");

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
    List<Long> reply =
        redis.call(
            "checking rate limit '" + key + "'",
            CHECK,
            ReturnType.MULTI,
            List.of(keys.rateLimit(key)),
            Integer.toString(max),
            Long.toString(Math.max(1, window.toMillis())),
            members.next());
    Instant received = Instant.now();
    long serverNowMicros = reply.get(3);
    long resetMicros = reply.get(2);
    // The reset time travels as a distance from the server's now, so it reads right on this
    // client's clock however far the two clocks are apart.
    Instant resetAt = received.plusNanos((resetMicros - serverNowMicros) * 1_000);
    return new RateLimitDecision(reply.get(0) == 1, reply.get(1).intValue(), resetAt, max);
  }
}
