package io.gogoscope;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Stores that write what they are asked into a shared log, and answer as told. */
final class FakeStores {
  private FakeStores() {}

  /** A rate limit that admits while {@code admit} is set; refused calls may retry in 5 s. */
  static final class RateLimits implements RateLimitStore {
    final List<String> log;
    final AtomicBoolean admit = new AtomicBoolean(true);
    final AtomicBoolean broken = new AtomicBoolean();
    private final TimeSource clock;

    RateLimits(List<String> log, TimeSource clock) {
      this.log = log;
      this.clock = clock;
    }

    @Override
    public RateLimitDecision checkAndIncrement(String key, int max, Duration window) {
      log.add("rate limit " + key + " " + max + "/" + window);
      if (broken.get()) {
        throw new StoreException("rate-limit store unreachable");
      }
      return admit.get()
          ? new RateLimitDecision(true, max - 1, clock.now().plus(window), max)
          : new RateLimitDecision(false, 0, clock.now().plusSeconds(5), max);
    }
  }

  /** Locks that are free while {@code free} is set; leases report whether they are held. */
  static final class Locks implements LockProvider {
    final List<String> log;
    final AtomicBoolean free = new AtomicBoolean(true);
    final AtomicBoolean broken = new AtomicBoolean();
    final AtomicBoolean held = new AtomicBoolean();
    private final AtomicLong tokens = new AtomicLong();

    Locks(List<String> log) {
      this.log = log;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, Duration ttl) {
      log.add("lock try " + key + " ttl " + ttl);
      return grant(key);
    }

    @Override
    public Optional<Lease> acquire(String key, Duration ttl, Duration maxWait) {
      log.add("lock wait " + key + " ttl " + ttl + " up to " + maxWait);
      return grant(key);
    }

    private Optional<Lease> grant(String key) {
      if (broken.get()) {
        throw new StoreException("lock store unreachable");
      }
      if (!free.get()) {
        return Optional.empty();
      }
      held.set(true);
      long token = tokens.incrementAndGet();
      return Optional.of(new Lease() {
        @Override
        public String key() {
          return key;
        }

        @Override
        public long fencingToken() {
          return token;
        }

        @Override
        public boolean isValid() {
          return held.get();
        }

        @Override
        public boolean extend(Duration ttl) {
          return held.get();
        }

        @Override
        public boolean release() {
          log.add("lock released " + key);
          return held.getAndSet(false);
        }
      });
    }
  }
}
