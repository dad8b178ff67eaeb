package io.gogoscope.processor.contract;

import io.gogoscope.annotations.CircuitBreaker;
import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.RateLimit;
import io.gogoscope.annotations.ScopeTask;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The interface {@link GeneratedStorePoliciesContract} compiles through the processor: one method
 * per store-backed policy. The methods that hold a lock run the caller's {@code work} while they
 * hold it, so a test decides how long a lock stays held.
 */
@ScopeTask(name = "desk")
public interface OrderDesk {

  /** Runs {@code work} holding the lock of the order; a held lock is not waited for. */
  @DistributedLock(key = "order:{orderId}", ttl = "30s")
  String place(String orderId, Supplier<String> work);

  /** Runs {@code work} holding the lock of the account, waiting up to 20 s for it. */
  @DistributedLock(key = "ledger:{account}", ttl = "30s", maxWait = "20s")
  String post(String account, Supplier<String> work);

  /**
   * Runs {@code work} holding a lock that expires after three seconds, however long the work takes
   * (long enough that a loaded machine still asks for it again before it expires).
   */
  @DistributedLock(key = "job:{job}", ttl = "3s")
  String runJob(String job, Supplier<String> work);

  /** A scheduled job's run: the lock stays taken a second however fast the work is. */
  @DistributedLock(key = "tick:{job}", ttl = "30s", minHold = "1s")
  String tick(String job, Supplier<String> work);

  /** One quote per symbol and 400 ms; a call over it waits up to 5 s for a permit. */
  @RateLimit(key = "quote:{symbol}", limit = 1, window = "400ms", maxWait = "5s")
  String quote(String symbol);

  /** Two searches per user and minute. */
  @RateLimit(key = "user:{user.id}", limit = 2, window = "1m")
  String search(User user, String query);

  /** Pays through a provider guarded by a breaker whose state every instance shares. */
  @CircuitBreaker(name = "payments", failureThreshold = 2, resetTimeout = "5m", shared = true)
  String pay(String orderId) throws IOException;

  /** Runs {@code work} holding the lock of the pair: distinct pairs must take distinct locks. */
  @DistributedLock(key = "pair:{a}:{b}", ttl = "30s")
  String lockPair(String a, String b, Supplier<String> work);

  /** One call per pair and minute: distinct pairs must have distinct counts. */
  @RateLimit(key = "pair:{a}:{b}", limit = 1, window = "1m")
  String countPair(String a, String b);

  /** Runs {@code work} holding the lock {@code name}, whatever it is (also empty, or too long). */
  @DistributedLock(key = "{name}", ttl = "30s")
  String lockNamed(String name, Supplier<String> work);

  /** Five calls per minute counted under {@code name}, whatever it is. */
  @RateLimit(key = "{name}", limit = 5, window = "1m")
  String countNamed(String name);

  /** Whoever searches. */
  record User(String id) {}
}
