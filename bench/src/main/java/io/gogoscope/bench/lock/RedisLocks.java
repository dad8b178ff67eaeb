package io.gogoscope.bench.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFencedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/** Redisson's lock pairs, written as its documentation shows them, failing loudly when held. */
final class RedisLocks {

  private RedisLocks() {}

  /** {@link RLock}: try once for {@code ttl}, then unlock; returns 1. */
  static long rlock(RedissonClient redisson, String key, Duration ttl) throws InterruptedException {
    RLock lock = redisson.getLock(key);
    if (!lock.tryLock(0, ttl.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("RLock did not acquire the free lock " + key);
    }
    lock.unlock();
    return 1;
  }

  /** {@link RFencedLock}: try once for {@code ttl}, then unlock; returns the fencing token. */
  static long fencedLock(RedissonClient redisson, String key, Duration ttl)
      throws InterruptedException {
    RFencedLock lock = redisson.getFencedLock(key);
    Long token = lock.tryLockAndGetToken(0, ttl.toMillis(), TimeUnit.MILLISECONDS);
    if (token == null) {
      throw new IllegalStateException("RFencedLock did not acquire the free lock " + key);
    }
    lock.unlock();
    return token;
  }
}
