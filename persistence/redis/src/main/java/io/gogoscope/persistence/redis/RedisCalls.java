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
 *
 * <p>Three ways to wait, by what an interrupt of the waiting thread should do: end the wait with
 * an {@link InterruptedException} ({@link #awaitInterruptibly}, for waits the caller may cancel),
 * end it with a {@link StoreException} ({@link #await}, for calls whose interface declares no
 * {@code InterruptedException}), or not end it at all ({@link #awaitUninterruptibly}, for what must
 * complete even on a cancelled thread: releasing and extending a lease). In every case the
 * thread's interrupt flag is set again afterwards.
 */
final class RedisCalls {
  private final RedissonClient redisson;
  private final RScript scripts;
  private final Duration timeout;
  private final long timeoutNanos;

  RedisCalls(RedissonClient redisson, Duration timeout) {
    this.redisson = redisson;
    this.scripts = redisson.getScript(StringCodec.INSTANCE);
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
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

  /**
   * Runs {@code script} and waits for its reply, however often the thread is interrupted
   * meanwhile; the interrupt flag is set again before returning or throwing.
   */
  <R> R callUninterruptibly(String what, LuaScript script, ReturnType returns, List<Object> keys, Object... args) {
    return awaitUninterruptibly(what, start(script, returns, keys, args));
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
    return get(what, reply.toCompletableFuture(), timeoutNanos);
  }

  /**
   * Waits for {@code reply} up to the operation timeout, not ending the wait when the thread is
   * interrupted (before or during it); the interrupt flag is set again before returning or
   * throwing, so the caller still sees it.
   */
  <R> R awaitUninterruptibly(String what, CompletionStage<R> reply) {
    CompletableFuture<R> future = reply.toCompletableFuture();
    long deadline = System.nanoTime() + timeoutNanos;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return get(what, future, deadline - System.nanoTime());
        } catch (InterruptedException e) {
          interrupted = true; // the flag is clear now, so the next wait waits
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <R> R get(String what, CompletableFuture<R> future, long nanos) throws InterruptedException {
    try {
      return future.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new StoreException(
          what + " got no reply from Redis within " + timeout
              + "; check that Redis is reachable, or raise RedisStores.Builder.operationTimeout",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof StoreException saysWhat) {
        throw new StoreException(saysWhat.getMessage(), saysWhat); // thrown here too, for this stack
      }
      throw new StoreException(what + " failed in Redis: " + cause.getMessage(), cause);
    }
  }
}
