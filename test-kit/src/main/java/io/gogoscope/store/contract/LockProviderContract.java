package io.gogoscope.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gogoscope.store.Lease;
import io.gogoscope.store.LockProvider;
import io.gogoscope.store.spi.StoreArguments;
import io.gogoscope.store.WatchdogLockProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link LockProvider} must show, whatever its backend. A backend's test
 * extends this class and implements {@link #newClient()}:
 *
 * <pre>{@code
 * @RequiresServer(name = "Redis", port = 6379)
 * class RedisLockProviderContractTest extends LockProviderContract {
 *   @Override protected LockProvider newClient() { return ...; }
 * }
 * }</pre>
 *
 * <p>Each test works on keys of its own (a random suffix), so backends shared with other test runs
 * need no flushing between tests. Times are real: TTLs are short ({@link #shortTtl()}) and every
 * expected event is awaited by polling, up to {@link #patience()}, never by a fixed sleep.
 *
 * <p>The tests are split by topic along one chain of classes, so a backend that extends this class
 * runs them all: {@link LockCancellationContract} holds those of interrupted and cancelled callers.
 */
public abstract class LockProviderContract extends LockCancellationContract {

  @Test
  void acquireThenReleaseFreesTheKey() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    assertThat(lease.key()).isEqualTo(key);
    assertThat(lease.isValid()).isTrue();

    assertThat(lease.release()).isTrue();
    assertThat(lease.isValid()).isFalse();
    assertThat(lease.release()).as("a second release").isFalse();
    assertThat(lease.extend(longTtl())).as("extend after release").isFalse();

    try (Lease again = held(second.tryAcquire(key, longTtl()))) {
      assertThat(again.isValid()).isTrue();
    }
  }

  @Test
  void closeReleasesAndNeverThrowsForALeaseNoLongerHeld() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    lease.close();
    assertThat(lease.isValid()).isFalse();
    lease.close();
    held(second.tryAcquire(key, longTtl())).close();
  }

  @Test
  void aHeldKeyIsRefusedToEveryOtherAcquirer() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    assertThat(second.tryAcquire(key, longTtl())).as("second client").isEmpty();
    assertThat(first.tryAcquire(key, longTtl())).as("same client, new lease").isEmpty();
    assertThat(lease.isValid()).isTrue();
    lease.release();
  }

  @Test
  void keysAreIndependent() {
    try (Lease a = held(first.tryAcquire(key("a"), longTtl()));
        Lease b = held(second.tryAcquire(key("b"), longTtl()))) {
      assertThat(a.isValid()).isTrue();
      assertThat(b.isValid()).isTrue();
    }
  }

  @Test
  void anotherThreadMayReleaseTheLease() throws Exception {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    boolean released;
    try (ExecutorService other = Executors.newVirtualThreadPerTaskExecutor()) {
      released = other.submit(lease::release).get(patience().toMillis(), TimeUnit.MILLISECONDS);
    }
    assertThat(released).isTrue();
    held(second.tryAcquire(key, longTtl())).release();
  }

  @Test
  void contendingThreadsNeverHoldTheKeyTogether() throws Exception {
    String key = key("k");
    int threads = 8;
    int rounds = 25;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        LockProvider client = t % 2 == 0 ? first : second;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    Lease lease = held(client.acquire(key, longTtl(), patience()));
                    try {
                      if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                      }
                      tokens.add(lease.fencingToken());
                      Thread.sleep(1);
                      inside.decrementAndGet();
                    } finally {
                      assertThat(lease.release()).isTrue();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(patience().toMillis() * 6, TimeUnit.MILLISECONDS);
      }
    }
    assertThat(overlaps.get()).as("holders inside together").isZero();
    assertThat(tokens).hasSize(threads * rounds);
    assertThat(tokens).as("fencing tokens in the order holders entered").isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aLeaseExpiresAfterItsTtl() {
    String key = key("k");
    Duration ttl = shortTtl();
    long before = System.nanoTime();
    Lease lease = held(first.tryAcquire(key, ttl));
    assertRefusedWhileTheTtlRuns(second.tryAcquire(key, ttl), before, ttl);

    AtomicReference<Lease> next = new AtomicReference<>();
    await()
        .atMost(ttl.plus(patience()))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> second.tryAcquire(key, longTtl()).map(l -> { next.set(l); return true; }).orElse(false));
    Duration waited = Duration.ofNanos(System.nanoTime() - before);
    assertThat(waited).as("free only once the TTL passed").isGreaterThanOrEqualTo(ttl.minus(clockTolerance()));
    assertThat(lease.isValid()).isFalse();
    next.get().release();
  }

  /**
   * A lease taken at or after {@code before} with {@code ttl} must refuse {@code attempt}, unless
   * the TTL may have passed by the time the attempt returned: a stall of the test thread on a loaded
   * machine can outlast a short TTL, and then the key is free again, as it should be.
   */
  private void assertRefusedWhileTheTtlRuns(Optional<Lease> attempt, long before, Duration ttl) {
    Duration since = Duration.ofNanos(System.nanoTime() - before);
    attempt.ifPresent(Lease::release);
    if (attempt.isPresent()) {
      assertThat(since).as("another acquirer got the key right after acquiring, before its TTL could pass")
          .isGreaterThanOrEqualTo(ttl.minus(clockTolerance()));
    }
  }

  @Test
  void isValidTurnsFalseOnceTheTtlPasses() {
    String key = key("k");
    long before = System.nanoTime();
    Lease lease = held(first.tryAcquire(key, shortTtl()));
    boolean validRightAfter = lease.isValid();
    if (!validRightAfter) {
      assertThat(Duration.ofNanos(System.nanoTime() - before))
          .as("invalid right after acquiring, before its TTL could pass")
          .isGreaterThanOrEqualTo(shortTtl().minus(clockTolerance()));
    }
    await().atMost(shortTtl().plus(patience())).pollInterval(Duration.ofMillis(10)).until(() -> !lease.isValid());
    assertThat(lease.extend(longTtl())).as("extend after expiry").isFalse();
    assertThat(lease.release()).as("release after expiry").isFalse();
    held(second.tryAcquire(key, longTtl())).release();
  }

  @Test
  void extendKeepsTheLeaseBeyondItsFirstTtl() {
    String key = key("k");
    Lease extended = null;
    // Extending must come before the short TTL passes. A stall of the test thread on a loaded
    // machine can outlast it, and then the refusal is right; such a try is measured and repeated.
    for (int tries = 1; extended == null; tries++) {
      long before = System.nanoTime();
      Lease taken = held(first.tryAcquire(key, shortTtl()));
      if (taken.extend(longTtl())) {
        extended = taken;
      } else {
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("extend refused before the TTL could pass")
            .isGreaterThanOrEqualTo(shortTtl().minus(clockTolerance()));
        assertThat(tries).as("tries whose extend came after the TTL").isLessThan(3);
      }
    }
    Lease lease = extended;
    // Well past the first TTL the key is still held.
    await()
        .during(shortTtl().multipliedBy(3))
        .atMost(shortTtl().multipliedBy(3).plus(patience()))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> second.tryAcquire(key, longTtl()).isEmpty() && lease.isValid());
    assertThat(lease.release()).isTrue();
  }

  @Test
  void extendSetsTheTtlFromNowRatherThanAddingToIt() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    assertThat(lease.extend(shortTtl())).isTrue();
    await()
        .atMost(shortTtl().plus(patience()))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> second.tryAcquire(key, longTtl()).map(Lease::release).isPresent());
    assertThat(lease.isValid()).isFalse();
  }

  @Test
  void releaseAfterKeepsTheKeyUntilThenAndFreesItAfter() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    long before = System.nanoTime();
    assertThat(lease.releaseAfter(shortTtl())).isTrue();
    Optional<Lease> early = second.tryAcquire(key, longTtl());
    if (Duration.ofNanos(System.nanoTime() - before).compareTo(shortTtl().minus(clockTolerance())) < 0) {
      assertThat(early).as("the key within the minimum hold").isEmpty();
    }
    early.ifPresent(Lease::release);
    await()
        .atMost(shortTtl().plus(patience()))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> second.tryAcquire(key, longTtl()).map(Lease::release).isPresent());
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isGreaterThanOrEqualTo(shortTtl().minus(clockTolerance()));
  }

  @Test
  void releaseAfterZeroReleasesNow() {
    String key = key("k");
    Lease lease = held(first.tryAcquire(key, longTtl()));
    assertThat(lease.releaseAfter(Duration.ZERO)).isTrue();
    held(second.tryAcquire(key, longTtl())).release();
    assertThat(lease.releaseAfter(Duration.ofSeconds(1))).as("a lease no longer held").isFalse();
  }

  @Test
  void anExpiredOwnerCannotReleaseOrExtendTheNextHolder() {
    String key = key("k");
    Lease stale = held(first.tryAcquire(key, shortTtl()));
    AtomicReference<Lease> next = new AtomicReference<>();
    await()
        .atMost(shortTtl().plus(patience()))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> second.tryAcquire(key, longTtl()).map(l -> { next.set(l); return true; }).orElse(false));
    Lease current = next.get();

    assertThat(stale.isValid()).isFalse();
    assertThat(stale.release()).as("release by the expired owner").isFalse();
    assertThat(stale.extend(longTtl())).as("extend by the expired owner").isFalse();
    stale.close();

    assertThat(current.isValid()).as("the new holder still holds it").isTrue();
    assertThat(first.tryAcquire(key, longTtl())).as("and nobody else may take it").isEmpty();
    assertThat(current.fencingToken()).isGreaterThan(stale.fencingToken());
    assertThat(current.release()).isTrue();
  }

  @Test
  void fencingTokensGrowStrictlyAcrossOwnersAndReleases() {
    String key = key("k");
    List<Long> tokens = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      LockProvider client = i % 2 == 0 ? first : second;
      Lease lease = held(client.tryAcquire(key, longTtl()));
      tokens.add(lease.fencingToken());
      assertThat(lease.release()).isTrue();
    }
    assertThat(tokens).isSorted().doesNotHaveDuplicates();
    assertThat(tokens.get(0)).isPositive();
  }

  @Test
  void fencingTokensGrowAcrossExpiry() {
    String key = key("k");
    Lease expired = held(first.tryAcquire(key, shortTtl()));
    await().atMost(shortTtl().plus(patience())).pollInterval(Duration.ofMillis(10)).until(() -> !expired.isValid());
    try (Lease next = held(second.acquire(key, longTtl(), patience()))) {
      assertThat(next.fencingToken()).isGreaterThan(expired.fencingToken());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void boundedAcquireGivesUpAfterItsWait() throws InterruptedException {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, longTtl()));
    Duration wait = Duration.ofMillis(300);
    long before = System.nanoTime();
    Optional<Lease> lease = second.acquire(key, longTtl(), wait);
    Duration waited = Duration.ofNanos(System.nanoTime() - before);
    assertThat(lease).isEmpty();
    assertThat(waited).isGreaterThanOrEqualTo(wait.minus(clockTolerance())).isLessThan(wait.plus(patience()));
    holder.release();
  }

  @Test
  void boundedAcquireWithZeroWaitTriesOnce() throws InterruptedException {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, longTtl()));
    assertThat(second.acquire(key, longTtl(), Duration.ZERO)).isEmpty();
    holder.release();
    held(second.acquire(key, longTtl(), Duration.ZERO)).release();
  }

  @Test
  void boundedAcquireTakesTheKeyWhenItsHolderReleases() throws Exception {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, longTtl()));
    CompletableFuture<Optional<Lease>> waiter;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return second.acquire(key, longTtl(), patience().multipliedBy(3));
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              pool);
      Thread.sleep(100); // let the waiter start waiting; the test passes either way
      assertThat(waiter).isNotDone();
      long released = System.nanoTime();
      holder.release();
      Lease lease = held(waiter.get(patience().toMillis(), TimeUnit.MILLISECONDS));
      Duration handOff = Duration.ofNanos(System.nanoTime() - released);
      assertThat(handOff).as("hand-off after release").isLessThan(patience());
      assertThat(lease.fencingToken()).isGreaterThan(holder.fencingToken());
      lease.release();
    }
  }

  @Test
  void boundedAcquireTakesTheKeyWhenItsHolderExpires() throws InterruptedException {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, shortTtl()));
    Lease lease = held(second.acquire(key, longTtl(), shortTtl().plus(patience())));
    assertThat(holder.isValid()).isFalse();
    lease.release();
  }

  @Test
  void boundedAcquireStopsWhenInterrupted() throws Exception {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, longTtl()));
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    outcome.set(new AssertionError("acquired " + second.acquire(key, longTtl(), longTtl())));
                  } catch (Throwable t) {
                    outcome.set(t);
                  }
                });
    Thread.sleep(100); // let it wait; interrupting earlier must work too
    waiter.interrupt();
    assertThat(waiter.join(patience())).as("the waiter stopped").isTrue();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    holder.release();
  }

  @Test
  void refusesMisuseWithAClearMessage() {
    assertThatThrownBy(() -> first.tryAcquire(key("k"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> first.tryAcquire(key("k"), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> first.acquire(key("k"), longTtl(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWait");
    assertThatThrownBy(() -> first.tryAcquire(null, longTtl())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> first.tryAcquire("", longTtl())).isInstanceOf(IllegalArgumentException.class);
    Lease lease = held(first.tryAcquire(key("k"), longTtl()));
    assertThatThrownBy(() -> lease.extend(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    lease.release();
  }

  @Test
  void refusesKeysNoStoreCanKeepApartBeforeTakingAnything() {
    String base = key("k");
    for (RefusedKeys.Refused refused : RefusedKeys.around(base)) {
      RefusedKeys.assertRefused(refused, () -> first.tryAcquire(refused.key(), longTtl()));
      RefusedKeys.assertRefused(refused, () -> first.acquire(refused.key(), longTtl(), Duration.ZERO));
    }
    // "s" with U+D800, "s" with U+DBFF and "s?" were one key: the refused keys' neighbours are untouched.
    held(second.tryAcquire(base + "s?", longTtl())).release();
    held(second.tryAcquire(base + "ab", longTtl())).release();
  }

  @Test
  void keysThatDifferOnlyOutsideTheBasicPlaneAreDistinctLocks() {
    String base = key("k");
    try (Lease grinning = held(first.tryAcquire(base + "s\uD83D\uDE00", longTtl()));
        Lease beaming = held(second.tryAcquire(base + "s\uD83D\uDE01", longTtl()));
        Lease question = held(second.tryAcquire(base + "s?", longTtl()))) {
      assertThat(second.tryAcquire(base + "s\uD83D\uDE00", longTtl())).as("the same key again").isEmpty();
      assertThat(List.of(grinning, beaming, question)).allMatch(Lease::isValid);
    }
  }

  @Test
  void refusesTtlsLongerThanTheBoundBeforeTakingAnything() {
    String key = key("k");
    for (Duration tooLong : List.of(Duration.ofSeconds(Long.MAX_VALUE), StoreArguments.MAX_DURATION.plusMillis(1))) {
      for (LockProvider provider : List.of(first, new WatchdogLockProvider(first))) {
        assertThatThrownBy(() -> provider.tryAcquire(key, tooLong))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be at most 36500 days");
        assertThatThrownBy(() -> provider.acquire(key, tooLong, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be at most 36500 days");
      }
    }
    Lease lease = held(second.tryAcquire(key, longTtl()));
    assertThatThrownBy(() -> lease.extend(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl must be at most 36500 days");
    assertThat(lease.isValid()).as("still held after the refused extend").isTrue();
    assertThat(lease.extend(StoreArguments.MAX_DURATION)).as("the bound itself is a TTL like any other").isTrue();
    assertThat(first.tryAcquire(key, longTtl())).isEmpty();
    assertThat(lease.release()).isTrue();
  }

  @Test
  void aWaitLongerThanAnyClockCountsWaitsAsLongAsItTakes() throws InterruptedException {
    String key = key("k");
    Lease holder = held(first.tryAcquire(key, shortTtl()));
    Lease next = held(second.acquire(key, longTtl(), Duration.ofSeconds(Long.MAX_VALUE)));
    assertThat(next.fencingToken()).isGreaterThan(holder.fencingToken());
    next.release();
  }
}
