package io.gogoscope.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.RateLimitDecision;
import io.gogoscope.store.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Window and TTL edges to the millisecond, on every dialect's own SQL: the stores read "now" from a
 * clock the test moves (bound into the same statements that read the database clock in production),
 * so the edges are checked exactly and without sleeping.
 */
class ExactEdgesTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final BackendCache BACKENDS = new BackendCache();

  private final AtomicLong now = new AtomicLong(T0);

  @AfterAll
  static void closeBackends() {
    BACKENDS.close();
  }

  private JdbiStores stores(SqlDialect dialect) {
    return BACKENDS.get(dialect).stores(b -> b.clock(now::get));
  }

  private static String key() {
    return "edge:" + UUID.randomUUID();
  }

  private RateLimitDecision check(RateLimitStore store, String key, long at, int max, long window) {
    now.set(at);
    return store.checkAndIncrement(key, max, Duration.ofMillis(window));
  }

  private static void assertDecision(RateLimitDecision d, boolean allowed, int remaining, long resetAt) {
    assertThat(d.allowed()).as("allowed %s", d).isEqualTo(allowed);
    assertThat(d.remaining()).as("remaining %s", d).isEqualTo(remaining);
    assertThat(d.resetAt()).as("resetAt %s", d).isEqualTo(Instant.ofEpochMilli(resetAt));
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aSlotReopensExactlyOneWindowAfterTheAdmissionThatHeldIt(SqlDialect dialect) {
    RateLimitStore store = stores(dialect).rateLimitStore();
    String key = key();
    assertDecision(check(store, key, T0, 3, 1000), true, 2, T0 + 1000);
    assertDecision(check(store, key, T0 + 10, 3, 1000), true, 1, T0 + 1000);
    assertDecision(check(store, key, T0 + 20, 3, 1000), true, 0, T0 + 1000);
    assertDecision(check(store, key, T0 + 999, 3, 1000), false, 0, T0 + 1000);
    // The window is (now - 1000, now]: at T0 + 1000 the admission of T0 no longer counts.
    assertDecision(check(store, key, T0 + 1000, 3, 1000), true, 0, T0 + 1010);
    assertDecision(check(store, key, T0 + 1009, 3, 1000), false, 0, T0 + 1010);
    assertDecision(check(store, key, T0 + 1010, 3, 1000), true, 0, T0 + 1020);
    // Long after, the log's old entries do not count: only this call is in the window.
    assertDecision(check(store, key, T0 + 5000, 3, 1000), true, 2, T0 + 6000);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aLimitOfOneAlternates(SqlDialect dialect) {
    RateLimitStore store = stores(dialect).rateLimitStore();
    String key = key();
    assertDecision(check(store, key, T0, 1, 100), true, 0, T0 + 100);
    assertDecision(check(store, key, T0 + 99, 1, 100), false, 0, T0 + 100);
    assertDecision(check(store, key, T0 + 100, 1, 100), true, 0, T0 + 200);
    assertDecision(check(store, key, T0 + 150, 1, 100), false, 0, T0 + 200);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aChangedLimitCountsTheSameAdmissions(SqlDialect dialect) {
    RateLimitStore store = stores(dialect).rateLimitStore();
    String key = key();
    for (int i = 0; i < 4; i++) {
      assertThat(check(store, key, T0 + i, 5, 1000).allowed()).isTrue();
    }
    // Lowered to 2: four admissions in the window; a slot frees when the second most recent leaves.
    assertDecision(check(store, key, T0 + 10, 2, 1000), false, 0, T0 + 1002);
    assertDecision(check(store, key, T0 + 1002, 2, 1000), true, 0, T0 + 1003);
    // Raised to 5 again. That admission trimmed the log to (T0 + 3, T0 + 1002), which loses nothing:
    // a call is admitted only once all but the newest max - 1 admissions left the window. In the
    // window (T0 + 3, T0 + 1003] are T0 + 1002 and this call.
    assertDecision(check(store, key, T0 + 1003, 5, 1000), true, 3, T0 + 2002);
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aClockStepBackNeverAdmitsMoreThanMax(SqlDialect dialect) {
    RateLimitStore store = stores(dialect).rateLimitStore();
    String key = key();
    assertThat(check(store, key, T0 + 500, 2, 1000).allowed()).isTrue();
    // An admission stamped earlier than the newest kept one (a lock wait, a clock step) is stamped
    // at the newest instead: the log stays sorted and the window counts it as late as possible.
    assertDecision(check(store, key, T0 + 100, 2, 1000), true, 0, T0 + 1500);
    assertDecision(check(store, key, T0 + 1499, 2, 1000), false, 0, T0 + 1500);
    assertThat(check(store, key, T0 + 1500, 2, 1000).allowed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(SqlDialect.class)
  void aLeaseIsHeldUntilItsTtlAndFreeFromItsLastMillisecond(SqlDialect dialect) throws Exception {
    JdbiStores stores = stores(dialect);
    LockProvider first = stores.lockProvider();
    LockProvider second = stores(dialect).lockProvider();
    String key = key();
    now.set(T0);
    Lease lease = first.tryAcquire(key, Duration.ofMillis(1000)).orElseThrow();
    now.set(T0 + 999);
    assertThat(lease.isValid()).isTrue();
    assertThat(second.tryAcquire(key, Duration.ofMillis(1000))).isEmpty();
    now.set(T0 + 1000);
    assertThat(lease.isValid()).isFalse();
    Lease next = second.tryAcquire(key, Duration.ofMillis(1000)).orElseThrow();
    assertThat(next.fencingToken()).isEqualTo(lease.fencingToken() + 1);
    assertThat(lease.extend(Duration.ofMillis(1000))).isFalse();

    now.set(T0 + 1500);
    assertThat(next.extend(Duration.ofMillis(1000))).as("extend to 1000 ms from now").isTrue();
    now.set(T0 + 2499);
    assertThat(next.isValid()).isTrue();
    now.set(T0 + 2500);
    assertThat(next.isValid()).isFalse();
    assertThat(next.release()).as("release of an expired lease").isFalse();
    Lease third = first.acquire(key, Duration.ofMillis(1000), Duration.ZERO).orElseThrow();
    assertThat(third.fencingToken()).isEqualTo(next.fencingToken() + 1);
    assertThat(third.release()).isTrue();
  }
}
