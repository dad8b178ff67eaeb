package io.gogoscope.persistence.redis;

import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RScript;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Runs scripts and waits for their replies at most the operation timeout, whatever Redisson's own
 * timeouts and retries are, turning every failure into a {@link StoreException} that says what
 * was being done.
 */
final class RedisCalls {
  private final RedissonClient redisson;
  private final RScript scripts;
  private final Duration timeout;

  RedisCalls(RedissonClient redisson, Duration timeout) {
    this.redisson = redisson;
    this.scripts = redisson.getScript(StringCodec.INSTANCE);
    this.timeout = timeout;
  }

  RedissonClient redisson() {
    return redisson;
  }

  Duration timeout() {
    return timeout;
  }

  /** Starts {@code script} without waiting. */
  <R> CompletionStage<R> start(LuaScript script, ReturnType returns, List<Object> keys, Object... args) {
    return script.run(scripts, returns, keys, args);
  }

  /**
   * Runs {@code script} and waits for its reply. An interrupt ends the wait with a
   * {@link StoreException} and leaves the thread's interrupt flag set.
   */
  <R> R call(String what, LuaScript script, ReturnType returns, List<Object> keys, Object... args) {
    return await(what, start(script, returns, keys, args));
  }

  /** Waits for {@code reply}, interrupt ending it with a {@link StoreException} (flag kept). */
  <R> R await(String what, CompletionStage<R> reply) {
    try {
      return awaitInterruptibly(what, reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(what + " was interrupted while waiting for Redis", e);
    }
  }

  /** Waits for {@code reply}; an interrupt ends the wait with {@link InterruptedException}. */
  <R> R awaitInterruptibly(String what, CompletionStage<R> reply) throws InterruptedException {
    CompletableFuture<R> future = reply.toCompletableFuture();
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new StoreException(
          what + " got no reply from Redis within " + timeout
              + "; check that Redis is reachable, or raise RedisStores.Builder.operationTimeout",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StoreException(what + " failed in Redis: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      future.cancel(false);
      throw e;
    }
  }
}
