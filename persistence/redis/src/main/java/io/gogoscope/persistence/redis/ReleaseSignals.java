package io.gogoscope.persistence.redis;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.client.codec.StringCodec;

/**
 * Wakes waiting acquirers when a lock is released: the release script publishes on the lock's
 * channel, and each waiter listens there while it waits. Redisson subscribes each channel once per
 * client however many local waiters listen, and resubscribes after a reconnect.
 */
final class ReleaseSignals {
  private final RedisCalls redis;

  ReleaseSignals(RedisCalls redis) {
    this.redis = redis;
  }

  /** Starts listening on {@code channel}; returns once Redis confirmed the subscription. */
  Subscription subscribe(String channel) throws InterruptedException {
    RTopic topic = redis.redisson().getTopic(channel, StringCodec.INSTANCE);
    Semaphore wakeUps = new Semaphore(0);
    int listener =
        redis.awaitInterruptibly(
            "subscribing to lock releases on '" + channel + "'",
            topic.addListenerAsync(String.class, (ch, message) -> wakeUps.release()));
    return new Subscription(topic, listener, wakeUps);
  }

  /** One waiter's subscription; close it when done waiting. */
  final class Subscription implements AutoCloseable {
    private final RTopic topic;
    private final int listener;
    private final Semaphore wakeUps;

    private Subscription(RTopic topic, int listener, Semaphore wakeUps) {
      this.topic = topic;
      this.listener = listener;
      this.wakeUps = wakeUps;
    }

    /** Waits until a release is announced or {@code nanos} pass. */
    void await(long nanos) throws InterruptedException {
      if (wakeUps.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
        wakeUps.drainPermits(); // several releases since the last attempt need one attempt only
      }
    }

    @Override
    public void close() {
      // Not waited for: the listener only wakes this waiter, and Redisson drops the channel
      // subscription once its last listener is gone.
      var ignored = topic.removeListenerAsync(listener);
    }
  }
}
