package io.gogoscope.store;

import io.gogoscope.TimeSource;
import io.gogoscope.store.spi.StoreArguments;
import java.time.Duration;

/**
 * Sliding-window rate limits, shared by key. One round trip per check in the remote stores.
 * Behaviour is pinned by {@code io.gogoscope.store.contract.RateLimitStoreContract} in the
 * runtime's test-jar.
 */
public interface RateLimitStore {

  /**
   * Counts one call against {@code key} if fewer than {@code max} calls were admitted in the
   * {@code window} that ends now, and says whether this one is admitted. The window is
   * {@code (now - window, now]}: a call admitted at {@code t} stops counting at {@code t + window}.
   * Refused calls are not counted.
   *
   * @throws IllegalArgumentException when {@code key} breaks the key rules of
   *     {@link StoreArguments#key}, {@code max} is below 1 or {@code window} is not positive or
   *     longer than {@link StoreArguments#MAX_DURATION}; checked before anything is counted
   * @throws StoreException when the store cannot be reached
   */
  RateLimitDecision checkAndIncrement(String key, int max, Duration window);

  /**
   * {@link #checkAndIncrement} that waits up to {@code maxWait} for a permit instead of refusing at
   * once: while refused it sleeps (on {@code time}) until the refusal's {@code retryAfter} and asks
   * again. When the next permit cannot come within what is left of {@code maxWait}, it returns the
   * refusal at once rather than wait in vain. Calls that wait are not counted (only admissions are),
   * so waiters do not push each other out; they are not served in arrival order either.
   *
   * <p>A store may override this with a server-side wait; the default works on every store.
   *
   * @param time where it sleeps and reads the clock ({@code retryAfter} is judged against
   *     {@code time.now()})
   * @return the admission, or the last refusal
   * @throws InterruptedException when the thread is interrupted while waiting (a deadline of the
   *     call, a cancellation); nothing is counted then
   * @throws IllegalArgumentException as {@link #checkAndIncrement}, and when {@code maxWait} is negative
   * @throws StoreException when the store cannot be reached
   */
  default RateLimitDecision awaitPermit(String key, int max, Duration window, Duration maxWait, TimeSource time)
      throws InterruptedException {
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait is " + maxWait + "; give how long to wait for a permit, zero or more");
    }
    long waitNanos = StoreArguments.saturatedNanos(maxWait);
    long start = time.nanoTime();
    while (true) {
      RateLimitDecision decision = checkAndIncrement(key, max, window);
      if (decision.allowed()) {
        return decision;
      }
      long left = waitNanos - (time.nanoTime() - start);
      long retryAfter = StoreArguments.saturatedNanos(decision.retryAfter(time.now()));
      if (retryAfter > left) {
        return decision;
      }
      // At least a millisecond: a permit due "now" by a coarse clock must not make this spin.
      time.sleep(Duration.ofNanos(Math.max(retryAfter, 1_000_000)));
    }
  }
}
