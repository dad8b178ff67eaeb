package io.gogoscope.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.testing.RequiresServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Issue 10, item 5 on Redis: TTLs and windows longer than the bound every store shares (100 years)
 * and operation timeouts too long for nanosecond arithmetic are refused with an
 * IllegalArgumentException naming the setting and its bound (never an ArithmeticException), those
 * within it work, and a refused call's {@code retryAfter} is right however long the window.
 */
@RequiresServer(name = "Redis", host = TestRedis.HOST, port = TestRedis.PORT)
class RedisDurationBoundsTest {
  private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);
  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
  private static final Duration A_YEAR = ChronoUnit.YEARS.getDuration();

  private static RedissonClient redisson;
  private final String prefix = TestRedis.randomPrefix("duration-bounds");
  private final RedisStores stores;

  RedisDurationBoundsTest() {
    this.stores = RedisStores.builder(redisson).keyPrefix(prefix).build();
  }

  @BeforeAll
  static void connect() {
    redisson = TestRedis.connect();
  }

  @AfterAll
  static void disconnect() {
    if (redisson != null) {
      redisson.shutdown();
    }
  }

  @AfterEach
  void deleteKeys() {
    TestRedis.deleteKeys(redisson, prefix);
  }

  @Test
  void anOperationTimeoutBeyondTheBoundIsRefusedNamingTheSettingAndTheBound() {
    for (Duration tooLong : new Duration[] {HUGE, LONGEST.plusNanos(1), Duration.ofDays(365L * 300)}) {
      assertThatThrownBy(() -> RedisStores.builder(redisson).operationTimeout(tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("operationTimeout must be at most about 292 years")
          .hasMessageContaining(tooLong.toString());
    }
    RedisStores longest = RedisStores.builder(redisson).keyPrefix(prefix).operationTimeout(LONGEST).build();
    Lease lease = longest.lockProvider().tryAcquire("with-the-longest-timeout", Duration.ofSeconds(30)).orElseThrow();
    assertThat(lease.release()).isTrue();
  }

  @Test
  void aLockTtlBeyondTheBoundIsRefusedOnAcquireAndExtend() throws Exception {
    LockProvider locks = stores.lockProvider();
    for (Duration tooLong : new Duration[] {HUGE, LONGEST.plusNanos(1)}) {
      assertThatThrownBy(() -> locks.tryAcquire("k", tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl must be at most 36500 days (100 years)");
      assertThatThrownBy(() -> locks.acquire("k", tooLong, Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl must be at most 36500 days (100 years)");
      Lease lease = locks.tryAcquire("k", Duration.ofSeconds(30)).orElseThrow();
      assertThatThrownBy(() -> lease.extend(tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl must be at most 36500 days (100 years)");
      assertThat(lease.release()).isTrue();
    }
  }

  @Test
  void theLongestTtlHoldsTheLockForItAndTheWatchdogTakesItToo() {
    for (LockProvider locks : new LockProvider[] {stores.lockProvider(), RedisStores.builder(redisson).keyPrefix(prefix).lockWatchdog(true).build().lockProvider()}) {
      Lease lease = locks.tryAcquire("longest", StoreArguments.MAX_DURATION).orElseThrow();
      assertThat(lease.isValid()).isTrue();
      long ttlInRedis = redisson.getBucket(new RedisKeys(prefix).lock("longest")).remainTimeToLive();
      assertThat(Duration.ofMillis(ttlInRedis)).isGreaterThan(A_YEAR.multipliedBy(99));
      assertThat(lease.extend(StoreArguments.MAX_DURATION)).isTrue();
      assertThat(lease.release()).isTrue();
    }
  }

  @Test
  void aWaitTooLongToCountInNanosecondsWaitsAsLongAsNeeded() throws Exception {
    LockProvider locks = stores.lockProvider();
    Lease holder = locks.tryAcquire("waited", Duration.ofSeconds(30)).orElseThrow();
    Thread.ofVirtual().start(() -> holder.release());
    Optional<Lease> lease = locks.acquire("waited", Duration.ofSeconds(30), HUGE);
    assertThat(lease).isPresent();
    assertThat(lease.get().release()).isTrue();
  }

  @Test
  void aWindowBeyondTheBoundIsRefusedNamingTheSettingAndTheBound() {
    RateLimitStore limits = stores.rateLimitStore();
    for (Duration tooLong : new Duration[] {HUGE, LONGEST.plusNanos(1), A_YEAR.multipliedBy(1_000)}) {
      assertThatThrownBy(() -> limits.checkAndIncrement("k", 1, tooLong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("window must be at most 36500 days (100 years)")
          .hasMessageContaining(tooLong.toString());
    }
  }

  @Test
  void retryAfterIsTheWholeWindowForVeryLongWindows() {
    RateLimitStore limits = stores.rateLimitStore();
    for (Duration window : new Duration[] {A_YEAR.multipliedBy(50), A_YEAR.multipliedBy(99), StoreArguments.MAX_DURATION}) {
      String key = "long-window-" + window.toDays();
      assertThat(limits.checkAndIncrement(key, 1, window).allowed()).isTrue();
      Instant before = Instant.now();
      RateLimitDecision refused = limits.checkAndIncrement(key, 1, window);
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.retryAfter(before))
          .as("retryAfter for a window of %s", window)
          .isGreaterThan(window.minusSeconds(10))
          .isLessThanOrEqualTo(window.plusSeconds(1));
    }
  }
}
